from django.utils.functional import SimpleLazyObject

from innopilot.accounts import access
from innopilot.directory.models import Region


def platform(request) -> dict:
    """The region served (for the header) and what the user may open (for the navigation)."""

    def region():
        return Region.objects.order_by("pk").first()

    def can():
        user = request.user
        return {
            "view_directory": access.can_view_directory(user),
            "manage_users": access.can_manage_users(user),
            "view_audit_trail": access.can_view_audit_trail(user),
            "view_mechanism_overview": access.can_view_mechanism_overview(user),
            "keep_own_mechanism": access.keeps_own_mechanism(user),
            "start_assessment": access.can_start_assessment(user),
            "view_assessment_overview": access.can_view_assessment_overview(user),
            "report_annual_data": access.can_report_annual_data(user),
            "view_standards": access.can_view_standards(user),
            "view_pilots": access.can_view_pilots(user),
            "view_annual_overview": access.can_view_annual_overview(user),
            "decide_nominations": access.can_decide_nominations(user),
        }

    return {"platform_region": SimpleLazyObject(region), "can": SimpleLazyObject(can)}
