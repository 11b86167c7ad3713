"""Input of the assessment workflow: one question's answer, an evidence file, a return comment.

The answering page draws its own inputs (level descriptors beside the radios); these forms parse
and check what it posts, with messages in the user's language.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innopilot.assessments.models import Answer
from innopilot.assessments.services import EVIDENCE_FORMATS, FIRST_YEAR
from innopilot.common.uploads import accept_attribute
from innopilot.standards.models import Question


class AnswerForm(forms.Form):
    """The value field's type follows the question's kind; "not applicable" exists only where allowed."""

    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000)

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        if question.kind == Question.Kind.MATURITY:
            self.fields["value"] = forms.TypedChoiceField(
                choices=[(str(n), str(n)) for n in range(5)],
                coerce=int,
                required=False,
                empty_value=None,
                error_messages={"invalid_choice": _("Choose a level from 0 to 4.")},
            )
        elif question.kind == Question.Kind.YES_PARTLY_NO:
            self.fields["value"] = forms.ChoiceField(
                choices=Answer.Choice.choices,
                required=False,
                error_messages={"invalid_choice": _("Choose yes, partly or no.")},
            )
        else:
            self.fields["value"] = forms.DecimalField(
                required=False,
                min_value=0,
                max_digits=14,
                decimal_places=2,
                error_messages={
                    "invalid": _("Enter a number."),
                    "min_value": _("Enter a number of 0 or more."),
                    "max_digits": _("This number is too large."),
                    "max_whole_digits": _("This number is too large."),
                    "max_decimal_places": _("Enter at most two decimal places."),
                },
            )
        if question.allows_not_applicable:
            self.fields["not_applicable"] = forms.BooleanField(required=False)

    def clean(self):
        data = super().clean()
        if "not_applicable" not in self.fields and self.data.get("not_applicable"):
            self.add_error(None, _("This question cannot be answered “not applicable”."))
        return data


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"),
        widget=forms.FileInput(attrs={"accept": accept_attribute(EVIDENCE_FORMATS)}),
        error_messages={"required": _("Choose a file to upload.")},
    )
    refers_to = forms.DateField(
        label=_("Date the evidence refers to"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the date the evidence refers to.")},
    )
    description = forms.CharField(label=_("Description"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["refers_to"].widget.attrs["max"] = timezone.localdate().isoformat()


class StartForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, taken: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        years = [year for year in range(this_year, FIRST_YEAR - 1, -1) if year not in taken]
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.fields["year"].initial = years[0] if years else None


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the enterprise correct?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what the enterprise should correct.")},
    )
