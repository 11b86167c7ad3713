"""Input of the report workflow besides the values (which the catalogue parses): the year to start,
a warning's answer, the district's comment, a correction's reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

from innopilot.annual.services import MAX_COMMENT


def _text(label, required_message, rows=3):
    return forms.CharField(
        label=label,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": MAX_COMMENT}),
        error_messages={
            "required": required_message,
            "max_length": _("Keep the text under 2,000 characters."),
        },
    )


class StartForm(forms.Form):
    year = forms.IntegerField(
        error_messages={"required": _("Choose a data year."), "invalid": _("Choose a data year.")}
    )


class WarningAnswerForm(forms.Form):
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=MAX_COMMENT,
        error_messages={"max_length": _("Keep the text under 2,000 characters.")},
    )
    confirm = forms.BooleanField(required=False)


class ReturnForm(forms.Form):
    comment = _text(_("What should the enterprise correct?"), _("Say what the enterprise should correct."))


class RejectForm(forms.Form):
    comment = _text(_("Why is the correction rejected?"), _("Say why the correction is rejected."))


class CorrectionForm(forms.Form):
    reason = _text(_("What do you want to correct, and why?"), _("Say what you want to correct and why."))
