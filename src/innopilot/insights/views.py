from django.db.models import Count
from django.shortcuts import render

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.accounts.roles import Role
from innopilot.directory import selectors as directory_selectors


@access.require(access.signed_in)
def home(request):
    """Each role's home page shows the user's real scope."""
    user = request.user
    if user.is_city_official or user.is_platform_admin:
        return _region_home(request)
    if user.is_district_official:
        return _unit_home(request)
    if user.is_enterprise_user:
        return render(request, "insights/home_enterprise.html", {"enterprise": user.enterprise})
    return render(request, "insights/home_evaluator.html", {"institution": user.institution})


def _region_home(request):
    units = list(directory_selectors.units_with_counts(request.user))
    role_counts = dict(
        User.objects.filter(is_active=True).values_list("role").annotate(count=Count("pk")).order_by()
    )
    missing_departments = [u for u in units if not u.ip_official_count or not u.econ_official_count]
    context = {
        "units": units,
        "enterprise_total": sum(u.enterprise_count for u in units),
        "role_counts": [(role.label, role_counts.get(role.value, 0)) for role in Role],
        "missing_departments": missing_departments,
        "chart": {
            "labels": [u.name for u in units],
            "values": [u.enterprise_count for u in units],
        },
    }
    return render(request, "insights/home_region.html", context)


def _unit_home(request):
    unit = access.get_unit_for(request.user, request.user.managing_unit.code)
    officials = list(directory_selectors.unit_officials(unit))
    enterprise_users = User.objects.filter(enterprise__managing_unit=unit, is_active=True).count()
    context = {
        "unit": unit,
        "officials": officials,
        "enterprise_count": unit.enterprises.count(),
        "enterprise_user_count": enterprise_users,
        "has_ip_official": any(o.role == Role.DISTRICT_IP and o.is_active for o in officials),
        "has_econ_official": any(o.role == Role.DISTRICT_ECON and o.is_active for o in officials),
    }
    return render(request, "insights/home_unit.html", context)
