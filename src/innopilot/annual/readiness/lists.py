"""Reads for the officials' readiness list and its export: the stored results of one check in the
viewer's scope, filtered by data year, outcome and unit, and the count of each outcome — in SQL,
so the page costs the same at any scale. Only the results of listed reports count (submitted,
accepted, under correction: ``results.LISTED``): a returned report's results describe the values
the district sent back."""

from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, QuerySet, Value, When

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.annual.models import ReadinessResult
from innopilot.annual.readiness.results import LISTED

Outcome = ReadinessResult.Outcome
READY = "ready"  # passes or nearly passes: the list's default
ALL = "all"
OUTCOME_ORDER = [Outcome.PASS, Outcome.NEAR, Outcome.FAIL, Outcome.UNKNOWN]


@dataclass(frozen=True)
class ReadinessFilters:
    check: str
    year: int | None = None
    outcome: str = READY
    unit_code: str = ""


def _in_scope(user: User) -> QuerySet[ReadinessResult]:
    reports = access.annual_reports_visible_to(user).filter(status__in=LISTED)
    return ReadinessResult.objects.filter(report__in=reports.values("pk"))


def _narrowed(user: User, filters: ReadinessFilters) -> QuerySet[ReadinessResult]:
    results = _in_scope(user).filter(check_code=filters.check)
    if filters.year:
        results = results.filter(report__year=filters.year)
    if filters.unit_code:
        results = results.filter(report__enterprise__managing_unit__code=filters.unit_code)
    return results


def results_for_list(user: User, filters: ReadinessFilters) -> QuerySet[ReadinessResult]:
    results = _narrowed(user, filters)
    if filters.outcome == READY:
        results = results.filter(outcome__in=[Outcome.PASS, Outcome.NEAR])
    elif filters.outcome in Outcome.values:
        results = results.filter(outcome=filters.outcome)
    rank = Case(
        *(When(outcome=outcome, then=Value(index)) for index, outcome in enumerate(OUTCOME_ORDER)),
        output_field=IntegerField(),
    )
    return results.select_related(
        "report__enterprise__managing_unit", "report__enterprise__industry", "ruleset"
    ).order_by(
        rank,
        F("score").desc(nulls_last=True),
        "report__enterprise__managing_unit__sort_order",
        "report__enterprise__name",
        "report__year",
    )


def outcome_counts(user: User, filters: ReadinessFilters) -> dict[str, int]:
    """How many enterprises of the check, year and unit pass, nearly pass, fail, lack data."""
    rows = _narrowed(user, filters).order_by().values("outcome").annotate(count=Count("pk"))
    counts = {outcome: 0 for outcome in OUTCOME_ORDER}
    counts.update({row["outcome"]: row["count"] for row in rows})
    return counts


def readiness_years(user: User) -> list[int]:
    return list(_in_scope(user).order_by("-report__year").values_list("report__year", flat=True).distinct())
