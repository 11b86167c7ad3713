from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from innopilot.accounts import access
from innopilot.common.errors import DomainError
from innopilot.common.excel import xlsx_response
from innopilot.directory.mechanisms import selectors, services
from innopilot.directory.mechanisms.exports import overview_workbook
from innopilot.directory.mechanisms.forms import MechanismForm


@access.require(access.can_view_mechanism_overview)
def mechanism_overview(request):
    only_incomplete = request.GET.get("incomplete") == "1"
    overview = selectors.mechanism_overview(request.user, only_incomplete=only_incomplete)
    context = {"overview": overview, "only_incomplete": only_incomplete, "items": selectors.ITEMS}
    return render(request, "directory/mechanisms/overview.html", context)


@access.require(access.can_view_mechanism_overview)
def mechanism_export(request):
    only_incomplete = request.GET.get("incomplete") == "1"
    overview = selectors.mechanism_overview(request.user, only_incomplete=only_incomplete)
    filename = _("work-mechanisms-%(date)s.xlsx") % {"date": timezone.localdate().isoformat()}
    return xlsx_response(overview_workbook(overview), filename)


@access.require(access.can_view_mechanisms)
def mechanism_detail(request, code: str):
    unit = access.get_unit_for(request.user, code)
    mechanism = selectors.mechanism_of(unit)
    context = {
        "unit": unit,
        "mechanism": mechanism,
        "missing": selectors.missing_items(mechanism),
        "can_edit": access.can_edit_mechanism(request.user, unit),
        "can_view_overview": access.can_view_mechanism_overview(request.user),
    }
    return render(request, "directory/mechanisms/detail.html", context)


@access.require(access.can_view_mechanisms)
def mechanism_edit(request, code: str):
    unit = access.get_unit_for(request.user, code)
    if not access.can_edit_mechanism(request.user, unit):
        raise PermissionDenied
    mechanism = selectors.mechanism_of(unit)
    form = MechanismForm(
        request.POST or None,
        request.FILES or None,
        unit=unit,
        mechanism=mechanism,
        max_mb=settings.WORK_PLAN_MAX_MB,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.mechanism_save(actor=request.user, unit=unit, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The work mechanism of %(unit)s is saved.") % {"unit": unit.name})
            return redirect("mechanism_detail", code=unit.code)
    status = 400 if form.errors else 200
    context = {"unit": unit, "mechanism": mechanism, "form": form}
    return render(request, "directory/mechanisms/edit.html", context, status=status)


@access.require(access.can_view_mechanisms)
def mechanism_plan(request, code: str):
    """The work plan, only through this view: media files are never served publicly."""
    unit = access.get_unit_for(request.user, code)
    mechanism = selectors.mechanism_of(unit)
    if mechanism is None or not mechanism.work_plan:
        raise Http404
    try:
        stream = mechanism.work_plan.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(stream, as_attachment=True, filename=mechanism.work_plan_name)
