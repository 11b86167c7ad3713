"""The officials' overview filter (kept apart from the workflow's forms in ``forms.py``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from innopilot.assessments.models import Assessment
from innopilot.assessments.overview import OverviewFilters
from innopilot.directory.forms import industry_choices


class OverviewFilterForm(forms.Form):
    unit = forms.ChoiceField(label=_("Managing unit"), required=False)
    industry = forms.ChoiceField(label=_("Industry"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Assessment.Status.choices]
    )

    def __init__(self, *args, units, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All units")), *((u.code, u.name) for u in units)]
        self.fields["industry"].choices = industry_choices()
        self.fields["year"].choices = [("", _("All years")), *((y, y) for y in years)]

    def to_filters(self) -> OverviewFilters:
        """The selector's filters; an invalid value (a stale link) is dropped rather than refused."""
        data = {}
        if self.is_bound:
            self.is_valid()  # fills cleaned_data with the fields that are valid
            data = self.cleaned_data
        return OverviewFilters(
            unit_code=data.get("unit") or "",
            industry=data.get("industry") or "",
            year=data.get("year") or None,
            status=data.get("status") or "",
        )
