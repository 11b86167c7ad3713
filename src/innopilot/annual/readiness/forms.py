"""The officials' readiness list filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from innopilot.annual.models import ReadinessResult
from innopilot.annual.readiness.lists import ALL, READY, ReadinessFilters


class ReadinessFilterForm(forms.Form):
    check = forms.ChoiceField(label=_("Check"), required=False)
    year = forms.TypedChoiceField(label=_("Data year"), required=False, coerce=int, empty_value=None)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[
            (READY, _("Passes or nearly passes")),
            *ReadinessResult.Outcome.choices,
            (ALL, _("Any outcome")),
        ],
    )
    unit = forms.ChoiceField(label=_("Managing unit"), required=False)

    def __init__(self, *args, checks, years, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["check"].choices = checks
        self.fields["year"].choices = [(year, year) for year in years]
        self.fields["unit"].choices = [("", _("All units")), *((u.code, u.name) for u in units)]
        self.default_check = checks[0][0] if checks else ""
        self.default_year = years[0] if years else None

    def to_filters(self) -> ReadinessFilters:
        """The first check and the latest year unless chosen; a stale value falls back to them."""
        data = {}
        if self.is_bound:
            self.is_valid()  # keeps the valid fields in cleaned_data
            data = self.cleaned_data
        return ReadinessFilters(
            check=data.get("check") or self.default_check,
            year=data.get("year") or self.default_year,
            outcome=data.get("outcome") or READY,
            unit_code=data.get("unit") or "",
        )
