from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from innopilot.accounts import access
from innopilot.common.errors import DomainError
from innopilot.directory import selectors, services
from innopilot.directory.forms import EnterpriseFilterForm, EnterpriseForm

PAGE_SIZE = 50


@access.require(access.can_view_directory)
def unit_list(request):
    units = selectors.units_with_counts(request.user).select_related("region")
    return render(request, "directory/unit_list.html", {"units": units})


@access.require(access.can_view_directory)
def unit_detail(request, code: str):
    unit = access.get_unit_for(request.user, code)
    context = {
        "unit": unit,
        "officials": selectors.unit_officials(unit),
        "enterprise_count": unit.enterprises.count(),
    }
    return render(request, "directory/unit_detail.html", context)


@access.require(access.can_view_directory)
def enterprise_list(request):
    units = list(access.units_visible_to(request.user))
    filters = EnterpriseFilterForm(request.GET or None, units=units)
    query = unit_code = ""
    if filters.is_valid():
        query, unit_code = filters.cleaned_data["q"].strip(), filters.cleaned_data["unit"]
    enterprises = selectors.enterprises_for_list(request.user, query=query, unit_code=unit_code)
    page = Paginator(enterprises, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "filters": filters, "show_unit_filter": len(units) > 1}
    return render(request, "directory/enterprise_list.html", context)


@access.require(access.can_create_enterprises)
def enterprise_create(request):
    form = EnterpriseForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = services.enterprise_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Enterprise %(name)s registered.") % {"name": enterprise.name})
            return redirect("enterprise_detail", uscc=enterprise.uscc)
    return render(request, "directory/enterprise_form.html", {"form": form})


@access.require(access.signed_in)
def enterprise_detail(request, uscc: str):
    enterprise = access.get_enterprise_for(request.user, uscc)
    users = enterprise.users.order_by("username")
    return render(
        request,
        "directory/enterprise_detail.html",
        {
            "enterprise": enterprise,
            "enterprise_users": users,
            "can_manage_users": access.can_manage_users(request.user),
        },
    )
