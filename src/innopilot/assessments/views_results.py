"""Results of one assessment (page, PDF, Excel) and the officials' overview of all in their scope.

One assessment's results are seen by whoever may see the assessment: its enterprise and the officials
in scope (``access.get_assessment_for`` answers 404 to everyone else)."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from innopilot.accounts import access
from innopilot.assessments import exports, overview, report
from innopilot.assessments.overview_forms import OverviewFilterForm
from innopilot.assessments.results import answers_by_clause, assessment_results
from innopilot.common.excel import xlsx_response

PAGE_SIZE = 50


@access.require(access.can_view_assessments)
def assessment_results_page(request, pk: int):
    assessment = access.get_assessment_for(request.user, pk)
    results = assessment_results(assessment)
    context = {
        "assessment": assessment,
        "results": results,
        "chart": results.chart_data(),
        "can_view_overview": access.can_view_assessment_overview(request.user),
    }
    return render(request, "assessments/results/page.html", context)


@access.require(access.can_view_assessments)
def assessment_report(request, pk: int):
    assessment = access.get_assessment_for(request.user, pk)
    results = assessment_results(assessment)
    response = HttpResponse(report.report_pdf(results), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, report.report_filename(results))
    return response


@access.require(access.can_view_assessments)
def assessment_answers_export(request, pk: int):
    assessment = access.get_assessment_for(request.user, pk)
    results = assessment_results(assessment)
    content = exports.answers_workbook(results, answers_by_clause(assessment))
    return xlsx_response(content, exports.answers_filename(results))


# --- Officials' overview -------------------------------------------------------------------------


def _overview_filters(request) -> tuple[OverviewFilterForm, overview.OverviewFilters, int]:
    units = list(access.units_visible_to(request.user))
    form = OverviewFilterForm(request.GET or None, units=units, years=overview.overview_years(request.user))
    return form, form.to_filters(), len(units)


@access.require(access.can_view_assessment_overview)
def assessment_overview(request):
    form, filters, unit_count = _overview_filters(request)
    assessments = overview.assessments_for_overview(request.user, filters=filters)
    page = Paginator(assessments, PAGE_SIZE).get_page(request.GET.get("page"))
    averages = overview.clause_averages(assessments)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": form,
        "page": page,
        "rows": overview.overview_rows(page),
        "summary": overview.status_summary(assessments),
        "averages": averages,
        "chart": overview.averages_chart(averages),
        "querystring": query.urlencode(),
        "show_unit_filter": unit_count > 1,
    }
    return render(request, "assessments/results/overview.html", context)


@access.require(access.can_view_assessment_overview)
def assessment_overview_export(request):
    filters = _overview_filters(request)[1]
    assessments = overview.assessments_for_overview(request.user, filters=filters)
    content = exports.overview_workbook(
        overview.overview_rows(assessments), overview.clause_averages(assessments)
    )
    return xlsx_response(content, exports.overview_filename())
