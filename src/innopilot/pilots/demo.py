"""Demo pilot batches: the 2023–2025 campaigns, closed, with every unit's submitted list and the
bureaus' decisions, and one campaign open now, so coverage, the planner and reminders show content.

Most units confirmed about a third of their pool each year and are fully covered; a handful (渝北区
and 江北区 among them, whose officials the demo signs in as) confirmed far less and are behind. Every
enterprise with a demo assessment is a pilot enterprise, confirmed in the earliest batches. A few
nominations were rejected by one bureau, with its reason, and replaced. The open campaign's deadline
lies 60 days after the day the demo is loaded: 渝北区's list is a draft with one enterprise, 江北区 has
not started. Deterministic (a fixed seed, enterprises in USCC order), idempotent (nothing is written
once the 2023 campaign exists, and the open campaign only when none is open), written in bulk and
audited.
"""

import datetime
import random

from django.db.models import Prefetch
from django.utils import timezone

from innopilot.accounts.models import User
from innopilot.accounts.roles import Role
from innopilot.assessments.models import Assessment
from innopilot.common.audit import DEMO_SOURCE, audit_bulk_created
from innopilot.directory.eligibility import eligible_filter, holds_on
from innopilot.directory.models import Enterprise, ManagingUnit, Qualification
from innopilot.pilots.models import Campaign, Decision, Nomination, NominationList, PilotEnterprise

SEED = 56005 + 5
DEADLINES = {
    2023: datetime.date(2023, 7, 26),
    2024: datetime.date(2024, 3, 20),
    2025: datetime.date(2025, 3, 20),
}
BEHIND_UNITS = {"500112", "500105"}  # and a few more drawn from the seed
BEHIND_COUNT = 7
BEHIND_SHARE = 0.4  # what a unit behind schedule has confirmed of its pool after three years
OPEN_DEADLINE_DAYS = 60
_REJECTIONS = [
    ("econ", "企业近两年研发投入下降明显，创新能力材料不足，建议下一批次再行推荐。"),
    ("ip", "企业知识产权管理部门尚未设立，请补充相关制度文件后重新推荐。"),
    ("econ", "企业所报联系人与实际经办人员不一致，请核实后替换。"),
]


def demo_pilots_load() -> int:
    """Create the demo campaigns and batches that are missing; returns how many rows were written."""
    written = 0
    if not Campaign.objects.filter(year=2023).exists():
        written += _Batches(random.Random(SEED)).write()
    if not Campaign.objects.filter(status=Campaign.Status.OPEN).exists():
        written += _open_campaign()
    return written


class _Batches:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.today = timezone.localdate()
        self.ip = User.objects.filter(role=Role.CITY_IP).order_by("pk").first()
        self.econ = User.objects.filter(role=Role.CITY_ECON).order_by("pk").first()
        self.officials = {
            u.managing_unit_id: u for u in User.objects.filter(role=Role.DISTRICT_IP).order_by("-pk")
        }
        self.lists, self.nominations, self.decisions, self.pilots = [], [], [], []

    def write(self) -> int:
        campaigns = [
            Campaign(
                year=year,
                nomination_deadline=deadline,
                status=Campaign.Status.CLOSED,
                reminder_days=[14, 3],
                created_by=self.ip,
            )
            for year, deadline in DEADLINES.items()
        ]
        Campaign.objects.bulk_create(campaigns)
        campaigns = list(Campaign.objects.filter(year__in=DEADLINES).order_by("year"))
        units = list(ManagingUnit.objects.filter(is_active=True).order_by("sort_order", "code"))
        others = sorted(u.code for u in units if u.code not in BEHIND_UNITS)
        behind = BEHIND_UNITS | set(self.rng.sample(others, BEHIND_COUNT - len(BEHIND_UNITS)))
        assessed = set(Assessment.objects.values_list("enterprise_id", flat=True))
        pool = (
            Enterprise.objects.filter(eligible_filter(self.today))
            .distinct()
            .order_by("uscc")
            .prefetch_related(
                Prefetch("qualifications", queryset=Qualification.objects.select_related("type")),
                "contacts",
            )
        )
        by_unit: dict[int, list[Enterprise]] = {}
        for enterprise in pool:
            by_unit.setdefault(enterprise.managing_unit_id, []).append(enterprise)
        for index, unit in enumerate(units):
            members = by_unit.get(unit.pk, [])
            # Assessed enterprises first: they joined in the earliest batches.
            members.sort(key=lambda e: (e.pk not in assessed, e.uscc))
            count = len(members)
            if unit.code in behind:
                count = max(sum(e.pk in assessed for e in members), round(len(members) * BEHIND_SHARE))
            chosen, spare = members[:count], members[count:]
            chunks = [chosen[i * len(chosen) // 3 : (i + 1) * len(chosen) // 3] for i in range(3)]
            for year_index, (campaign, chunk) in enumerate(zip(campaigns, chunks, strict=True)):
                rejected = None
                if index % 4 == year_index and spare:  # one rejection, replaced by the first of the batch
                    rejected = spare[0]
                self._list(unit, campaign, chunk, rejected)
        NominationList.objects.bulk_create(self.lists)
        for nomination in self.nominations:
            nomination.nomination_list = nomination.nomination_list  # now saved: sets the id
        # The rejected (replaced) nominations first: their replacements point at them.
        replaced = [n for n in self.nominations if n.status == Nomination.Status.REPLACED]
        Nomination.objects.bulk_create(replaced)
        rest = [n for n in self.nominations if n.status != Nomination.Status.REPLACED]
        for nomination in rest:
            if nomination.replaces is not None:
                nomination.replaces = nomination.replaces  # now saved: sets replaces_id
        Nomination.objects.bulk_create(rest)
        for decision in self.decisions:
            decision.nomination = decision.nomination
        for pilot in self.pilots:
            pilot.nomination = pilot.nomination
        Decision.objects.bulk_create(self.decisions)
        PilotEnterprise.objects.bulk_create(self.pilots)
        audit_bulk_created(
            campaigns, self.lists, self.nominations, self.decisions, self.pilots, source=DEMO_SOURCE
        )
        return (
            len(campaigns) + len(self.lists) + len(self.nominations) + len(self.decisions) + len(self.pilots)
        )

    def _list(self, unit, campaign, chunk, rejected) -> None:
        deadline = campaign.nomination_deadline
        official = self.officials.get(unit.pk)
        submitted = _moment(deadline - datetime.timedelta(days=self.rng.randint(1, 20)))
        nomination_list = NominationList(
            campaign=campaign,
            managing_unit=unit,
            status=NominationList.Status.SUBMITTED,
            submitted_at=submitted,
            submitted_by=official,
        )
        self.lists.append(nomination_list)
        confirmed_at = _moment(deadline + datetime.timedelta(days=self.rng.randint(25, 45)))
        first = None
        for enterprise in chunk:
            nomination = self._nomination(
                nomination_list, campaign, enterprise, official, Nomination.Status.CONFIRMED
            )
            first = first or nomination
            self.decisions += [
                Decision(
                    nomination=nomination, bureau=bureau, verdict=Decision.Verdict.APPROVE, decided_by=user
                )
                for bureau, user in (("ip", self.ip), ("econ", self.econ))
            ]
            self.pilots.append(
                PilotEnterprise(
                    enterprise=enterprise, campaign=campaign, nomination=nomination, confirmed_at=confirmed_at
                )
            )
        if rejected is not None and first is not None:
            nomination = self._nomination(
                nomination_list, campaign, rejected, official, Nomination.Status.REPLACED
            )
            bureau, reason = self.rng.choice(_REJECTIONS)
            user = self.ip if bureau == "ip" else self.econ
            self.decisions.append(
                Decision(
                    nomination=nomination,
                    bureau=bureau,
                    verdict=Decision.Verdict.REJECT,
                    reason=reason,
                    decided_by=user,
                )
            )
            first.replaces = nomination

    def _nomination(self, nomination_list, campaign, enterprise, official, status) -> Nomination:
        contacts = list(enterprise.contacts.all())
        contact = contacts[0] if contacts else None
        day = campaign.nomination_deadline
        basis = next(
            (q for q in enterprise.qualifications.all() if q.type.pilot_eligible and holds_on(q, day)),
            next((q for q in enterprise.qualifications.all() if q.type.pilot_eligible), None),
        )
        nomination = Nomination(
            nomination_list=nomination_list,
            campaign=campaign,
            enterprise=enterprise,
            basis=basis,
            contact_name=contact.name if contact else "联系人",
            contact_position=contact.position if contact else "",
            contact_mobile=contact.mobile if contact else "13800000000",
            contact_email=contact.email if contact else "",
            status=status,
            created_by=official,
        )
        self.nominations.append(nomination)
        return nomination


def _open_campaign() -> int:
    """Next year's campaign, open until 60 days from today: 渝北区 has started its list."""
    today = timezone.localdate()
    taken = set(Campaign.objects.values_list("year", flat=True))
    year = today.year + 1
    while year in taken:
        year += 1
    ip = User.objects.filter(role=Role.CITY_IP).order_by("pk").first()
    campaign = Campaign.objects.create(
        year=year,
        nomination_deadline=today + datetime.timedelta(days=OPEN_DEADLINE_DAYS),
        status=Campaign.Status.OPEN,
        reminder_days=[14, 3],
        created_by=ip,
        notes="三年全覆盖后新认定企业的补充遴选批次。",
    )
    written = 1
    yubei = ManagingUnit.objects.filter(code="500112").first()
    candidate = (
        Enterprise.objects.filter(eligible_filter(today), managing_unit=yubei, pilot__isnull=True)
        .distinct()
        .order_by("uscc")
        .first()
    )
    if yubei is not None and candidate is not None:
        official = User.objects.filter(role=Role.DISTRICT_IP, managing_unit=yubei).order_by("pk").first()
        draft = NominationList.objects.create(campaign=campaign, managing_unit=yubei)
        contact = candidate.contacts.order_by("sort_order", "pk").first()
        basis = next(
            (
                q
                for q in candidate.qualifications.select_related("type")
                if q.type.pilot_eligible and holds_on(q, today)
            ),
            None,
        )
        Nomination.objects.create(
            nomination_list=draft,
            campaign=campaign,
            enterprise=candidate,
            basis=basis,
            contact_name=contact.name if contact else "联系人",
            contact_position=contact.position if contact else "",
            contact_mobile=contact.mobile if contact else "13800000000",
            contact_email=contact.email if contact else "",
            created_by=official,
        )
        written += 2
    return written  # single saves: auditlog's signals record them


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
