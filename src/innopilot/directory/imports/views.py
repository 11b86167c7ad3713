from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from innopilot.accounts import access
from innopilot.common.errors import DomainError
from innopilot.common.excel import xlsx_response
from innopilot.directory.imports import selectors, services
from innopilot.directory.imports.forms import UploadForm
from innopilot.directory.imports.report import report_bytes
from innopilot.directory.imports.template import template_bytes

PAGE_SIZE = 50
PROBLEMS_SHOWN = 500


@access.require(access.can_import_enterprises)
def enterprise_import(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.import_create(actor=request.user, upload=form.cleaned_data["file"])
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            return redirect("enterprise_import_detail", pk=record.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "unit": access.import_unit_for(request.user),
        "recent": access.imports_visible_to(request.user).select_related("managing_unit")[:10],
    }
    return render(request, "directory/imports/upload.html", context, status=status)


@access.require(access.can_import_enterprises)
def enterprise_import_template(request):
    unit = access.import_unit_for(request.user)
    name = f"企业摸底表模板-{unit.name_zh}.xlsx" if unit else "企业摸底表模板.xlsx"
    return xlsx_response(template_bytes(unit=unit), name)


@access.require(access.can_import_enterprises)
def enterprise_import_detail(request, pk: int):
    record = access.get_import_for(request.user, pk)
    context = {
        "record": record,
        "errors": record.errors[:PROBLEMS_SHOWN],
        "warnings": record.warnings[:PROBLEMS_SHOWN],
        "problems_shown": PROBLEMS_SHOWN,
    }
    if record.status == record.Status.DONE:
        page = Paginator(record.outcome, PAGE_SIZE).get_page(request.GET.get("page"))
        context["page"] = page
        context["results"] = selectors.imported_enterprises(
            request.user, page.object_list, day=timezone.localdate()
        )
    return render(request, "directory/imports/detail.html", context)


@access.require(access.can_import_enterprises)
def enterprise_import_progress(request, pk: int):
    """Polled by htmx every second while the import runs; reloads the page when it is done."""
    record = access.get_import_for(request.user, pk)
    if not record.is_running:
        return HttpResponseClientRefresh()
    return render(request, "directory/imports/progress.html", {"record": record})


@require_POST
@access.require(access.can_import_enterprises)
def enterprise_import_confirm(request, pk: int):
    record = access.get_import_for(request.user, pk)
    try:
        record = services.import_confirm(actor=request.user, record=record)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if record.status == record.Status.DONE:
            messages.success(request, _("The enterprise list was imported."))
        elif record.status == record.Status.INVALID:
            messages.error(
                request, _("The directory changed since the check: please look at the problems below.")
            )
    return redirect("enterprise_import_detail", pk=record.pk)


@access.require(access.can_import_enterprises)
def enterprise_import_report(request, pk: int):
    record = access.get_import_for(request.user, pk)
    stem = record.original_name.rsplit(".", 1)[0]
    return xlsx_response(report_bytes(record), f"{stem}-导入结果.xlsx")
