"""Reads of the report workflow's pages: an enterprise's reports and the years it may start, the
district's reports awaiting review, and a report's history with the differences between versions.
Each is a constant number of queries, however many reports, values or submissions there are."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.annual.models import (
    AnnualReport,
    CorrectionRequest,
    Indicator,
    IndicatorValue,
    PlausibilityWarning,
    ReportingYear,
    ReportSubmission,
)
from innopilot.annual.services import DiffRow, submission_diff
from innopilot.annual.spec import catalogue_spec


def _count(queryset: QuerySet, outer: str) -> Coalesce:
    """A correlated COUNT grouped by ``outer`` (the column ``queryset`` is filtered on), so several
    counts on one row do not multiply each other's joins."""
    return Coalesce(
        Subquery(queryset.order_by().values(outer).annotate(n=Count("pk")).values("n")[:1]),
        0,
        output_field=IntegerField(),
    )


def my_reports(user: User) -> list[AnnualReport]:
    """The enterprise's reports, newest year first, with how many values are filled in."""
    return list(
        AnnualReport.objects.filter(enterprise=user.enterprise_id)
        .select_related("catalogue")
        .annotate(
            filled=_count(IndicatorValue.objects.filter(report=OuterRef("pk")), "report"),
            indicators=_count(Indicator.objects.filter(catalogue=OuterRef("catalogue")), "catalogue"),
        )
        .order_by("-year")
    )


@dataclass
class OpenYear:
    reporting_year: ReportingYear
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def overdue_days(self) -> int:
        return -self.days_left


def open_years(today: datetime.date) -> dict[int, OpenYear]:
    """The data years open for reporting, with the days left to their deadline (the day itself counts)."""
    years = ReportingYear.objects.filter(status=ReportingYear.Status.OPEN).select_related("catalogue")
    return {row.year: OpenYear(row, (row.deadline - today).days) for row in years.order_by("-year")}


# What officials may list: a status, "late" (first submitted after the deadline) or every report.
LIST_STATUSES = ("submitted", "returned", "draft", "accepted", "correcting", "late", "all")


def reports_awaiting_review(
    user: User, *, year: int | None = None, status: str = "submitted", unit_code: str | None = None
) -> QuerySet[AnnualReport]:
    """Reports in the user's scope with ``status`` (default: submitted, the longest waiting first),
    with their warnings; ``unit_code`` narrows to one unit within the scope."""
    reports = access.annual_reports_visible_to(user)
    if status == "late":
        reports = reports.filter(is_late=True)
    elif status != "all":
        reports = reports.filter(status=status if status in LIST_STATUSES else AnnualReport.Status.SUBMITTED)
    if year:
        reports = reports.filter(year=year)
    if unit_code:
        reports = reports.filter(enterprise__managing_unit__code=unit_code)
    order = ("submitted_at", "pk") if status == "submitted" else ("-year", "enterprise__name", "pk")
    return (
        reports.select_related("enterprise__managing_unit", "enterprise__industry")
        .annotate(
            warnings_count=_count(PlausibilityWarning.objects.filter(report=OuterRef("pk")), "report"),
            submissions_count=_count(ReportSubmission.objects.filter(report=OuterRef("pk")), "report"),
            is_correction=Exists(
                CorrectionRequest.objects.filter(
                    report=OuterRef("pk"), status=CorrectionRequest.Status.SUBMITTED
                )
            ),
        )
        .order_by(*order)
    )


def review_years(user: User) -> list[int]:
    """Every data year with a report in the user's scope."""
    reports = access.annual_reports_visible_to(user)
    return sorted(set(reports.values_list("year", flat=True).distinct()), reverse=True)


# --- History -----------------------------------------------------------------------------------------


@dataclass
class HistoryEntry:
    submission: ReportSubmission
    against: ReportSubmission | None = None  # the version it is compared with
    diff: list[DiffRow] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.submission.correction_id:
            return "correction"
        return "resubmission" if self.submission.number > 1 else "first"


def report_history(report: AnnualReport) -> tuple[list[HistoryEntry], list[CorrectionRequest]]:
    """Every submission, newest first, each compared with the version before it (a correction with
    the accepted version it corrects), and every correction request."""
    submissions = list(
        report.submissions.select_related("submitted_by", "decided_by", "correction__requested_by").order_by(
            "number"
        )
    )
    spec = catalogue_spec(report.catalogue)
    by_pk = {submission.pk: submission for submission in submissions}
    entries = []
    for index, submission in enumerate(submissions):
        if submission.correction_id:
            against = by_pk.get(submission.correction.base_id)
        else:
            against = submissions[index - 1] if index else None
        diff = submission_diff(against, submission, spec) if against else []
        entries.append(HistoryEntry(submission, against, diff))
    corrections = list(report.corrections.select_related("requested_by").order_by("-requested_at"))
    return entries[::-1], corrections


def open_correction(report: AnnualReport) -> CorrectionRequest | None:
    """The correction being prepared or awaiting review, if any."""
    if report.status not in (AnnualReport.Status.CORRECTING, AnnualReport.Status.SUBMITTED):
        return None
    return (
        report.corrections.filter(
            status__in=(CorrectionRequest.Status.OPEN, CorrectionRequest.Status.SUBMITTED)
        )
        .select_related("requested_by", "base")
        .defer("base__snapshot")
        .first()
    )


def recent_submissions(report: AnnualReport) -> list[ReportSubmission]:
    """The submissions without their snapshots (for the side panel and the latest decision)."""
    return list(report.submissions.select_related("decided_by").defer("snapshot").order_by("-number"))
