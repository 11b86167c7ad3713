"""Every URL pattern, requested by every persona: allowed or refused, as the matrix says.

The objects in the matrix (unit, enterprise, account) belong to 江北区, so the 江北 official must be
allowed and the 渝北 official refused. A URL pattern without a row here fails the test.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from innopilot.annual.catalogue.loader import latest_catalogue
from innopilot.annual.models import AnnualReport, ReportingYear
from innopilot.assessments.models import Answer, Assessment, Evidence
from innopilot.common.demo import minimal_pdf
from innopilot.directory.models import EnterpriseImport, WorkMechanism
from innopilot.pilots import services
from innopilot.pilots.models import Nomination, Notification, PilotEnterprise
from tests.annual.form_builders import matrix_reports
from tests.assessments.builders import submitted_assessment
from tests.conftest import login
from tests.factories import QualificationFactory, small_library
from tests.pilots import confirmation_builders
from tests.pilots.nomination_builders import CONTACT, eligible_enterprise, open_campaign

PERSONAS = [
    "anonymous",
    "city_ip",
    "city_econ",
    "yubei_official",
    "jiangbei_official",
    "enterprise_user",
    "other_enterprise_user",
    "evaluator",
    "admin",
]
LOGIN = "login"  # a redirect to the sign-in page
OFFICIALS_AND_ADMIN = ("city_ip", "city_econ", "yubei_official", "jiangbei_official", "admin")
CITY_AND_ADMIN = ("city_ip", "city_econ", "admin")
IN_SCOPE_OF_JIANGBEI_OBJECTS = ("city_ip", "city_econ", "jiangbei_official", "admin")


@dataclass
class Route:
    method: str = "get"
    args: tuple[str, ...] = ()  # names of objects from the ``objects`` fixture
    expect: dict[str, int | str] = field(default_factory=dict)


def everyone(code, anonymous=LOGIN, **overrides) -> dict:
    table = {persona: code for persona in PERSONAS}
    table["anonymous"] = anonymous
    table.update(overrides)
    return table


def only(allowed: tuple[str, ...], code=200, refused=403, anonymous=LOGIN, **overrides) -> dict:
    table = {persona: (code if persona in allowed else refused) for persona in PERSONAS}
    table["anonymous"] = anonymous
    table.update(overrides)
    return table


def scoped(code=200, **overrides) -> dict:
    """Officials' pages about a 江北 object: 渝北 sees nothing there (404), non-officials are refused."""
    table = only(IN_SCOPE_OF_JIANGBEI_OBJECTS, code=code, yubei_official=404)
    table.update(overrides)
    return table


def uploader_only(code=200) -> dict:
    """An import is seen by its uploader (the 江北 official) and the administrator; other officials,
    who may import themselves, are told it does not exist."""
    return only(("jiangbei_official", "admin"), code=code, city_ip=404, city_econ=404, yubei_official=404)


def assessment_readers(code=200, **overrides) -> dict:
    """A 江北 enterprise's assessment: the enterprise itself and the officials in scope open it; the
    渝北 official and the 渝北 enterprise are told it does not exist; the evaluator is refused."""
    table = only(
        (*IN_SCOPE_OF_JIANGBEI_OBJECTS, "other_enterprise_user"),
        code=code,
        yubei_official=404,
        enterprise_user=404,
    )
    table.update(overrides)
    return table


def assessment_editors(code) -> dict:
    """Answering and evidence: only the enterprise itself; officials in scope may only read (403)."""
    return assessment_readers(code, **{persona: 403 for persona in IN_SCOPE_OF_JIANGBEI_OBJECTS})


ENTERPRISE_USERS = ("enterprise_user", "other_enterprise_user")
CITY_MAY_ONLY_READ = {"city_ip": 403, "city_econ": 403, "admin": 403}

MATRIX: dict[str, Route] = {
    "home": Route(expect=everyone(200)),
    "login": Route(expect=everyone(302, anonymous=200)),
    "logout": Route(method="post", expect=everyone(302, anonymous=302)),
    "my_account": Route(expect=everyone(200)),
    "password_change": Route(expect=everyone(200)),
    "access_link": Route(args=("bad_uid", "bad_token"), expect=everyone(200, anonymous=200)),
    "access_link_done": Route(expect=everyone(200, anonymous=200)),
    "forgot_password": Route(expect=everyone(200, anonymous=200)),
    "forgot_password_done": Route(expect=everyone(200, anonymous=200)),
    "user_list": Route(expect=only(OFFICIALS_AND_ADMIN)),
    "user_create": Route(expect=only(OFFICIALS_AND_ADMIN)),
    "user_edit": Route(args=("jiangbei_account",), expect=scoped()),
    "user_set_active": Route(method="post", args=("jiangbei_account",), expect=scoped(302)),
    "user_send_link": Route(method="post", args=("jiangbei_account",), expect=scoped(302)),
    "user_unlock": Route(method="post", args=("jiangbei_account",), expect=scoped(302)),
    "audit_trail": Route(expect=only(("admin",))),
    "unit_list": Route(expect=only(OFFICIALS_AND_ADMIN)),
    "unit_detail": Route(args=("jiangbei_unit",), expect=scoped()),
    "enterprise_list": Route(expect=only(OFFICIALS_AND_ADMIN)),
    "enterprise_create": Route(expect=only(OFFICIALS_AND_ADMIN)),
    "enterprise_detail": Route(
        args=("jiangbei_uscc",),
        expect=scoped(enterprise_user=404, other_enterprise_user=200, evaluator=404),
    ),
    "mechanism_overview": Route(expect=only(CITY_AND_ADMIN)),
    "mechanism_export": Route(expect=only(CITY_AND_ADMIN)),
    "mechanism_detail": Route(args=("jiangbei_unit",), expect=scoped()),
    "mechanism_edit": Route(args=("jiangbei_unit",), expect=scoped(city_ip=403, city_econ=403)),
    "mechanism_plan": Route(args=("jiangbei_unit",), expect=scoped()),
    "enterprise_export": Route(expect=only(OFFICIALS_AND_ADMIN)),
    "enterprise_edit": Route(args=("jiangbei_uscc",), expect=scoped()),
    # Self-service: only the enterprise's own users; officials edit through enterprise_edit.
    "enterprise_profile_edit": Route(
        args=("jiangbei_uscc",), expect=only(("other_enterprise_user",), enterprise_user=404)
    ),
    "enterprise_contacts": Route(
        args=("jiangbei_uscc",),
        expect=scoped(enterprise_user=404, other_enterprise_user=200, evaluator=404),
    ),
    "qualification_create": Route(args=("jiangbei_uscc",), expect=scoped()),
    "qualification_edit": Route(args=("jiangbei_uscc", "jiangbei_qualification"), expect=scoped()),
    "qualification_delete": Route(
        method="post", args=("jiangbei_uscc", "jiangbei_qualification"), expect=scoped(302)
    ),
    "enterprise_import": Route(expect=only(OFFICIALS_AND_ADMIN)),
    "enterprise_import_template": Route(expect=only(OFFICIALS_AND_ADMIN)),
    "enterprise_import_detail": Route(args=("jiangbei_import",), expect=uploader_only()),
    "enterprise_import_progress": Route(args=("jiangbei_import",), expect=uploader_only()),
    "enterprise_import_confirm": Route(method="post", args=("jiangbei_import",), expect=uploader_only(302)),
    "enterprise_import_report": Route(args=("jiangbei_import",), expect=uploader_only()),
    # The assessment workflow (objects: a 江北 assessment in progress with an evidence file, and a
    # submitted one of the year before).
    "assessment_list": Route(expect=only(ENTERPRISE_USERS)),
    "assessment_start": Route(method="post", expect=only(ENTERPRISE_USERS, code=400)),  # no year posted
    "assessment_detail": Route(args=("jiangbei_assessment",), expect=assessment_readers()),
    "assessment_answer": Route(
        method="post", args=("jiangbei_assessment", "question_code"), expect=assessment_editors(302)
    ),
    "assessment_evidence_upload": Route(
        method="post", args=("jiangbei_assessment", "question_code"), expect=assessment_editors(400)
    ),
    "assessment_evidence": Route(
        args=("jiangbei_assessment", "jiangbei_evidence"), expect=assessment_readers()
    ),
    "assessment_evidence_delete": Route(
        method="post", args=("jiangbei_assessment", "jiangbei_evidence"), expect=assessment_editors(302)
    ),
    "assessment_submit": Route(method="post", args=("jiangbei_assessment",), expect=assessment_editors(400)),
    # Only the managing district returns (an empty comment is refused with 400).
    "assessment_return": Route(
        method="post",
        args=("jiangbei_submitted",),
        expect=assessment_readers(403, jiangbei_official=400),
    ),
    "assessment_history": Route(args=("jiangbei_submitted",), expect=assessment_readers()),
    "assessment_compare": Route(args=("jiangbei_assessment",), expect=assessment_readers()),
    # The standard libraries are public knowledge for the pilot: every signed-in user reads them.
    "library_list": Route(expect=everyone(200)),
    "library_detail": Route(args=("library",), expect=everyone(200)),
    # So are the annual data's indicator catalogues.
    "annual_catalogue_list": Route(expect=everyone(200)),
    "annual_catalogue_detail": Route(args=("catalogue",), expect=everyone(200)),
    "set_language": Route(method="post", expect=everyone(302, anonymous=302)),
    "healthz": Route(expect=everyone(200, anonymous=200)),
    "api:api-root": Route(expect=everyone(404, anonymous=404)),
    "api:openapi-json": Route(expect=everyone(200)),
    "api:openapi-view": Route(expect=everyone(200)),
    "api:me": Route(expect=everyone(200, anonymous=401)),
    "api:units": Route(expect=everyone(200, anonymous=401)),
    "api:enterprises": Route(expect=everyone(200, anonymous=401)),
    "api:enterprise": Route(
        args=("jiangbei_uscc",),
        expect={
            **{persona: 404 for persona in PERSONAS},
            "anonymous": 401,
            **{persona: 200 for persona in (*IN_SCOPE_OF_JIANGBEI_OBJECTS, "other_enterprise_user")},
        },
    ),
    # Assessment results (hc): the enterprise itself and the officials in scope; the overview for officials.
    "assessment_results": Route(args=("jiangbei_scored",), expect=assessment_readers()),
    "assessment_report": Route(args=("jiangbei_scored",), expect=assessment_readers()),
    "assessment_answers_export": Route(args=("jiangbei_scored",), expect=assessment_readers()),
    "assessment_overview": Route(expect=only(OFFICIALS_AND_ADMIN)),
    "assessment_overview_export": Route(expect=only(OFFICIALS_AND_ADMIN)),
    # Campaigns (the city's) and the 江北 nomination list of an open campaign (pa): the districts
    # draw up their own list; the city reads every list; only districts change one.
    "campaign_list": Route(expect=only(OFFICIALS_AND_ADMIN)),
    "campaign_create": Route(expect=only(CITY_AND_ADMIN)),
    "campaign_detail": Route(args=("campaign_year",), expect=only(OFFICIALS_AND_ADMIN)),
    "campaign_edit": Route(args=("campaign_year",), expect=only(CITY_AND_ADMIN)),
    "extension_grant": Route(method="post", args=("campaign_year",), expect=only(CITY_AND_ADMIN, code=400)),
    "campaign_summary_export": Route(args=("campaign_year",), expect=only(CITY_AND_ADMIN)),
    "campaign_summary_pdf": Route(args=("campaign_year",), expect=only(CITY_AND_ADMIN)),
    "nomination_list": Route(args=("campaign_year", "jiangbei_unit"), expect=scoped()),
    "nomination_list_export": Route(args=("campaign_year", "jiangbei_unit"), expect=scoped()),
    "nomination_list_pdf": Route(args=("campaign_year", "jiangbei_unit"), expect=scoped()),
    "nomination_add": Route(args=("campaign_year", "jiangbei_unit"), expect=scoped(**CITY_MAY_ONLY_READ)),
    "nomination_list_submit": Route(
        method="post", args=("campaign_year", "jiangbei_unit"), expect=scoped(302, **CITY_MAY_ONLY_READ)
    ),
    "nomination_edit": Route(
        args=("campaign_year", "jiangbei_unit", "jiangbei_nomination"), expect=scoped(**CITY_MAY_ONLY_READ)
    ),
    "nomination_remove": Route(
        method="post",
        args=("campaign_year", "jiangbei_unit", "jiangbei_nomination"),
        expect=scoped(302, **CITY_MAY_ONLY_READ),
    ),
    "nomination_replace": Route(
        args=("campaign_year", "jiangbei_unit", "jiangbei_rejected"), expect=scoped(**CITY_MAY_ONLY_READ)
    ),
    # Joint confirmation (pb): only the two bureaus decide (districts and the administrator are
    # refused); pilot enterprises and invitations for officials in scope; notifications are personal.
    "confirmation_list": Route(args=("campaign_year",), expect=only(("city_ip", "city_econ"))),
    "decisions_approve_all": Route(  # nothing selected: a message, 400
        method="post", args=("campaign_year",), expect=only(("city_ip", "city_econ"), code=400)
    ),
    "decision_record": Route(  # no verdict posted: a message, 400
        method="post", args=("jiangbei_nomination",), expect=only(("city_ip", "city_econ"), code=400)
    ),
    "pilot_list": Route(args=("campaign_year",), expect=only(OFFICIALS_AND_ADMIN)),
    "invitation_list": Route(args=("campaign_year",), expect=only(OFFICIALS_AND_ADMIN)),
    "invitation_send": Route(method="post", args=("jiangbei_pilot",), expect=scoped(302, admin=403)),
    "notification_list": Route(expect=everyone(200)),
    "notification_read": Route(
        method="post", args=("jiangbei_notification",), expect=everyone(404, jiangbei_official=302)
    ),
    "notification_read_all": Route(method="post", expect=everyone(302)),
    # Coverage and the planner (pc): officials see their scope (a district its own unit), the city all.
    "pilot_coverage": Route(expect=only(OFFICIALS_AND_ADMIN)),
    "pilot_coverage_export": Route(expect=only(OFFICIALS_AND_ADMIN)),
    "pilot_coverage_planner": Route(expect=only(OFFICIALS_AND_ADMIN)),
    "pilot_coverage_planner_export": Route(expect=only(OFFICIALS_AND_ADMIN)),
    # Annual data in Excel (excel): the template for the enterprise and the officials in scope; the
    # upload, its confirmation and error report only for the enterprise itself (nothing posted: 400);
    # the export for officials.
    "annual_template": Route(args=("jiangbei_annual_report",), expect=assessment_readers()),
    "annual_upload": Route(
        args=("jiangbei_annual_report",), expect=only(("other_enterprise_user",), enterprise_user=404)
    ),
    "annual_upload_confirm": Route(
        method="post",
        args=("jiangbei_annual_report",),
        expect=only(("other_enterprise_user",), code=400, enterprise_user=404),
    ),
    "annual_upload_report": Route(
        method="post",
        args=("jiangbei_annual_report",),
        expect=only(("other_enterprise_user",), code=400, enterprise_user=404),
    ),
    "annual_export_form": Route(expect=only(OFFICIALS_AND_ADMIN)),
    "annual_export": Route(expect=only(OFFICIALS_AND_ADMIN)),
    # Annual reports (form): the 江北 enterprise fills in its own, the officials in scope read; only
    # the 江北 district decides. Objects: a report in progress with a warning, a submitted one, an
    # accepted one and one with a correction awaiting review (assessment_readers fits them as well).
    "annual_report_list": Route(expect=only(ENTERPRISE_USERS)),
    "annual_report_start": Route(method="post", expect=only(ENTERPRISE_USERS, code=400)),  # no year posted
    "annual_review_list": Route(expect=only(OFFICIALS_AND_ADMIN)),
    "annual_report_detail": Route(args=("annual_draft",), expect=assessment_readers()),
    "annual_value_save": Route(  # nothing posted: the value is cleared, back to the field
        method="post", args=("annual_draft", "indicator_code"), expect=assessment_editors(302)
    ),
    "annual_warning_answer": Route(  # neither explanation nor confirmation: 400
        method="post", args=("annual_draft", "annual_warning"), expect=assessment_editors(400)
    ),
    "annual_report_submit": Route(method="post", args=("annual_draft",), expect=assessment_editors(400)),
    "annual_report_return": Route(  # an empty comment is refused with 400
        method="post", args=("annual_submitted",), expect=assessment_readers(403, jiangbei_official=400)
    ),
    "annual_report_accept": Route(
        method="post", args=("annual_submitted",), expect=assessment_readers(403, jiangbei_official=302)
    ),
    "annual_correction_request": Route(  # no reason given: 400
        method="post", args=("annual_accepted",), expect=assessment_readers(403, other_enterprise_user=400)
    ),
    "annual_correction_reject": Route(  # no comment: 400
        method="post", args=("annual_correction",), expect=assessment_readers(403, jiangbei_official=400)
    ),
    "annual_report_history": Route(args=("annual_submitted",), expect=assessment_readers()),
    # Readiness checks (readiness): a 江北 report's checks for its enterprise and the officials in scope;
    # the lists of who passes and their export for officials.
    "annual_readiness": Route(args=("jiangbei_annual_report",), expect=assessment_readers()),
    "annual_readiness_list": Route(expect=only(OFFICIALS_AND_ADMIN)),
    "annual_readiness_export": Route(expect=only(OFFICIALS_AND_ADMIN)),
    # Reporting years (the city's; read by everyone who reports or reads reports) and the officials'
    # annual data overview (overview).
    "annual_year_list": Route(expect=only((*OFFICIALS_AND_ADMIN, *ENTERPRISE_USERS))),
    "annual_year_create": Route(expect=only(CITY_AND_ADMIN)),
    "annual_year_edit": Route(args=("reporting_year",), expect=only(CITY_AND_ADMIN)),
    "annual_overview": Route(expect=only(OFFICIALS_AND_ADMIN)),
    "annual_overview_export": Route(expect=only(OFFICIALS_AND_ADMIN)),
    # Django's admin site: only platform administrators; everyone else is sent to its sign-in page.
    "admin:index": Route(expect=everyone(LOGIN, admin=200)),
}


def url_patterns(patterns=None, namespace=None, prefix=""):
    """(name, pattern) for every URL the project serves, with namespaces joined as in reverse()."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            full = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from url_patterns(pattern.url_patterns, full, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern)


def test_every_url_pattern_has_a_row_in_the_matrix():
    served = {name for name, _ in url_patterns() if not (name or "").startswith("admin:")}
    assert served - set(MATRIX) == set(), "new URL patterns need an access-matrix row"
    assert set(MATRIX) - served == {"admin:index"}, "matrix rows for URLs that no longer exist"


def test_every_row_names_every_persona():
    for name, route in MATRIX.items():
        assert set(route.expect) == set(PERSONAS), name


@pytest.fixture
def objects(personas, jiangbei, jiangbei_enterprise, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    jiangbei_import = EnterpriseImport.objects.create(
        uploaded_by=personas["jiangbei_official"],
        managing_unit=jiangbei,
        original_name="江北.xlsx",
        status="done",
    )
    WorkMechanism.objects.create(
        managing_unit=jiangbei,
        work_plan=ContentFile(minimal_pdf("Jiangbei work plan"), name="plan.pdf"),
        work_plan_name="江北区工作推进计划.pdf",
    )
    library = small_library(urn="urn:innopilot:test:matrix")
    in_progress = Assessment.objects.create(enterprise=jiangbei_enterprise, year=2025, library=library)
    answer = Answer.objects.create(
        assessment=in_progress, question=library.questions.get(code="QA-1"), choice="yes"
    )
    evidence = Evidence.objects.create(
        answer=answer,
        file=ContentFile(minimal_pdf("Jiangbei evidence"), name="evidence.pdf"),
        original_name="江北制度.pdf",
        size=100,
        refers_to=datetime.date(2025, 1, 1),
    )
    submitted = Assessment.objects.create(
        enterprise=jiangbei_enterprise, year=2024, library=library, status=Assessment.Status.SUBMITTED
    )
    # A submitted assessment with its scores, for the results pages (hc).
    scored = submitted_assessment(
        jiangbei_enterprise, library, year=2023, clause_scores={"4.1": 80, "5.1": 40, "6.2": 20, "A": 60}
    )
    campaign, nomination, rejected = nomination_objects(
        personas["jiangbei_official"], jiangbei, jiangbei_enterprise
    )
    # A confirmed 江北 pilot and a 江北 official's notification (pb).
    confirmed = confirmation_builders.nominate(campaign, jiangbei)
    pilot = PilotEnterprise.objects.create(
        enterprise=confirmed.enterprise, campaign=campaign, nomination=confirmed, confirmed_at=timezone.now()
    )
    notification = Notification.objects.create(
        recipient=personas["jiangbei_official"], kind="deadline_reminder", message="提醒"
    )
    # The 江北 enterprise's annual reports in each state (form), the draft one in an opened year (excel).
    annual_reports = matrix_reports(jiangbei_enterprise)
    annual_draft = AnnualReport.objects.get(pk=annual_reports["annual_draft"])
    ReportingYear.objects.create(
        year=annual_draft.year,
        deadline=datetime.date(annual_draft.year + 1, 3, 31),
        catalogue=annual_draft.catalogue,
    )
    return {
        "jiangbei_annual_report": annual_draft.pk,
        "reporting_year": annual_draft.year,
        **annual_reports,
        "campaign_year": campaign.year,
        "jiangbei_nomination": nomination.pk,
        "jiangbei_rejected": rejected.pk,
        "jiangbei_pilot": pilot.pk,
        "jiangbei_notification": notification.pk,
        "jiangbei_scored": scored.pk,
        "jiangbei_assessment": in_progress.pk,
        "jiangbei_submitted": submitted.pk,
        "jiangbei_evidence": evidence.pk,
        "question_code": "QA-1",
        "jiangbei_import": jiangbei_import.pk,
        "jiangbei_unit": jiangbei.code,
        "jiangbei_uscc": jiangbei_enterprise.uscc,
        "jiangbei_account": personas["other_enterprise_user"].pk,
        "jiangbei_qualification": QualificationFactory(enterprise=jiangbei_enterprise).pk,
        "library": library.pk,
        "catalogue": latest_catalogue().pk,
        "bad_uid": "MQ",
        "bad_token": "not-a-token",
    }


def nomination_objects(official, unit, enterprise):
    """An open campaign and 江北's draft list in it: one standing nomination and one rejected."""
    campaign = open_campaign()
    standing = services.nomination_add(
        actor=official, campaign=campaign, unit=unit, enterprise=eligible_enterprise(unit), **CONTACT
    )
    rejected = services.nomination_add(
        actor=official, campaign=campaign, unit=unit, enterprise=eligible_enterprise(unit), **CONTACT
    )
    Nomination.objects.filter(pk=rejected.pk).update(status=Nomination.Status.REJECTED)
    return campaign, standing, rejected


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route_name", sorted(MATRIX))
def test_route_answers_each_persona_as_the_matrix_says(client, personas, objects, route_name, persona):
    from django.urls import reverse

    route = MATRIX[route_name]
    login(client, personas[persona])
    url = reverse(route_name, args=[objects[arg] for arg in route.args])
    response = getattr(client, route.method)(url)
    expected = route.expect[persona]
    if expected == LOGIN:
        assert response.status_code == 302, f"{persona} {url}: {response.status_code}"
        assert "login" in response["Location"], f"{persona} {url} went to {response['Location']}"
    else:
        assert response.status_code == expected, f"{persona} {route.method.upper()} {url}"
