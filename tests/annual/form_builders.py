"""Reports for the form's tests: open data years, valid values for the small catalogue, and peers."""

import datetime
from decimal import Decimal

from django.utils import timezone

from innopilot.annual import services
from innopilot.annual.models import AnnualReport, IndicatorValue, ReportingYear
from innopilot.annual.spec import catalogue_spec
from innopilot.annual.values import stored
from tests.factories import EnterpriseFactory

THIS_YEAR = timezone.localdate().year
DATA_YEAR = THIS_YEAR - 1  # the year reported on

# Every required value of the small catalogue, consistent with its cross-field rules.
VALID = {
    "ownership": "private",
    "operating_revenue": "1000",
    "main_business_revenue": "900",
    "employees": "100",
    "rd_staff": "20",
    "rd_expense": "50",
    "valid_invention_patents": "10",
}


def open_year(catalogue, year: int = DATA_YEAR, deadline: datetime.date | None = None) -> ReportingYear:
    return ReportingYear.objects.create(
        year=year,
        catalogue=catalogue,
        deadline=deadline or timezone.localdate() + datetime.timedelta(days=30),
    )


def fill(actor, report, values: dict | None = None) -> None:
    for code, raw in (VALID if values is None else values).items():
        services.value_save(actor, report, code, raw)


def started(
    actor, catalogue, year: int = DATA_YEAR, values: dict | None = None, **year_options
) -> AnnualReport:
    """A report of an open year, filled with valid values (``values`` instead, when given)."""
    if not ReportingYear.objects.filter(year=year).exists():
        open_year(catalogue, year, **year_options)
    report = services.report_start(actor, year)
    fill(actor, report, values)
    return report


def stored_report(enterprise, catalogue, year: int, values: dict, status=AnnualReport.Status.SUBMITTED):
    """A report written straight to the database (an earlier year, a peer): no workflow, no warnings."""
    spec = catalogue_spec(catalogue)
    report = AnnualReport.objects.create(enterprise=enterprise, year=year, catalogue=catalogue, status=status)
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            report=report, indicator_id=spec.by_code[code].pk, **stored(spec.by_code[code], Decimal(value))
        )
        for code, value in values.items()
    )
    return report


def peers(catalogue, division, year: int, code: str, numbers, status=AnnualReport.Status.SUBMITTED):
    """One enterprise of ``division`` per number, each with a report of ``year`` holding it for ``code``."""
    for number in numbers:
        enterprise = EnterpriseFactory(industry=division)
        stored_report(enterprise, catalogue, year, {code: number}, status=status)


def matrix_reports(enterprise) -> dict:
    """A report of ``enterprise`` in each state the access matrix needs: in progress with a warning,
    submitted, accepted, and with a correction awaiting review."""
    from innopilot.annual.models import CorrectionRequest, PlausibilityWarning, ReportSubmission
    from tests.annual.catalogue_builders import small_catalogue

    catalogue = small_catalogue(urn="urn:innopilot:annual:matrix")
    Status, Decision = AnnualReport.Status, ReportSubmission.Decision
    now = timezone.now()

    def report(year, status, *decisions):
        made = stored_report(enterprise, catalogue, year, {"employees": "10"}, status=status)
        submissions = [
            ReportSubmission.objects.create(
                report=made,
                number=number,
                submitted_at=now,
                snapshot={},
                content_hash="0" * 64,
                decision=decision,
            )
            for number, decision in enumerate(decisions, start=1)
        ]
        return made, submissions

    draft, _ = report(DATA_YEAR, Status.DRAFT)
    warning = PlausibilityWarning.objects.create(
        report=draft, indicator=catalogue.indicators.get(code="employees"), kind="change", value=10
    )
    submitted, _ = report(DATA_YEAR - 1, Status.SUBMITTED, Decision.PENDING)
    accepted, _ = report(DATA_YEAR - 2, Status.ACCEPTED, Decision.ACCEPTED)
    corrected, (base, pending) = report(DATA_YEAR - 3, Status.SUBMITTED, Decision.ACCEPTED, Decision.PENDING)
    pending.correction = CorrectionRequest.objects.create(
        report=corrected, reason="更正", base=base, status=CorrectionRequest.Status.SUBMITTED
    )
    pending.save()
    return {
        "annual_draft": draft.pk,
        "annual_warning": warning.pk,
        "annual_submitted": submitted.pk,
        "annual_accepted": accepted.pk,
        "annual_correction": corrected.pk,
        "indicator_code": "rd_expense",
    }
