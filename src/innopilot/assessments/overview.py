"""Reads for the officials' overview of assessments: the list in the viewer's scope with its filters,
the counts by status, and the average score of each clause across the filtered assessments — which
clauses are weak in this district? — computed in SQL, so the page costs the same at any scale."""

from dataclasses import dataclass

from django.db.models import Avg, Count, F, Max, Min, Q, QuerySet

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.assessments.models import Assessment, ClauseScore
from innopilot.assessments.results import reported_clauses_q
from innopilot.common.i18n import is_english
from innopilot.standards.models import GradeBand, Section


@dataclass(frozen=True)
class OverviewFilters:
    """What the overview (and its export) is narrowed to; empty means "no filter"."""

    unit_code: str = ""
    industry: str = ""  # a GB/T 4754 section letter or a two-digit division code
    year: int | None = None
    status: str = ""


def assessments_for_overview(user: User, *, filters: OverviewFilters = OverviewFilters()) -> QuerySet:
    assessments = access.assessments_visible_to(user).select_related(
        "enterprise__managing_unit", "enterprise__industry__section", "library"
    )
    if filters.unit_code:
        assessments = assessments.filter(enterprise__managing_unit__code=filters.unit_code)
    if len(filters.industry) == 1:
        assessments = assessments.filter(enterprise__industry__section__code=filters.industry)
    elif filters.industry:
        assessments = assessments.filter(enterprise__industry__code=filters.industry)
    if filters.year:
        assessments = assessments.filter(year=filters.year)
    if filters.status:
        assessments = assessments.filter(status=filters.status)
    return assessments.order_by(
        "-year",
        "enterprise__managing_unit__sort_order",
        "enterprise__managing_unit__code",
        "enterprise__name",
    )


def overview_years(user: User) -> list[int]:
    return list(
        access.assessments_visible_to(user).order_by("-year").values_list("year", flat=True).distinct()
    )


@dataclass(frozen=True)
class OverviewRow:
    assessment: Assessment
    band_name: str

    @property
    def level_label(self) -> str:
        level = self.assessment.level
        return f"{level} {self.band_name}".strip() if level is not None else ""

    @property
    def industry(self) -> str:
        industry = self.assessment.enterprise.industry
        return f"{industry.code} {industry.name}" if industry else ""


def overview_rows(assessments) -> list[OverviewRow]:
    """The listed assessments with the name of their indicative level (one query for all bands)."""
    assessments = list(assessments)
    bands = {
        (band.library_id, band.level): band.name
        for band in GradeBand.objects.filter(library__in={a.library_id for a in assessments})
    }
    return [OverviewRow(a, bands.get((a.library_id, a.level), "")) for a in assessments]


@dataclass(frozen=True)
class StatusSummary:
    total: int
    submitted: int
    returned: int
    draft: int
    average_score: float | None


def status_summary(assessments: QuerySet) -> StatusSummary:
    submitted = Q(status=Assessment.Status.SUBMITTED)
    counts = assessments.order_by().aggregate(
        total=Count("pk"),
        submitted=Count("pk", filter=submitted),
        returned=Count("pk", filter=Q(status=Assessment.Status.RETURNED)),
        draft=Count("pk", filter=Q(status=Assessment.Status.DRAFT)),
        average=Avg("score", filter=submitted),
    )
    average = counts.pop("average")
    return StatusSummary(**counts, average_score=None if average is None else round(float(average), 1))


@dataclass(frozen=True)
class ClauseAverage:
    code: str
    title_zh: str
    title_en: str
    section: str
    average: float
    count: int

    @property
    def title(self) -> str:
        return (self.title_en or self.title_zh) if is_english() else self.title_zh

    @property
    def section_label(self) -> str:
        return str(Section(self.section).label) if self.section in Section.values else self.section


def clause_averages(assessments: QuerySet) -> list[ClauseAverage]:
    """The average score of each reported clause over the submitted assessments among
    ``assessments`` (one query: AVG over ``ClauseScore`` grouped by clause code, so that two versions
    of the library count together), in the library's order."""
    submitted = assessments.filter(status=Assessment.Status.SUBMITTED).order_by().values("pk")
    rows = (
        ClauseScore.objects.filter(assessment__in=submitted)
        .filter(reported_clauses_q("clause__"))
        .values(code=F("clause__code"))
        .annotate(
            title_zh=Max("clause__title_zh"),
            title_en=Max("clause__title_en"),
            section=Max("clause__section"),
            average=Avg("score"),
            count=Count("assessment", distinct=True),
            order=Min("clause__sort_order"),
        )
        .order_by("order", "code")
    )
    return [
        ClauseAverage(
            code=row["code"],
            title_zh=row["title_zh"],
            title_en=row["title_en"],
            section=row["section"],
            average=round(float(row["average"]), 1),
            count=row["count"],
        )
        for row in rows
    ]


def averages_chart(averages: list[ClauseAverage]) -> dict:
    return {"labels": [f"{a.code} {a.title}" for a in averages], "values": [a.average for a in averages]}
