"""Readiness pages: one report's checks rule by rule (the enterprise its own, officials in scope), and
the officials' list of enterprises that pass or nearly pass a check, with its Excel export.

A report's page is computed live from its current values while its enterprise can still edit it
(so it helps while filling in), and also when nothing is stored yet; otherwise — a submitted or
accepted report, or one the viewer cannot edit — it shows the results stored at submission and
acceptance, which are what officials' lists count."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from innopilot.accounts import access
from innopilot.annual.readiness import exports, lists
from innopilot.annual.readiness.engine import as_json
from innopilot.annual.readiness.forms import ReadinessFilterForm
from innopilot.annual.readiness.loader import latest_ruleset
from innopilot.annual.readiness.results import compute
from innopilot.annual.readiness.words import check_view, localized, vocabulary
from innopilot.annual.spec import catalogue_spec
from innopilot.common.excel import xlsx_response
from innopilot.directory.models import QualificationType

PAGE_SIZE = 50


def _ordered(stored, ruleset_content: dict) -> list:
    order = {check["code"]: index for index, check in enumerate(ruleset_content.get("checks", []))}
    return sorted(stored, key=lambda result: order.get(result.check_code, len(order)))


@access.require(access.can_view_annual_reports)
def annual_readiness(request, pk: int):
    report = access.get_annual_report_for(request.user, pk)
    stored = list(report.readiness.select_related("ruleset"))
    ruleset = latest_ruleset()
    editable = access.can_edit_annual_report(request.user, report)
    live = ruleset is not None and (editable or not stored)
    if live:
        checks = [as_json(check) for check in compute(report, ruleset)]
        computed_at = timezone.now()
    else:
        ruleset = stored[0].ruleset if stored else None
        stored = _ordered(stored, ruleset.content) if ruleset else []
        checks = [result.details for result in stored]
        computed_at = max((result.computed_at for result in stored), default=None)
    words = vocabulary(
        [catalogue_spec(report.catalogue)],
        QualificationType.objects.all(),
        ruleset.content if ruleset else None,
    )
    context = {
        "report": report,
        "checks": [check_view(check, words) for check in checks],
        "ruleset": ruleset,
        "live": live,
        "editable": editable,  # the report header's Excel upload link
        "computed_at": computed_at,
        "can_view_list": access.can_view_annual_overview(request.user),
    }
    return render(request, "annual/readiness/page.html", context)


def _list_filters(request):
    ruleset = latest_ruleset()
    checks = [(c["code"], localized(c["label"])) for c in (ruleset.content["checks"] if ruleset else [])]
    units = list(access.units_visible_to(request.user))
    form = ReadinessFilterForm(
        request.GET or None, checks=checks, years=lists.readiness_years(request.user), units=units
    )
    return form, form.to_filters(), ruleset, len(units)


@access.require(access.can_view_annual_overview)
def annual_readiness_list(request):
    form, filters, ruleset, unit_count = _list_filters(request)
    results = lists.results_for_list(request.user, filters)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": form,
        "chosen": filters,
        "page": page,
        "counts": lists.outcome_counts(request.user, filters),
        "ruleset": ruleset,
        "querystring": query.urlencode(),
        "show_unit_filter": unit_count > 1,
    }
    return render(request, "annual/readiness/list.html", context)


@access.require(access.can_view_annual_overview)
def annual_readiness_export(request):
    _form, filters, ruleset, _units = _list_filters(request)
    results = list(lists.results_for_list(request.user, filters).select_related("report__catalogue"))
    specs = {result.report.catalogue_id: catalogue_spec(result.report.catalogue) for result in results}
    words = vocabulary(specs.values(), QualificationType.objects.all(), ruleset.content if ruleset else None)
    checks = ruleset.content["checks"] if ruleset else []
    label = next((check["label"] for check in checks if check["code"] == filters.check), None)
    content = exports.readiness_workbook(results, words, label)
    return xlsx_response(content, exports.readiness_filename(filters.check or "none"))
