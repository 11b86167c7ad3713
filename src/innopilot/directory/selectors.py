"""Reads for directory pages, already scoped to the viewer, with their counts in one query."""

from django.db.models import Count, Q, QuerySet

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.accounts.roles import DISTRICT_ROLES, Role
from innopilot.directory.models import Enterprise, ManagingUnit


def units_with_counts(user: User) -> QuerySet[ManagingUnit]:
    """Visible units, each with its enterprise count and its officials' counts by department."""
    return access.units_visible_to(user).annotate(
        enterprise_count=Count("enterprises", distinct=True),
        ip_official_count=Count(
            "users", filter=Q(users__role=Role.DISTRICT_IP, users__is_active=True), distinct=True
        ),
        econ_official_count=Count(
            "users", filter=Q(users__role=Role.DISTRICT_ECON, users__is_active=True), distinct=True
        ),
    )


def unit_officials(unit: ManagingUnit) -> QuerySet[User]:
    return unit.users.filter(role__in=DISTRICT_ROLES).order_by("role", "username")


def enterprises_for_list(user: User, *, query: str = "", unit_code: str = "") -> QuerySet[Enterprise]:
    enterprises = (
        access.enterprises_visible_to(user)
        .select_related("managing_unit")
        .annotate(user_count=Count("users", filter=Q(users__is_active=True)))
    )
    if query:
        enterprises = enterprises.filter(Q(name__icontains=query) | Q(uscc__icontains=query.upper()))
    if unit_code:
        enterprises = enterprises.filter(managing_unit__code=unit_code)
    return enterprises.order_by("managing_unit__sort_order", "name")
