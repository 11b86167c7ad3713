from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopilot.accounts import access
from innopilot.common.errors import DomainError
from innopilot.common.excel import xlsx_response
from innopilot.directory import eligibility, export, selectors, services
from innopilot.directory.forms import (
    ContactFormSet,
    EnterpriseCreateForm,
    EnterpriseFilterForm,
    EnterpriseProfileForm,
    EnterpriseRecordForm,
    QualificationForm,
)
from innopilot.directory.models import ManagingUnit

PAGE_SIZE = 50


def _show_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


# --- Units ---------------------------------------------------------------------------------------


@access.require(access.can_view_directory)
def unit_list(request):
    units = selectors.units_with_pool(request.user, day=timezone.localdate()).select_related("region")
    return render(request, "directory/unit_list.html", {"units": units})


@access.require(access.can_view_directory)
def unit_detail(request, code: str):
    unit = access.get_unit_for(request.user, code)
    context = {
        "unit": unit,
        "officials": selectors.unit_officials(unit),
        "pool": selectors.unit_pool(unit, day=timezone.localdate()),
    }
    return render(request, "directory/unit_detail.html", context)


# --- Enterprise list and export ------------------------------------------------------------------


def _list_filters(request) -> tuple[EnterpriseFilterForm, selectors.EnterpriseFilters, list[ManagingUnit]]:
    units = list(access.units_visible_to(request.user))
    form = EnterpriseFilterForm(request.GET or None, units=units)
    return form, form.to_filters(), units


@access.require(access.can_view_directory)
def enterprise_list(request):
    form, filters, units = _list_filters(request)
    day = timezone.localdate()
    enterprises = selectors.enterprises_for_list(request.user, filters=filters, day=day)
    page = Paginator(enterprises, PAGE_SIZE).get_page(request.GET.get("page"))
    masked = not access.sees_contacts_unmasked_in_lists(request.user)
    rows = []
    for enterprise in page:
        qualifications = list(enterprise.qualifications.all())
        contacts = list(enterprise.contacts.all())
        first = contacts[0] if contacts else None
        rows.append(
            {
                "enterprise": enterprise,
                "valid": [q for q in qualifications if eligibility.holds_on(q, day)],
                "verdict": eligibility.assess(qualifications, day),
                "contact": first,
                "contact_details": export.contact_details(first, masked=masked) if first else None,
            }
        )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "rows": rows,
        "filters": form,
        "sort_links": _sort_links(request, filters.sort),
        "querystring": query.urlencode(),
        "show_unit_filter": len(units) > 1,
        "masked": masked,
        "can_import": access.can_import_enterprises(request.user),
    }
    return render(request, "directory/enterprise_list.html", context)


def _sort_links(request, current: str) -> dict[str, dict]:
    """For each sortable column: the link that sorts by it (ascending first, then reversed), and
    whether the list is sorted by it now."""
    links = {}
    for key in selectors.SORTS:
        query = request.GET.copy()
        query.pop("page", None)
        query["sort"] = f"-{key}" if current == key else key
        direction = "asc" if current == key else "desc" if current == f"-{key}" else ""
        links[key] = {"url": "?" + query.urlencode(), "direction": direction}
    return links


@access.require(access.can_view_directory)
def enterprise_export(request):
    filters = _list_filters(request)[1]
    day = timezone.localdate()
    rows = selectors.enterprises_for_export(request.user, filters=filters, day=day)
    content = export.enterprises_workbook(
        rows,
        day=day,
        masked=not access.sees_contacts_unmasked_in_lists(request.user),
    )
    filename = _("enterprises-%(date)s.xlsx") % {"date": day.isoformat()}
    return xlsx_response(content, filename)


# --- One enterprise ------------------------------------------------------------------------------


@access.require(access.signed_in)
def enterprise_detail(request, uscc: str):
    enterprise = selectors.enterprise_for_detail(request.user, uscc)
    user = request.user
    day = timezone.localdate()
    can_edit = access.can_edit_enterprise(user, enterprise)
    context = {
        "enterprise": enterprise,
        "enterprise_users": enterprise.users.order_by("username"),
        "can_manage_users": access.can_manage_users(user),
        "can_edit": can_edit,
        "can_edit_profile": access.can_edit_own_enterprise_profile(user),
        "can_edit_contacts": access.can_edit_enterprise_contacts(user, enterprise),
        "verdict": eligibility.assess(enterprise.qualifications.all(), day),
        "history": selectors.qualification_history(enterprise, day),
        "changes": selectors.enterprise_changes(enterprise) if access.sees_enterprise_changes(user) else None,
        # The enterprise's annual reports, for whoever may read them (the enterprise, officials in scope).
        "annual_reports": (
            enterprise.annual_reports.order_by("-year") if access.can_view_annual_reports(user) else None
        ),
        "day": day,
    }
    return render(request, "directory/enterprise_detail.html", context)


@access.require(access.can_create_enterprises)
def enterprise_create(request):
    form = EnterpriseCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = services.enterprise_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("Enterprise %(name)s registered.") % {"name": enterprise.name})
            return redirect("enterprise_detail", uscc=enterprise.uscc)
    return render(request, "directory/enterprise_form.html", {"form": form})


@access.require(access.can_view_directory)
def enterprise_edit(request, uscc: str):
    enterprise = access.get_editable_enterprise_for(request.user, uscc)
    units = (
        ManagingUnit.objects.filter(is_active=True) if access.can_change_managing_unit(request.user) else None
    )
    form = EnterpriseRecordForm(request.POST or None, instance=enterprise, unit_choices=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.enterprise_update(actor=request.user, enterprise=enterprise, **form.cleaned_data)
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("The enterprise's record is saved."))
            return redirect("enterprise_detail", uscc=enterprise.uscc)
    return render(
        request,
        "directory/enterprise_edit.html",
        {"form": form, "enterprise": enterprise, "title": _("Edit")},
    )


@access.require(access.can_edit_own_enterprise_profile)
def enterprise_profile_edit(request, uscc: str):
    enterprise = access.get_enterprise_for(request.user, uscc)
    form = EnterpriseProfileForm(request.POST or None, instance=enterprise)
    if request.method == "POST" and form.is_valid():
        try:
            services.enterprise_profile_update(actor=request.user, enterprise=enterprise, **form.cleaned_data)
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("Your enterprise's profile is saved."))
            return redirect("enterprise_detail", uscc=enterprise.uscc)
    context = {"form": form, "enterprise": enterprise, "title": _("Edit profile")}
    return render(request, "directory/enterprise_edit.html", context)


@access.require(access.signed_in)
def enterprise_contacts(request, uscc: str):
    """The contacts as one form: added, changed and deleted rows are saved together or not at all."""
    enterprise = access.get_enterprise_for(request.user, uscc)
    if not access.can_edit_enterprise_contacts(request.user, enterprise):
        raise PermissionDenied
    formset = ContactFormSet(request.POST or None, queryset=enterprise.contacts.all())
    if request.method == "POST" and formset.is_valid():
        kept = [form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        rows = [
            {"id": form.instance.pk, **{field: form.cleaned_data[field] for field in services.CONTACT_FIELDS}}
            for form in kept
        ]
        try:
            services.enterprise_contacts_replace(actor=request.user, enterprise=enterprise, contacts=rows)
        except DomainError as error:
            # The service names the row it refused as "<index>-<field>" among the rows it was given.
            index, _sep, field = (error.field or "").partition("-")
            if index.isdigit() and field in formset.form.base_fields:
                kept[int(index)].add_error(field, error.message)
            else:
                messages.error(request, error.message)
        else:
            messages.success(request, _("The contacts are saved."))
            return redirect("enterprise_detail", uscc=enterprise.uscc)
    return render(
        request, "directory/enterprise_contacts.html", {"formset": formset, "enterprise": enterprise}
    )


# --- Qualifications ------------------------------------------------------------------------------


def _qualification_form(request, enterprise, qualification=None):
    form = QualificationForm(request.POST or None, instance=qualification)
    if request.method == "POST" and form.is_valid():
        try:
            services.qualification_save(
                actor=request.user, enterprise=enterprise, qualification=qualification, **form.cleaned_data
            )
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("The qualification is saved."))
            return redirect("enterprise_detail", uscc=enterprise.uscc)
    context = {"form": form, "enterprise": enterprise, "qualification": qualification}
    return render(request, "directory/qualification_form.html", context)


@access.require(access.can_view_directory)
def qualification_create(request, uscc: str):
    enterprise = access.get_editable_enterprise_for(request.user, uscc)
    return _qualification_form(request, enterprise)


def _qualification_for(request, uscc: str, pk: int):
    enterprise = access.get_editable_enterprise_for(request.user, uscc)
    qualification = enterprise.qualifications.select_related("type").filter(pk=pk).first()
    if qualification is None:
        raise Http404
    return enterprise, qualification


@access.require(access.can_view_directory)
def qualification_edit(request, uscc: str, pk: int):
    enterprise, qualification = _qualification_for(request, uscc, pk)
    return _qualification_form(request, enterprise, qualification)


@require_POST
@access.require(access.can_view_directory)
def qualification_delete(request, uscc: str, pk: int):
    enterprise, qualification = _qualification_for(request, uscc, pk)
    try:
        services.qualification_delete(actor=request.user, qualification=qualification)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The qualification %(name)s is deleted.") % {"name": qualification})
    return redirect("enterprise_detail", uscc=enterprise.uscc)
