"""Reporting years (the city's) and the officials' overview of annual data with its Excel export."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from innopilot.accounts import access
from innopilot.annual import overview, overview_export, years
from innopilot.annual.models import IndicatorCatalogue, ReportingYear
from innopilot.annual.overview_forms import OverviewFilterForm
from innopilot.annual.years_forms import ReportingYearForm
from innopilot.common.errors import DomainError
from innopilot.common.excel import xlsx_response
from innopilot.directory.models import IndustrySection


def _show_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


# --- Reporting years -----------------------------------------------------------------------------------


@access.require(access.can_view_reporting_years)
def annual_year_list(request):
    context = {
        "reporting_years": years.years_for_list(request.user),
        "can_manage": access.can_manage_reporting_years(request.user),
        "can_view_overview": access.can_view_annual_overview(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "annual/overview/year_list.html", context)


@access.require(access.can_manage_reporting_years)
def annual_year_create(request):
    latest = years.latest_catalogue()
    today = timezone.localdate()
    initial = {"year": today.year - 1, "status": ReportingYear.Status.OPEN, "catalogue": latest}
    form = ReportingYearForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            reporting_year = years.reporting_year_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("Data year %(year)s is set up.") % {"year": reporting_year.year})
            return redirect("annual_year_list")
    context = {"form": form, "reporting_year": None, "no_catalogue": latest is None}
    return render(request, "annual/overview/year_form.html", context, status=400 if form.errors else 200)


def _reporting_year_or_404(year: int) -> ReportingYear:
    reporting_year = ReportingYear.objects.select_related("catalogue").filter(year=year).first()
    if reporting_year is None:
        raise Http404
    return reporting_year


@access.require(access.can_manage_reporting_years)
def annual_year_edit(request, year: int):
    reporting_year = _reporting_year_or_404(year)
    form = ReportingYearForm(request.POST or None, initial=ReportingYearForm.initial_from(reporting_year))
    if request.method == "POST" and form.is_valid():
        try:
            reporting_year = years.reporting_year_update(
                actor=request.user, reporting_year=reporting_year, **form.cleaned_data
            )
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("Data year %(year)s is saved.") % {"year": reporting_year.year})
            return redirect("annual_year_list")
    context = {
        "form": form,
        "reporting_year": reporting_year,
        "no_catalogue": not IndicatorCatalogue.objects.exists(),
    }
    return render(request, "annual/overview/year_form.html", context, status=400 if form.errors else 200)


# --- The officials' overview --------------------------------------------------------------------------


def _overview(request, tables=None) -> tuple[OverviewFilterForm, overview.Overview]:
    available = overview.overview_years(request.user)
    sections = list(IndustrySection.objects.order_by("code"))
    form = OverviewFilterForm(request.GET or None, years=available, sections=sections)
    data = overview.overview_for(
        request.user, form.to_filters(), years=available, sections=sections, tables=tables
    )
    return form, data


def _query_without(request, *names) -> str:
    """The current filters without ``names``, for links that set them (tabs, a section)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@access.require(access.can_view_annual_overview)
def annual_overview(request):
    form, data = _overview(request)
    context = {
        "overview": data,
        "filters": form,
        "querystring": request.GET.urlencode(),
        "base_query": _query_without(request, "view", "section"),
        "chart": overview.status_chart(data.status) if len(data.status.by_unit) > 1 else None,
        "can_manage_years": access.can_manage_reporting_years(request.user),
    }
    return render(request, "annual/overview/overview.html", context)


@access.require(access.can_view_annual_overview)
def annual_overview_export(request):
    data = _overview(request, tables=(overview.View.UNIT, overview.View.INDUSTRY))[1]
    return xlsx_response(overview_export.overview_workbook(data), overview_export.filename(data))
