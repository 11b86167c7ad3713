"""Demo annual data: two data years of reports for the demo pilot enterprises.

The year before last is closed: every pilot reported, the districts accepted, a few came in late.
Last year is open, its deadline 45 days after the demo is loaded: some reports are accepted, some
await review, one (in 渝北区, whose officials the demo signs in as) is back with the enterprise with a
comment, some are drafts and some not started. Values grow from one year to the next (demo_values);
about one enterprise in six more than doubled its R&D expense, so the change warnings have something
to say — submitted reports explain them, drafts still have to. ``ent_demo``'s company has a draft with
every value filled in and one warning to answer. Deterministic (a fixed seed, enterprises in USCC
order), idempotent (nothing is written once a reporting year exists), written in bulk and audited.
"""

import datetime
import hashlib
import random

from auditlog.models import LogEntry
from django.utils import timezone

from innopilot.accounts.models import User
from innopilot.accounts.roles import DISTRICT_ROLES, Role
from innopilot.annual import demo_values
from innopilot.annual.catalogue.loader import latest_catalogue
from innopilot.annual.models import (
    AnnualReport,
    IndicatorValue,
    PlausibilityWarning,
    ReportingYear,
    ReportSubmission,
)
from innopilot.annual.plausibility import peers_refresh, refresh_warnings
from innopilot.annual.readiness.results import readiness_refresh
from innopilot.annual.services import snapshot_of
from innopilot.annual.spec import CatalogueSpec, catalogue_spec
from innopilot.annual.values import stored
from innopilot.assessments.services import canonical_json
from innopilot.common.audit import DEMO_SOURCE
from innopilot.directory.models import Enterprise

SEED = 56005 + 6
OPEN_DEADLINE_DAYS = 45
Status = AnnualReport.Status
Decision = ReportSubmission.Decision
_EXPLANATIONS = [
    "当年新建中试基地，研发设备投入和研发人员薪酬大幅增加，数据与审计报告一致。",
    "承担市级重大科技专项，配套研发投入集中在当年支出。",
    "上年度部分研发费用未归集，本年度已按加计扣除口径完整归集。",
]
RETURN_COMMENT = "研发费用与加计扣除申报数不一致，请核对后重新填报，并补充说明专利产品销售收入的统计口径。"
# Open year: what becomes of each pilot's report (drawn in this proportion; one is returned).
_OPEN_PLAN = ["accepted"] * 7 + ["submitted"] * 5 + ["draft"] * 4 + ["none"] * 4


def demo_annual_load(*, ent_demo_enterprise: Enterprise | None = None) -> int:
    """Create the demo reporting years and reports if none exist; returns how many reports were written."""
    if ReportingYear.objects.exists():
        return 0
    catalogue = latest_catalogue()
    spec = catalogue_spec(catalogue)
    today = timezone.localdate()
    closed_year, open_year = today.year - 2, today.year - 1
    city = User.objects.filter(role=Role.CITY_IP).order_by("pk").first()
    years = [
        ReportingYear.objects.create(
            year=closed_year,
            deadline=datetime.date(closed_year + 1, 3, 31),
            catalogue=catalogue,
            status=ReportingYear.Status.CLOSED,
            created_by=city,
        ),
        ReportingYear.objects.create(
            year=open_year,
            deadline=today + datetime.timedelta(days=OPEN_DEADLINE_DAYS),
            catalogue=catalogue,
            created_by=city,
        ),
    ]
    writer = _Writer(spec, catalogue, years)
    pilots = list(Enterprise.objects.filter(pilot__isnull=False).order_by("uscc"))
    rng = random.Random(SEED)
    drawn = {}
    for enterprise in pilots:
        first = demo_values.first_year(rng, enterprise)
        jump = enterprise == ent_demo_enterprise or rng.random() < 1 / 6
        drawn[enterprise.pk] = (first, demo_values.next_year(rng, first, jump=jump))
    for enterprise in pilots:
        late = rng.random() < 0.1
        writer.settled(enterprise, closed_year, drawn[enterprise.pk][0], late=late, history={})
    peers_refresh(closed_year)
    returned = next(
        (e for e in pilots if e.managing_unit.code == "500112" and e != ent_demo_enterprise), None
    )
    for enterprise in pilots:
        first, second = drawn[enterprise.pk]
        plan = rng.choice(_OPEN_PLAN)
        if enterprise == ent_demo_enterprise:
            writer.draft(enterprise, open_year, second, partial=False)
        elif enterprise == returned:
            writer.settled(enterprise, open_year, second, history={closed_year: first}, returned=True)
        elif plan in ("accepted", "submitted"):
            writer.settled(
                enterprise, open_year, second, history={closed_year: first}, accepted=plan == "accepted"
            )
        elif plan == "draft":
            writer.draft(enterprise, open_year, second, partial=True)
    peers_refresh(open_year)
    readiness_refresh()  # submitted and accepted reports' readiness (written here without the workflow)
    writer.audit()
    return len(writer.reports)


class _Writer:
    def __init__(self, spec: CatalogueSpec, catalogue, years: list[ReportingYear]):
        self.spec, self.catalogue = spec, catalogue
        self.deadlines = {y.year: y.deadline for y in years}
        self.officials = {
            u.managing_unit_id: u for u in User.objects.filter(role__in=DISTRICT_ROLES).order_by("-pk")
        }
        self.users = {u.enterprise_id: u for u in User.objects.filter(role=Role.ENTERPRISE)}
        self.reports, self.submissions = [], []

    def _report(self, enterprise: Enterprise, year: int, values: dict, status: str) -> AnnualReport:
        report = AnnualReport.objects.create(
            enterprise=enterprise,
            year=year,
            catalogue=self.catalogue,
            status=status,
            created_by=self.users.get(enterprise.pk),
        )
        by_code = self.spec.by_code
        IndicatorValue.objects.bulk_create(
            IndicatorValue(report=report, indicator_id=by_code[code].pk, **stored(by_code[code], value))
            for code, value in values.items()
            if code in by_code
        )
        self.reports.append(report)
        return report

    def draft(self, enterprise: Enterprise, year: int, values: dict, *, partial: bool) -> None:
        if partial:  # the first groups filled in, the rest still empty
            groups = {group.code for group in self.spec.groups[:4]}
            values = {code: v for code, v in values.items() if self.spec.by_code[code].group_code in groups}
        report = self._report(enterprise, year, values, Status.DRAFT)
        refresh_warnings(report, values)

    def settled(
        self,
        enterprise: Enterprise,
        year: int,
        values: dict,
        *,
        history: dict,
        late: bool = False,
        accepted: bool = True,
        returned: bool = False,
    ) -> None:
        status = Status.RETURNED if returned else Status.ACCEPTED if accepted else Status.SUBMITTED
        report = self._report(enterprise, year, values, status)
        warnings = refresh_warnings(report, values)
        for index, warning in enumerate(warnings):
            warning.explanation = _EXPLANATIONS[(report.pk + index) % len(_EXPLANATIONS)]
            warning.answered_by, warning.answered_at = self.users.get(enterprise.pk), timezone.now()
        PlausibilityWarning.objects.bulk_update(warnings, ["explanation", "answered_by", "answered_at"])
        deadline = self.deadlines[year]
        day = (
            deadline + datetime.timedelta(days=6)
            if late
            else min(deadline, timezone.localdate()) - datetime.timedelta(days=10)
        )
        submitted_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 30)))
        snapshot = snapshot_of(report, self.spec, values, history, warnings)
        official = self.officials.get(enterprise.managing_unit_id)
        decision = Decision.RETURNED if returned else Decision.ACCEPTED if accepted else Decision.PENDING
        decided = decision != Decision.PENDING
        submission = ReportSubmission.objects.create(
            report=report,
            number=1,
            submitted_by=self.users.get(enterprise.pk),
            submitted_at=submitted_at,
            snapshot=snapshot,
            content_hash=hashlib.sha256(canonical_json(snapshot)).hexdigest(),
            is_late=late,
            decision=decision,
            decided_by=official if decided else None,
            decided_at=submitted_at + datetime.timedelta(days=3) if decided else None,
            comment=RETURN_COMMENT if returned else "",
        )
        self.submissions.append(submission)
        report.first_submitted_at = report.submitted_at = submitted_at
        report.is_late = late
        if accepted and not returned:
            report.accepted_at, report.accepted_by = submission.decided_at, official
        report.save()

    def audit(self) -> None:
        """Reports and submissions are saved one by one (auditlog records them); their values are
        written in bulk, so each report's entry says where they came from."""
        LogEntry.objects.get_for_model(AnnualReport).filter(
            action=LogEntry.Action.CREATE, object_id__in=[report.pk for report in self.reports]
        ).update(additional_data={"source": DEMO_SOURCE, "values": "written in bulk with the report"})
