"""The officials' overview filter: a data year (or every year), which reports count, an industry section."""

from django import forms
from django.utils.translation import gettext_lazy as _

from innopilot.annual.overview import Basis, OverviewFilters, View
from innopilot.directory.models import IndustrySection

ALL_YEARS = "all"


class OverviewFilterForm(forms.Form):
    year = forms.ChoiceField(label=_("Data year"), required=False)
    basis = forms.ChoiceField(label=_("Totals and medians count"), required=False, choices=Basis.CHOICES)
    view = forms.ChoiceField(label=_("Key indicators"), required=False, choices=View.CHOICES)
    section = forms.ChoiceField(label=_("Industry breakdown"), required=False)

    def __init__(self, *args, years: list[int], sections: list[IndustrySection], **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years
        self.fields["year"].choices = [*((str(y), str(y)) for y in years), (ALL_YEARS, _("All years"))]
        self.fields["section"].choices = [
            ("", _("By section")),
            *((s.code, _("Divisions of %(section)s") % {"section": f"{s.code} {s.name}"}) for s in sections),
        ]
        if years:
            self.initial.setdefault("year", str(years[0]))

    def to_filters(self) -> OverviewFilters:
        """The latest year unless another (or every year) is chosen; a section implies the industry
        view; an invalid value (a stale link) falls back to the default rather than being refused."""
        data = {}
        if self.is_bound:
            self.is_valid()  # fills cleaned_data with the fields that are valid
            data = self.cleaned_data
        year = data.get("year") or (str(self.years[0]) if self.years else ALL_YEARS)
        section = data.get("section") or ""
        return OverviewFilters(
            year=None if year == ALL_YEARS else int(year),
            basis=data.get("basis") or Basis.SUBMITTED,
            view=View.INDUSTRY if section else (data.get("view") or View.UNIT),
            section=section,
        )
