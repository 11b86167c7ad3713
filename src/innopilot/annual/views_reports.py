"""The report workflow's pages: my reports, the form (htmx save per field, with a whole-form fallback
without JavaScript), warnings, submit, the district's return and acceptance, corrections, history and
the district's list of reports awaiting review.

Every view checks access at the top: ``access.get_annual_report_for`` answers 404 outside the user's
scope; changes are refused (403) to those who may only read.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopilot.accounts import access
from innopilot.annual import selectors_reports as selectors
from innopilot.annual import services
from innopilot.annual.form import report_page
from innopilot.annual.forms_reports import (
    CorrectionForm,
    RejectForm,
    ReturnForm,
    StartForm,
    WarningAnswerForm,
)
from innopilot.annual.models import AnnualReport, PlausibilityWarning, ReportingYear, ReportSubmission
from innopilot.annual.spec import catalogue_spec
from innopilot.common.errors import DomainError

Status = AnnualReport.Status
FIELD_RESPONSE = "annual/reports/includes/field_response.html"


def _editable_or_403(request, report: AnnualReport) -> None:
    if not access.can_edit_annual_report(request.user, report):
        raise PermissionDenied


def _reviewer_or_403(request, report: AnnualReport) -> None:
    if not access.can_review_annual_report(request.user, report):
        raise PermissionDenied


def _detail_url(report: AnnualReport, anchor: str = "") -> str:
    return reverse("annual_report_detail", args=[report.pk]) + (f"#{anchor}" if anchor else "")


# --- My reports and starting one ---------------------------------------------------------------------


@access.require(access.can_report_annual_data)
def annual_report_list(request, status: int = 200):
    reports = selectors.my_reports(request.user)
    years = selectors.open_years(timezone.localdate())
    taken = {report.year for report in reports}
    for report in reports:
        report.open_year = years.get(report.year)
    context = {
        "reports": reports,
        "startable": [row for year, row in years.items() if year not in taken],
    }
    return render(request, "annual/reports/list.html", context, status=status)


@require_POST
@access.require(access.can_report_annual_data)
def annual_report_start(request):
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            report = services.report_start(request.user, form.cleaned_data["year"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            return redirect("annual_report_detail", pk=report.pk)
    else:
        messages.error(request, form.errors["year"][0])
    return annual_report_list(request, status=400)


# --- One report --------------------------------------------------------------------------------------


def _context(request, report: AnnualReport, page=None, **extra) -> dict:
    user = request.user
    submissions = selectors.recent_submissions(report)
    latest = submissions[0] if submissions else None
    Decision = ReportSubmission.Decision
    reporting_year = ReportingYear.objects.filter(year=report.year).first()
    context = {
        "report": report,
        "page": page or report_page(report),
        "editable": access.can_edit_annual_report(user, report),
        "can_review": access.can_review_annual_report(user, report),
        "can_correct": access.can_request_annual_correction(user, report),
        "submissions": submissions,
        "pending": latest if latest and latest.decision == Decision.PENDING else None,
        "latest_return": latest if report.status == Status.RETURNED else None,
        "latest_rejection": latest if latest and latest.decision == Decision.REJECTED else None,
        "correction": selectors.open_correction(report),
        "reporting_year": reporting_year,
        "days_left": (reporting_year.deadline - timezone.localdate()).days if reporting_year else None,
        "return_form": ReturnForm(),
        "reject_form": RejectForm(),
        "correction_form": CorrectionForm(),
    }
    context.update(extra)
    return context


@access.require(access.can_view_annual_reports)
def annual_report_detail(request, pk: int):
    """The form (or, for those who may only read, the report as filled in). Posted as a whole it is
    the fallback without JavaScript: every field is saved, or none."""
    report = access.get_annual_report_for(request.user, pk)
    if request.method == "POST":
        _editable_or_403(request, report)
        try:
            services.report_values_save(request.user, report, request.POST)
        except services.ValuesRefused as refused:
            page = report_page(report, errors=refused.errors, posted=request.POST, refused=refused.problems)
            context = _context(request, report, page, save_error=refused.message)
            return render(request, "annual/reports/detail.html", context, status=400)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your values are saved."))
        return redirect(_detail_url(report))
    return render(request, "annual/reports/detail.html", _context(request, report))


def _warning_state(report: AnnualReport, code: str) -> list[tuple]:
    return list(
        PlausibilityWarning.objects.filter(report=report, indicator__code=code)
        .order_by("kind")
        .values_list("pk", "value", "explanation", "confirmed")
    )


@require_POST
@access.require(access.can_view_annual_reports)
def annual_value_save(request, pk: int, code: str):
    """One field, saved as the user leaves it: its fragment with the fields sharing a rule, the
    progress, the ratios, the submit panel (and the warnings, when they changed) swapped out of band.
    A refused value answers 422 with the message beside the field (and beside the other field of a
    broken rule). Without htmx: back to the field, or the whole page with the message."""
    report = access.get_annual_report_for(request.user, pk)
    _editable_or_403(request, report)
    if code not in catalogue_spec(report.catalogue).by_code:
        raise Http404
    raw = request.POST.get(code, request.POST.get("value", ""))
    before = _warning_state(report, code)
    try:
        saved = services.value_save(request.user, report, code, raw)
    except services.ValueRefused as refused:
        page = report_page(
            report, errors={code: refused.message}, posted={code: raw}, refused=list(refused.problems)
        )
        page.fields[code].retry = bool(refused.problems)
        if not request.htmx:
            context = _context(request, report, page, save_error=refused.message)
            return render(request, "annual/reports/detail.html", context, status=400)
        context = {
            "report": report,
            "page": page,
            "field": page.fields[code],
            "related": page.related(code),
            "editable": True,
            "refused": True,
        }
        return render(request, FIELD_RESPONSE, context, status=422)
    except DomainError as error:  # the report was submitted meanwhile (another tab)
        if not request.htmx:
            messages.error(request, error.message)
            return redirect(_detail_url(report))
        page = report_page(report)
        page.fields[code].error = error.message
        context = {
            "report": report,
            "page": page,
            "field": page.fields[code],
            "editable": True,
            "refused": True,
        }
        return render(request, FIELD_RESPONSE, context, status=422)
    if not request.htmx:
        return redirect(_detail_url(report, f"f-{code}"))
    page = report_page(report, values=saved.values)
    page.fields[code].saved = True
    context = {
        "report": report,
        "page": page,
        "field": page.fields[code],
        "related": page.related(code),
        "editable": True,
        "warnings_changed": _warning_state(report, code) != before,
    }
    response = render(request, FIELD_RESPONSE, context)
    response["HX-Trigger"] = "valueSaved"  # fields refused for a rule try again
    return response


def _warning_or_404(report: AnnualReport, warning_pk: int) -> PlausibilityWarning:
    warning = (
        PlausibilityWarning.objects.filter(pk=warning_pk, report=report).select_related("report").first()
    )
    if warning is None:
        raise Http404
    return warning


@require_POST
@access.require(access.can_view_annual_reports)
def annual_warning_answer(request, pk: int, warning_pk: int):
    report = access.get_annual_report_for(request.user, pk)
    warning = _warning_or_404(report, warning_pk)
    _editable_or_403(request, report)
    form = WarningAnswerForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.warning_answer(request.user, warning, **form.cleaned_data)
        except DomainError as refused:
            error = refused.message
    else:
        error = next(iter(form.errors.values()))[0]
    if not request.htmx:
        if not error:
            messages.success(request, _("Your answer to the warning is saved."))
            return redirect(_detail_url(report, f"w-{warning_pk}"))
        page = report_page(report)
        context = _context(request, report, page, warning_errors={warning_pk: error})
        return render(request, "annual/reports/detail.html", context, status=400)
    page = report_page(report)
    shown = next((w for w in page.warnings if w.pk == warning.pk), None)
    if shown is None:  # gone meanwhile (the value changed in another tab): show the panel as it is
        context = {"report": report, "page": page, "editable": True, "oob": True}
        return render(request, "annual/reports/includes/warnings.html", context)
    context = {
        "report": report,
        "page": page,
        "editable": True,
        "warning": shown,
        "field": page.fields[shown.indicator_spec.code],
        "error": error,
        "posted": request.POST.get("explanation", "") if error else None,
    }
    status = 422 if error else 200
    return render(request, "annual/reports/includes/warnings_response.html", context, status=status)


@require_POST
@access.require(access.can_view_annual_reports)
def annual_report_submit(request, pk: int):
    report = access.get_annual_report_for(request.user, pk)
    _editable_or_403(request, report)
    try:
        submission = services.report_submit(request.user, report)
    except DomainError as error:
        report.refresh_from_db()
        context = _context(request, report, submit_error=error.message)
        return render(request, "annual/reports/detail.html", context, status=400)
    if submission.correction_id:
        text = _("Your correction is submitted; your managing district will accept or reject it.")
    else:
        text = _("Submission no. %(number)s is recorded; your managing district can now review it.") % {
            "number": submission.number
        }
    messages.success(request, text)
    return redirect("annual_report_history", pk=report.pk)


def _decision_failed(request, report, **forms):
    report.refresh_from_db()
    return render(request, "annual/reports/detail.html", _context(request, report, **forms), status=400)


def _commented_decision(request, report, form, decide, *, form_key: str, done: str):
    """A district decision that needs a comment (return, reject a correction): the form's field
    ``comment`` goes to ``decide``; a refusal shows the report again with the form's errors."""
    _reviewer_or_403(request, report)
    if form.is_valid():
        try:
            decide(request.user, report, form.cleaned_data["comment"])
        except DomainError as error:
            form.add_error("comment" if error.field == "comment" else None, error.message)
        else:
            messages.success(request, done)
            return redirect("annual_report_history", pk=report.pk)
    return _decision_failed(request, report, **{form_key: form})


@require_POST
@access.require(access.can_view_annual_reports)
def annual_report_return(request, pk: int):
    report = access.get_annual_report_for(request.user, pk)
    return _commented_decision(
        request,
        report,
        ReturnForm(request.POST),
        services.report_return,
        form_key="return_form",
        done=_("The report is returned to the enterprise with your comment."),
    )


@require_POST
@access.require(access.can_view_annual_reports)
def annual_report_accept(request, pk: int):
    report = access.get_annual_report_for(request.user, pk)
    _reviewer_or_403(request, report)
    try:
        submission = services.report_accept(request.user, report)
    except DomainError as error:
        return _decision_failed(request, report, decision_error=error.message)
    if submission.correction_id:
        messages.success(request, _("The correction is accepted: it is now the report's accepted version."))
    else:
        messages.success(request, _("The report is accepted."))
    return redirect("annual_report_history", pk=report.pk)


@require_POST
@access.require(access.can_view_annual_reports)
def annual_correction_request(request, pk: int):
    report = access.get_annual_report_for(request.user, pk)
    if not access.can_request_annual_correction(request.user, report):
        raise PermissionDenied
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            services.correction_request(request.user, report, form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error("reason" if error.field == "reason" else None, error.message)
        else:
            messages.success(
                request,
                _(
                    "You may now correct the values and submit the correction; the accepted version "
                    "stays until your district accepts it."
                ),
            )
            return redirect("annual_report_detail", pk=report.pk)
    return _decision_failed(request, report, correction_form=form)


@require_POST
@access.require(access.can_view_annual_reports)
def annual_correction_reject(request, pk: int):
    report = access.get_annual_report_for(request.user, pk)
    return _commented_decision(
        request,
        report,
        RejectForm(request.POST),
        services.correction_reject,
        form_key="reject_form",
        done=_("The correction is rejected; the accepted values are restored."),
    )


@access.require(access.can_view_annual_reports)
def annual_report_history(request, pk: int):
    report = access.get_annual_report_for(request.user, pk)
    entries, corrections = selectors.report_history(report)
    context = {
        "report": report,
        "reporting_year": ReportingYear.objects.filter(year=report.year).first(),
        "entries": entries,
        "corrections": corrections,
        "can_review": access.can_review_annual_report(request.user, report),
    }
    return render(request, "annual/reports/history.html", context)


# --- The officials' list of reports ---------------------------------------------------------------


@access.require(access.can_view_annual_review_list)
def annual_review_list(request):
    """Officials' list of reports: by default those awaiting review; any status, year and unit."""
    years = selectors.review_years(request.user)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    status = request.GET.get("status", "submitted")
    if status not in selectors.LIST_STATUSES:
        status = "submitted"
    units = list(access.units_visible_to(request.user).order_by("sort_order", "code"))
    unit_code = request.GET.get("unit") or None
    if unit_code not in {unit.code for unit in units}:
        unit_code = None
    reports = selectors.reports_awaiting_review(request.user, year=year, status=status, unit_code=unit_code)
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    filters = {
        key: value for key, value in (("year", year), ("status", status), ("unit", unit_code)) if value
    }
    context = {
        "page_obj": page,
        "years": years,
        "year": year,
        "status": status,
        "statuses": _list_statuses(),
        "units": units if len(units) > 1 else [],
        "unit_code": unit_code,
        "querystring": urlencode(filters),
        "decides": access.decides_annual_reports(request.user),
    }
    return render(request, "annual/reports/review_list.html", context)


def _list_statuses() -> list[tuple[str, str]]:
    return [
        ("submitted", _("Submitted, awaiting review")),
        ("returned", _("Returned")),
        ("draft", _("In progress")),
        ("accepted", _("Accepted")),
        ("correcting", _("Being corrected")),
        ("late", _("Late")),
        ("all", _("All reports")),
    ]
