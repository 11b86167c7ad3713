from django import forms
from django.utils.translation import gettext_lazy as _

from innopilot.annual.excel.export import DEFAULT_STATUSES, ExportFilters, layout_name
from innopilot.annual.models import AnnualReport


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in template (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)


class ExportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Data year"), coerce=int, required=False)
    unit = forms.ChoiceField(label=_("Managing unit"), required=False)
    section = forms.ChoiceField(label=_("Industry section"), required=False)
    status = forms.MultipleChoiceField(
        label=_("Report status"),
        required=False,
        choices=AnnualReport.Status.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    layout = forms.ChoiceField(label=_("Column names"), required=False)

    def __init__(self, *args, years, units, sections, layouts, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years
        self.fields["year"].choices = [(year, year) for year in years]
        self.fields["unit"].choices = [("", _("All units")), *((u.code, u.name) for u in units)]
        self.fields["section"].choices = [
            ("", _("All industries")),
            *((s.code, f"{s.code} {s.name}") for s in sections),
        ]
        self.fields["layout"].choices = [
            ("", _("Innopilot indicator codes, with derived ratios")),
            *((key, layout_name(key)) for key in layouts),
        ]
        self.initial.setdefault("status", list(DEFAULT_STATUSES))
        if years:
            self.initial.setdefault("year", years[0])

    def to_filters(self) -> ExportFilters | None:
        """The export's filters (the latest year by default); an invalid value (a stale link) is
        dropped rather than refused. None when there is no year at all."""
        data = {}
        if self.is_bound:
            self.is_valid()  # fills cleaned_data with the fields that are valid
            data = self.cleaned_data
        year = data.get("year") or (self.years[0] if self.years else None)
        if year is None:
            return None
        return ExportFilters(
            year=year,
            unit_code=data.get("unit") or "",
            section=data.get("section") or "",
            statuses=tuple(data.get("status") or DEFAULT_STATUSES),
            layout=data.get("layout") or "",
        )
