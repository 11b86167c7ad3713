"""The Excel round-trip pages: an enterprise's template and upload (check, preview, confirm, error
report) and the officials' export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopilot.accounts import access
from innopilot.annual.excel import export, services
from innopilot.annual.excel.forms import ConfirmForm, ExportForm, UploadForm
from innopilot.annual.excel.report import problems_bytes
from innopilot.common.errors import DomainError
from innopilot.common.excel import xlsx_response
from innopilot.directory.models import IndustrySection

# The report form's page (another module's URL name): linked when it exists ({% url … as %} is silent).
REPORT_PAGE = "annual_report_detail"


def _subject(report) -> str:
    return f"{report.enterprise.name} {report.year}"


@access.require(access.can_view_annual_reports)
def annual_template(request, pk: int):
    report = access.get_annual_report_for(request.user, pk)
    content, filename = services.template_for(report)
    return xlsx_response(content, filename)


def _upload_page(request, report, *, form, status=200, **extra):
    context = {
        "report": report,
        "form": form,
        "editable": access.can_edit_annual_report(request.user, report),
        "report_page": REPORT_PAGE,
        **extra,
    }
    return render(request, "annual/excel/upload.html", context, status=status)


@access.require(access.can_report_annual_data)
def annual_upload(request, pk: int):
    """GET: the upload form. POST: check the file and show its problems or the changes to confirm."""
    report = access.get_annual_report_for(request.user, pk)
    if request.method != "POST":
        return _upload_page(request, report, form=UploadForm())
    if not access.can_edit_annual_report(request.user, report):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, report, form=form, status=400)
    try:
        check = services.upload_check(actor=request.user, report=report, upload=form.cleaned_data["file"])
    except DomainError as error:
        form.add_error("file", error.message)
        return _upload_page(request, report, form=form, status=400)
    if check.problems:
        return _upload_page(
            request,
            report,
            form=UploadForm(),
            status=400,
            check=check,
            problems_token=services.problems_token(check),
        )
    return _upload_page(
        request,
        report,
        form=UploadForm(),
        check=check,
        lines=check.lines(),
        confirm=ConfirmForm(initial={"token": services.upload_token(check)}),
    )


@require_POST
@access.require(access.can_report_annual_data)
def annual_upload_confirm(request, pk: int):
    report = access.get_annual_report_for(request.user, pk)
    if not access.can_edit_annual_report(request.user, report):
        raise PermissionDenied
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Nothing to confirm: upload the file again."))
    try:
        written = services.upload_confirm(actor=request.user, report=report, token=form.cleaned_data["token"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(count)s values were saved from the file.") % {"count": written})
    return redirect("annual_upload", pk=report.pk)


@require_POST
@access.require(access.can_report_annual_data)
def annual_upload_report(request, pk: int):
    """The error report of a check as Excel (the check's problems travel signed in the form)."""
    report = access.get_annual_report_for(request.user, pk)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Nothing to report: upload the file again."))
    try:
        file_name, problems = services.problems_from_token(form.cleaned_data["token"], report)
    except DomainError as error:
        return HttpResponseBadRequest(error.message)
    stem = file_name.rsplit(".", 1)[0] or "upload"
    content = problems_bytes(problems, file_name=file_name, subject=_subject(report))
    return xlsx_response(content, f"{stem}-错误报告.xlsx")


def _export_form(request) -> ExportForm:
    return ExportForm(
        request.GET or None,
        years=export.export_years(request.user),
        units=access.units_visible_to(request.user),
        sections=IndustrySection.objects.order_by("code"),
        layouts=export.layout_keys(),
    )


@access.require(access.can_view_annual_overview)
def annual_export_form(request):
    return render(request, "annual/excel/export.html", {"form": _export_form(request)})


@access.require(access.can_view_annual_overview)
def annual_export(request):
    filters = _export_form(request).to_filters()
    if filters is None:
        messages.info(request, _("No data year has been opened yet: there is nothing to export."))
        return redirect("annual_export_form")
    content = export.export_bytes(request.user, filters)
    return xlsx_response(content, export.export_filename(filters))
