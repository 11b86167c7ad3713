"""Coverage of the eligible pool by pilot batches, per unit and city-wide, and the plan to finish it.

Definitions (shown on the page as well):

- **Pool**: the unit's enterprises that are eligible today (``eligibility.eligible_filter``).
- **To cover**: the pool together with the unit's pilot enterprises that have left it since their
  confirmation (a title that lapsed later). Coverage = pilot enterprises / to cover, so a title
  expiring after confirmation never pushes coverage over 100 %.
- An enterprise counts for the unit that manages it today (nominations and pilots alike), so a move
  between units moves its history along and nothing is counted twice.
- **Nominated** in a year: that campaign's nominations not withdrawn or replaced (rejected ones
  included: they were put forward). **Confirmed**: that campaign's pilot enterprises.
- **Expected by now**: the target shares of the campaigns whose deadline has passed (or that are
  closed), added up and capped at 100 %; three thirds make the whole. A unit is behind schedule when
  it has confirmed fewer enterprises than that share of what it has to cover.

Every figure comes from five queries, whatever the number of units, years and enterprises.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.directory import eligibility
from innopilot.directory.models import Enterprise, ManagingUnit
from innopilot.pilots import planner
from innopilot.pilots.models import Campaign, Nomination, PilotEnterprise

# Three campaigns of 0.3333 are the whole pool, not 99.99 % of it.
_WHOLE = Decimal("0.995")
EARLIEST_FINAL_YEAR = 2025


@dataclass
class YearFigures:
    campaign: Campaign
    nominated: int = 0
    confirmed: int = 0


@dataclass
class UnitCoverage:
    unit: ManagingUnit | None  # None for the city-wide totals
    pool: int
    lapsed_pilots: int  # pilot enterprises no longer in the pool
    years: list[YearFigures]
    expected_share: Decimal

    @property
    def target(self) -> int:
        return self.pool + self.lapsed_pilots

    @property
    def confirmed(self) -> int:
        return sum(year.confirmed for year in self.years)

    @property
    def nominated(self) -> int:
        return sum(year.nominated for year in self.years)

    @property
    def coverage(self) -> Decimal:
        """Share of what the unit has to cover that is covered, 0–1."""
        return Decimal(self.confirmed) / self.target if self.target else Decimal(1)

    @property
    def coverage_percent(self) -> Decimal:
        return (self.coverage * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def expected_percent(self) -> Decimal:
        return (self.expected_share * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def expected(self) -> int:
        """Enterprises that should be confirmed by now."""
        return int((self.expected_share * self.target).quantize(Decimal(1), ROUND_HALF_UP))

    @property
    def gap(self) -> int:
        return max(0, self.expected - self.confirmed)

    @property
    def behind(self) -> bool:
        return self.gap > 0


@dataclass
class Coverage:
    day: datetime.date
    campaigns: list[Campaign]  # oldest first
    counted: list[Campaign]  # those whose confirmations are due by now
    expected_share: Decimal
    rows: list[UnitCoverage]
    total: UnitCoverage
    behind: list[UnitCoverage] = field(default_factory=list)


def expected_share(campaigns: list[Campaign], day: datetime.date) -> tuple[list[Campaign], Decimal]:
    counted = [c for c in campaigns if c.status == Campaign.Status.CLOSED or c.nomination_deadline < day]
    share = sum((c.target_share for c in counted), Decimal(0))
    return counted, Decimal(1) if share >= _WHOLE else share


def coverage_for(user: User, *, day: datetime.date) -> Coverage:
    """The coverage of every unit the user sees (a district: its own), with the totals row.

    Each count is one query grouped by unit (and campaign): a correlated subquery per unit would
    run the eligibility join 41 times over."""
    campaigns = list(Campaign.objects.order_by("year"))
    counted, share = expected_share(campaigns, day)
    units = list(access.units_visible_to(user).order_by("sort_order", "code"))
    # Counting over everything and keeping the visible units is faster for the city than an IN
    # filter of all 41 units (SQLite then walks the unit index); a district filters on its own.
    unit_ids = [unit.pk for unit in units]
    only = {} if access.sees_every_unit(user) else {"managing_unit__in": unit_ids}
    only_through_enterprise = {f"enterprise__{key}": value for key, value in only.items()}
    # The pool, and how many of its enterprises are pilots already (the rest of the pilots lapsed).
    pool, pilots_in_pool = {}, {}
    for unit, count, pilots in (
        Enterprise.objects.filter(eligibility.eligible_filter(day), **only)
        .values_list("managing_unit")
        .annotate(count=Count("pk", distinct=True), pilots=Count("pilot", distinct=True))
        .order_by()
    ):
        pool[unit], pilots_in_pool[unit] = count, pilots
    unit_key = "enterprise__managing_unit"
    nominated = (
        Nomination.objects.filter(**only_through_enterprise)
        .exclude(status__in=[Nomination.Status.WITHDRAWN, Nomination.Status.REPLACED])
        .values_list(unit_key, "campaign")
        .annotate(count=Count("pk"))
        .order_by()
    )
    confirmed = (
        PilotEnterprise.objects.filter(**only_through_enterprise)
        .values_list(unit_key, "campaign")
        .annotate(count=Count("pk"))
        .order_by()
    )
    nominated_by = {(unit, campaign): count for unit, campaign, count in nominated}
    confirmed_by = {(unit, campaign): count for unit, campaign, count in confirmed}
    lapsed = {}
    for (unit, _campaign), count in confirmed_by.items():
        lapsed[unit] = lapsed.get(unit, 0) + count
    rows = [
        UnitCoverage(
            unit=unit,
            pool=pool.get(unit.pk, 0),
            lapsed_pilots=lapsed.get(unit.pk, 0) - pilots_in_pool.get(unit.pk, 0),
            years=[
                YearFigures(c, nominated_by.get((unit.pk, c.pk), 0), confirmed_by.get((unit.pk, c.pk), 0))
                for c in campaigns
            ],
            expected_share=share,
        )
        for unit in units
    ]
    total = UnitCoverage(
        unit=None,
        pool=sum(r.pool for r in rows),
        lapsed_pilots=sum(r.lapsed_pilots for r in rows),
        years=[
            YearFigures(
                c,
                sum(r.years[i].nominated for r in rows),
                sum(r.years[i].confirmed for r in rows),
            )
            for i, c in enumerate(campaigns)
        ],
        expected_share=share,
    )
    return Coverage(day, campaigns, counted, share, rows, total, [r for r in rows if r.behind])


# --- The planner ---------------------------------------------------------------------------------


def default_final_year(campaigns: list[Campaign]) -> int:
    """The latest campaign's year, and at least 2025 (the programme's three years)."""
    return max([EARLIEST_FINAL_YEAR, *(c.year for c in campaigns)])


def first_open_year(campaigns: list[Campaign], day: datetime.date) -> int:
    """The first year that can still confirm enterprises: the oldest campaign not closed, else the
    year after the latest one (or this year when there is none)."""
    pending = [c.year for c in campaigns if c.status != Campaign.Status.CLOSED]
    if pending:
        return min(pending)
    return max(c.year for c in campaigns) + 1 if campaigns else day.year


@dataclass
class PlannedUnit:
    coverage: UnitCoverage
    plan: planner.Plan

    @property
    def explanation(self) -> str:
        return explain(self.plan)


@dataclass
class CoveragePlan:
    coverage: Coverage
    final_year: int
    years: list[int]
    rows: list[PlannedUnit]
    total: PlannedUnit


def plan_for(user: User, *, day: datetime.date, final_year: int | None = None) -> CoveragePlan:
    coverage = coverage_for(user, day=day)
    final_year = final_year or default_final_year(coverage.campaigns)
    years = planner.remaining_years(first_open_year(coverage.campaigns, day), final_year)
    rows = [
        PlannedUnit(row, planner.plan_unit(target=row.target, confirmed=row.confirmed, years=years))
        for row in coverage.rows
    ]
    # The city's plan is the sum of the units' plans (a unit ahead of schedule does not lend its
    # surplus to one that is behind).
    allocation = tuple(
        (year, sum(r.plan.allocation[index][1] for r in rows)) for index, year in enumerate(years)
    )
    total_plan = planner.Plan(
        target=sum(r.plan.confirmed + r.plan.remaining for r in rows),
        confirmed=sum(r.plan.confirmed for r in rows),
        allocation=allocation,
    )
    return CoveragePlan(coverage, final_year, years, rows, PlannedUnit(coverage.total, total_plan))


def explain(plan: planner.Plan) -> str:
    """ "还需 12 家，剩余 2 个年度：2025年 6 家，2026年 6 家"."""
    if plan.remaining == 0:
        return _("Fully covered: every enterprise to cover has been confirmed.")
    if not plan.allocation:
        return ngettext(
            "%(remaining)s more needed, but no campaign year is left up to the final year.",
            "%(remaining)s more needed, but no campaign year is left up to the final year.",
            plan.remaining,
        ) % {"remaining": plan.remaining}
    years = _(", ").join(
        _("%(year)s: %(count)s") % {"year": year, "count": count} for year, count in plan.allocation
    )
    return ngettext(
        "%(remaining)s more needed, %(years_left)s year left: %(years)s",
        "%(remaining)s more needed, %(years_left)s years left: %(years)s",
        len(plan.allocation),
    ) % {"remaining": plan.remaining, "years_left": len(plan.allocation), "years": years}
