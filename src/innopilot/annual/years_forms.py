"""The city's form for a reporting year (kept apart from the report form's ``forms``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from innopilot.annual.models import IndicatorCatalogue, ReportingYear
from innopilot.annual.years import FIRST_YEAR, LAST_YEAR

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CatalogueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, catalogue):
        return f"{catalogue.name} v{catalogue.version}（{catalogue.urn}）"


class ReportingYearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Data year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=_("The calendar year the data describe, e.g. 2025 for the data reported in 2026."),
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        widget=DATE_INPUT,
        help_text=_("The last day, Beijing time; it still counts as on time."),
    )
    catalogue = CatalogueChoiceField(
        label=_("Indicator catalogue"),
        queryset=IndicatorCatalogue.objects.order_by("urn", "-version"),
        empty_label=None,
        help_text=_("New reports of this year use it; it cannot change once reports exist."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=ReportingYear.Status.choices)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    @classmethod
    def initial_from(cls, reporting_year: ReportingYear) -> dict:
        return {
            "year": reporting_year.year,
            "deadline": reporting_year.deadline,
            "catalogue": reporting_year.catalogue_id,
            "status": reporting_year.status,
            "notes": reporting_year.notes,
        }
