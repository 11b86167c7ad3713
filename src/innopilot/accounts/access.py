"""Who may see and change what. Every view and API route asks this module; nothing else decides.

Refusals come in two kinds: a page the role may never open raises ``PermissionDenied`` (403); an
object outside the user's scope is reported as missing (404), so its existence does not leak.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from innopilot.accounts.models import User
from innopilot.accounts.roles import CITY_ROLES, DISTRICT_ROLES, OFFICIAL_ROLES, Role
from innopilot.annual.models import AnnualReport
from innopilot.assessments.models import Assessment, Evidence
from innopilot.directory.models import Enterprise, EnterpriseImport, ManagingUnit
from innopilot.pilots.models import Campaign, Nomination, NominationList, Notification, PilotEnterprise

# --- Roles ----------------------------------------------------------------------------------------

# Roles that a user of each role may give to the accounts it manages.
_ASSIGNABLE_ROLES: dict[str, tuple[Role, ...]] = {
    Role.ADMIN: tuple(Role),
    Role.CITY_IP: (Role.DISTRICT_IP, Role.DISTRICT_ECON, Role.ENTERPRISE, Role.EVALUATOR),
    Role.CITY_ECON: (Role.DISTRICT_IP, Role.DISTRICT_ECON, Role.ENTERPRISE, Role.EVALUATOR),
    Role.DISTRICT_IP: (Role.ENTERPRISE,),
    Role.DISTRICT_ECON: (Role.ENTERPRISE,),
}


def roles_assignable_by(user: User) -> tuple[Role, ...]:
    return _ASSIGNABLE_ROLES.get(user.role, ()) if user.is_authenticated else ()


def can_manage_users(user: User) -> bool:
    return bool(roles_assignable_by(user))


def can_view_directory(user: User) -> bool:
    return user.is_authenticated and (user.role in OFFICIAL_ROLES or user.role == Role.ADMIN)


def can_create_enterprises(user: User) -> bool:
    return can_view_directory(user)


def can_view_audit_trail(user: User) -> bool:
    return user.is_authenticated and user.role == Role.ADMIN


def can_import_enterprises(user: User) -> bool:
    """Officials file their survey lists; a district only into its own unit (the import checks rows)."""
    return can_view_directory(user)


def can_edit_enterprise(user: User, enterprise: Enterprise) -> bool:
    """The whole record: the managing district, the city and the administrator."""
    return can_view_directory(user) and enterprises_visible_to(user).filter(pk=enterprise.pk).exists()


def can_edit_own_enterprise_profile(user: User) -> bool:
    """Enterprise users keep their own profile's editable fields (address, contacts, …) current."""
    return user.is_authenticated and user.role == Role.ENTERPRISE and user.enterprise_id is not None


def sees_contacts_unmasked_in_lists(user: User) -> bool:
    """Lists and list exports show mobiles and e-mails in full only to whoever calls the enterprises:
    the managing district (and the administrator). The city sees them on a detail page when needed."""
    return user.is_authenticated and (user.role in DISTRICT_ROLES or user.role == Role.ADMIN)


def can_change_managing_unit(user: User) -> bool:
    """Moving an enterprise to another unit is the city's (and the administrator's) call: a district
    could otherwise hand its enterprises to a neighbour or take theirs."""
    return user.is_authenticated and (user.role in CITY_ROLES or user.role == Role.ADMIN)


def can_edit_enterprise_contacts(user: User, enterprise: Enterprise) -> bool:
    """Contacts are kept by whoever may edit the record and by the enterprise's own users."""
    if can_edit_own_enterprise_profile(user):
        return user.enterprise_id == enterprise.pk
    return can_edit_enterprise(user, enterprise)


def sees_enterprise_changes(user: User) -> bool:
    """Officials see a record's recent changes (from the audit trail) on its detail page."""
    return can_view_directory(user)


def can_view_mechanism_overview(user: User) -> bool:
    """The table of every unit's work mechanism is the city's."""
    return user.is_authenticated and (user.role in CITY_ROLES or user.role == Role.ADMIN)


def can_edit_mechanism(user: User, unit: ManagingUnit) -> bool:
    """A unit's work mechanism is kept by that unit's officials (and the administrator)."""
    if not user.is_authenticated:
        return False
    if user.role == Role.ADMIN:
        return True
    return user.role in DISTRICT_ROLES and user.managing_unit_id == unit.pk


def can_view_mechanisms(user: User) -> bool:
    """Officials open work-mechanism pages: a district its own unit's (``get_unit_for`` answers 404
    for any other), the city every unit's, read-only."""
    return can_view_directory(user)


def keeps_own_mechanism(user: User) -> bool:
    """District officials have one unit whose work mechanism they keep (their navigation links to it)."""
    return user.is_authenticated and user.role in DISTRICT_ROLES and user.managing_unit_id is not None


def import_unit_for(user: User) -> ManagingUnit | None:
    """The unit every row of the user's imports is restricted to: a district's own; none for the city."""
    return user.managing_unit if user.role in DISTRICT_ROLES else None


def can_start_assessment(user: User) -> bool:
    """An enterprise assesses itself; officials read and return, they never answer for it."""
    return user.is_authenticated and user.role == Role.ENTERPRISE and user.enterprise_id is not None


def can_edit_assessment(user: User, assessment: Assessment) -> bool:
    """Answers and evidence change only while the assessment is in progress or returned."""
    return (
        can_start_assessment(user)
        and assessment.enterprise_id == user.enterprise_id
        and assessment.status in (Assessment.Status.DRAFT, Assessment.Status.RETURNED)
    )


def can_return_assessment(user: User, assessment: Assessment) -> bool:
    """The managing district (either department) returns a submitted assessment for correction."""
    return (
        user.is_authenticated
        and user.role in DISTRICT_ROLES
        and assessment.status == Assessment.Status.SUBMITTED
        and assessment.enterprise.managing_unit_id == user.managing_unit_id
    )


def can_view_assessments(user: User) -> bool:
    """Assessment pages open to an enterprise (its own) and to officials (in scope, read-only);
    ``get_assessment_for`` answers 404 for any other."""
    return can_start_assessment(user) or can_view_directory(user)


def can_view_assessment_overview(user: User) -> bool:
    """Officials (and the administrator) see the assessments in their scope, with averages."""
    return can_view_directory(user)


def can_view_standards(user: User) -> bool:
    """The standard libraries (clauses, guidance, questions) are public knowledge for the pilot:
    every signed-in user may learn from them."""
    return user.is_authenticated


def can_manage_campaigns(user: User) -> bool:
    """Campaigns (years, deadlines, target shares) and extensions are the city's."""
    return user.is_authenticated and (user.role in CITY_ROLES or user.role == Role.ADMIN)


def can_nominate(user: User, unit: ManagingUnit) -> bool:
    """A unit's list is drawn up and submitted by that unit's officials (either department)."""
    return user.is_authenticated and user.role in DISTRICT_ROLES and user.managing_unit_id == unit.pk


def nominating_unit_of(user: User) -> ManagingUnit | None:
    """The unit whose nomination lists a district official draws up (pages link to it)."""
    return user.managing_unit if user.is_authenticated and user.role in DISTRICT_ROLES else None


def bureau_of(user: User) -> str | None:
    """The bureau a city official decides for ("ip" or "econ", the values of Decision.Bureau)."""
    if not user.is_authenticated:
        return None
    return {Role.CITY_IP: "ip", Role.CITY_ECON: "econ"}.get(user.role)


def can_decide_nominations(user: User) -> bool:
    """Each of the two municipal bureaus approves or rejects every nomination."""
    return bureau_of(user) is not None


def can_view_pilots(user: User) -> bool:
    """Campaigns, lists, coverage: officials see them in their scope (a district its own unit)."""
    return can_view_directory(user)


def can_invite_pilots(user: User) -> bool:
    """Pilot enterprises' contacts are invited by the city and by the managing district (for its own
    enterprises, which ``get_pilot_for`` enforces); the administrator manages accounts elsewhere."""
    return user.is_authenticated and user.role in OFFICIAL_ROLES


def can_report_annual_data(user: User) -> bool:
    """An enterprise reports its own annual data; officials read, return and accept, never fill in."""
    return user.is_authenticated and user.role == Role.ENTERPRISE and user.enterprise_id is not None


def can_edit_annual_report(user: User, report: AnnualReport) -> bool:
    """Values change while the report is in progress, returned, or under an open correction."""
    return (
        can_report_annual_data(user)
        and report.enterprise_id == user.enterprise_id
        and report.status in AnnualReport.EDITABLE
    )


def can_review_annual_report(user: User, report: AnnualReport) -> bool:
    """The managing district (either department) accepts or returns a submitted report, and accepts
    or rejects a submitted correction."""
    return (
        user.is_authenticated
        and user.role in DISTRICT_ROLES
        and report.status == AnnualReport.Status.SUBMITTED
        and report.enterprise.managing_unit_id == user.managing_unit_id
    )


def can_request_annual_correction(user: User, report: AnnualReport) -> bool:
    """After acceptance the enterprise's own users ask to correct the accepted data."""
    return (
        can_report_annual_data(user)
        and report.enterprise_id == user.enterprise_id
        and report.status == AnnualReport.Status.ACCEPTED
    )


def decides_annual_reports(user: User) -> bool:
    """Districts accept and return their enterprises' reports; the city and the administrator read."""
    return user.is_authenticated and user.role in DISTRICT_ROLES


def can_view_annual_review_list(user: User) -> bool:
    """The list of reports awaiting review: districts work through it, the city may read it."""
    return can_view_directory(user)


def can_view_annual_reports(user: User) -> bool:
    """Report pages open to an enterprise (its own) and to officials (in scope, read-only);
    ``get_annual_report_for`` answers 404 for any other."""
    return can_report_annual_data(user) or can_view_directory(user)


def can_view_annual_overview(user: User) -> bool:
    """Officials (and the administrator) see status, totals, medians, readiness lists and exports."""
    return can_view_directory(user)


def can_import_annual_files(user: User) -> bool:
    """The city and the administrator import many enterprises' annual data from one file (the command
    line's ``--as``); an enterprise uploads only its own report's template."""
    return sees_every_unit(user)


def can_manage_reporting_years(user: User) -> bool:
    """The city opens each data year, sets its deadline and the catalogue it uses."""
    return can_manage_campaigns(user)


def can_view_reporting_years(user: User) -> bool:
    """The data years with their deadlines are read by everyone who reports or reads reports: the
    enterprises (to know their deadline) and the officials; only the city changes them."""
    return can_view_annual_reports(user)


def can_view_catalogues(user: User) -> bool:
    """Indicator catalogues and readiness rules are public to every signed-in user, like the standard."""
    return user.is_authenticated


# --- Scoped querysets -------------------------------------------------------------------------------


def sees_every_unit(user: User) -> bool:
    """The city and the administrator see every unit (so city-wide counts need no unit filter)."""
    return user.is_authenticated and (user.role in CITY_ROLES or user.role == Role.ADMIN)


def units_visible_to(user: User) -> QuerySet[ManagingUnit]:
    units = ManagingUnit.objects.filter(is_active=True)
    if user.role in CITY_ROLES or user.role == Role.ADMIN:
        return units
    if user.role in DISTRICT_ROLES:
        return units.filter(pk=user.managing_unit_id)
    if user.role == Role.ENTERPRISE:
        return units.filter(enterprises=user.enterprise_id)
    return units.none()


def enterprises_visible_to(user: User) -> QuerySet[Enterprise]:
    enterprises = Enterprise.objects.all()
    if user.role in CITY_ROLES or user.role == Role.ADMIN:
        return enterprises
    if user.role in DISTRICT_ROLES:
        return enterprises.filter(managing_unit=user.managing_unit_id)
    if user.role == Role.ENTERPRISE:
        return enterprises.filter(pk=user.enterprise_id)
    return enterprises.none()


def imports_visible_to(user: User) -> QuerySet[EnterpriseImport]:
    """An import (its file, its problems) is seen only by its uploader and the administrator."""
    imports = EnterpriseImport.objects.all()
    if user.role == Role.ADMIN:
        return imports
    if can_import_enterprises(user):
        return imports.filter(uploaded_by=user)
    return imports.none()


def assessments_visible_to(user: User) -> QuerySet[Assessment]:
    """An enterprise's own; a district's enterprises'; everything for the city and the administrator."""
    return Assessment.objects.filter(enterprise__in=enterprises_visible_to(user))


def annual_reports_visible_to(user: User) -> QuerySet[AnnualReport]:
    """An enterprise's own; a district's enterprises'; everything for the city and the administrator."""
    return AnnualReport.objects.filter(enterprise__in=enterprises_visible_to(user))


def nomination_lists_visible_to(user: User) -> QuerySet[NominationList]:
    return (
        NominationList.objects.filter(managing_unit__in=units_visible_to(user))
        if can_view_pilots(user)
        else NominationList.objects.none()
    )


def nominations_visible_to(user: User) -> QuerySet[Nomination]:
    return Nomination.objects.filter(nomination_list__in=nomination_lists_visible_to(user))


def pilots_visible_to(user: User) -> QuerySet[PilotEnterprise]:
    return (
        PilotEnterprise.objects.filter(enterprise__managing_unit__in=units_visible_to(user))
        if can_view_pilots(user)
        else PilotEnterprise.objects.none()
    )


def campaigns_visible_to(user: User) -> QuerySet[Campaign]:
    """The city sees every campaign, drafts included; districts see those opened to them."""
    if can_manage_campaigns(user):
        return Campaign.objects.all()
    if can_view_pilots(user):
        return Campaign.objects.exclude(status=Campaign.Status.DRAFT)
    return Campaign.objects.none()


def units_for_new_enterprises(user: User) -> QuerySet[ManagingUnit]:
    """Units an official may file a new enterprise under: its own, or any for the city."""
    return units_visible_to(user) if can_create_enterprises(user) else ManagingUnit.objects.none()


def users_visible_to(user: User) -> QuerySet[User]:
    """Accounts listed on the user-management page: those in the viewer's scope."""
    users = User.objects.all()
    if user.role == Role.ADMIN:
        return users
    if user.role in CITY_ROLES:
        return users.exclude(role=Role.ADMIN)
    if user.role in DISTRICT_ROLES:
        unit = user.managing_unit_id
        return users.filter(Q(managing_unit=unit) | Q(enterprise__managing_unit=unit))
    return users.none()


def users_manageable_by(user: User) -> QuerySet[User]:
    """Accounts the user may change: visible ones holding a role it may assign, never itself."""
    return users_visible_to(user).filter(role__in=roles_assignable_by(user)).exclude(pk=user.pk)


def can_manage_user(actor: User, target: User) -> bool:
    return users_manageable_by(actor).filter(pk=target.pk).exists()


# --- Fetching one object in scope -------------------------------------------------------------------


def get_unit_for(user: User, code: str) -> ManagingUnit:
    unit = units_visible_to(user).filter(code=code).select_related("region").first()
    if unit is None:
        raise Http404
    return unit


def get_enterprise_for(user: User, uscc: str) -> Enterprise:
    enterprise = enterprises_visible_to(user).filter(uscc=uscc).select_related("managing_unit").first()
    if enterprise is None:
        raise Http404
    return enterprise


def get_editable_enterprise_for(user: User, uscc: str) -> Enterprise:
    """An enterprise the official may edit: 404 outside its scope, 403 if it may only look."""
    enterprise = get_enterprise_for(user, uscc)
    if not can_edit_enterprise(user, enterprise):
        raise PermissionDenied
    return enterprise


def get_import_for(user: User, pk: int) -> EnterpriseImport:
    record = imports_visible_to(user).filter(pk=pk).select_related("managing_unit", "uploaded_by").first()
    if record is None:
        raise Http404
    return record


def get_assessment_for(user: User, pk: int) -> Assessment:
    assessment = (
        assessments_visible_to(user)
        .filter(pk=pk)
        .select_related("enterprise__managing_unit", "library")
        .first()
    )
    if assessment is None:
        raise Http404
    return assessment


def get_evidence_for(user: User, assessment_pk: int, pk: int) -> Evidence:
    """An evidence file of an assessment in the user's scope: 404 for any other id, guessed or not."""
    evidence = (
        Evidence.objects.filter(
            pk=pk, answer__assessment=assessment_pk, answer__assessment__in=assessments_visible_to(user)
        )
        .select_related("answer__assessment__enterprise", "answer__question")
        .first()
    )
    if evidence is None:
        raise Http404
    return evidence


def get_annual_report_for(user: User, pk: int) -> AnnualReport:
    report = (
        annual_reports_visible_to(user)
        .filter(pk=pk)
        .select_related("enterprise__managing_unit", "enterprise__industry", "catalogue")
        .first()
    )
    if report is None:
        raise Http404
    return report


def get_campaign_for(user: User, year: int) -> Campaign:
    campaign = campaigns_visible_to(user).filter(year=year).first()
    if campaign is None:
        raise Http404
    return campaign


def get_managed_user_for(user: User, pk: int) -> User:
    target = (
        users_manageable_by(user)
        .filter(pk=pk)
        .select_related("managing_unit", "enterprise__managing_unit", "institution")
        .first()
    )
    if target is None:
        raise Http404
    return target


def get_nomination_for(user: User, pk: int) -> Nomination:
    nomination = (
        nominations_visible_to(user)
        .filter(pk=pk)
        .select_related("enterprise", "campaign", "nomination_list__managing_unit")
        .first()
    )
    if nomination is None:
        raise Http404
    return nomination


def get_pilot_for(user: User, pk: int) -> PilotEnterprise:
    pilot = (
        pilots_visible_to(user)
        .filter(pk=pk)
        .select_related("enterprise__managing_unit", "campaign", "nomination")
        .first()
    )
    if pilot is None:
        raise Http404
    return pilot


def get_notification_for(user: User, pk: int) -> Notification:
    """A notification is its recipient's alone: anyone else is told it does not exist."""
    notification = Notification.objects.filter(pk=pk, recipient=user.pk).first()
    if notification is None:
        raise Http404
    return notification


# --- View guard ---------------------------------------------------------------------------------------


def require(check: Callable[[User], bool]):
    """Decorator: anonymous users go to the login page, users failing ``check`` get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def signed_in(user: User) -> bool:
    return user.is_authenticated
