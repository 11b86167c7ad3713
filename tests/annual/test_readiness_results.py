"""A report's readiness inputs and stored results: gathered in a few queries, computed with the latest
ruleset, replaced as a whole; the recompute command."""

import datetime
import io
from decimal import Decimal
from importlib import import_module

import pytest
from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from django.utils import timezone

from innopilot.accounts.roles import Role
from innopilot.annual import services, signals
from innopilot.annual.models import (
    AnnualReport,
    CorrectionRequest,
    ReadinessResult,
    ReadinessRuleset,
    ReportSubmission,
)
from innopilot.annual.readiness import refresh_for
from innopilot.annual.readiness.loader import BUNDLED, latest_ruleset, ruleset_load
from innopilot.annual.readiness.results import established_years, inputs_for, readiness_refresh
from innopilot.annual.spec import catalogue_spec
from innopilot.annual.values import history_of, values_of
from innopilot.directory.models import IndustryDivision, QualificationType
from tests.annual.readiness_builders import (
    STRONG_2022,
    STRONG_2023,
    STRONG_2024,
    bundled_catalogue,
    report_with,
    set_values,
)
from tests.factories import EnterpriseFactory, QualificationFactory, UserFactory

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def catalogue(db):
    return bundled_catalogue()


@pytest.fixture
def enterprise(reference_data):
    return EnterpriseFactory(
        industry=IndustryDivision.objects.get(code="39"), established_on=datetime.date(2015, 6, 1)
    )


@pytest.fixture
def report(enterprise, catalogue):
    report_with(enterprise, catalogue, 2022, STRONG_2022, status=AnnualReport.Status.ACCEPTED)
    report_with(enterprise, catalogue, 2023, STRONG_2023, status=AnnualReport.Status.ACCEPTED)
    return report_with(enterprise, catalogue, 2024, STRONG_2024, status=AnnualReport.Status.SUBMITTED)


def outcomes(results) -> dict[str, str]:
    return {result.check_code: result.outcome for result in results}


def test_inputs_hold_each_years_values_and_ratios_the_industry_and_the_enterprises_age(report):
    inputs = inputs_for(report)
    assert sorted(inputs.years) == [2022, 2023, 2024]
    this_year = inputs.years[2024]
    assert this_year.values["operating_revenue"] == D("12000.00")
    assert this_year.ratios["rd_intensity"] == D("5.00")
    assert this_year.ratios["main_business_growth"] == D("12.24")  # 11000 / 9800 − 1
    assert inputs.years[2023].ratios["rd_intensity"] == D("4.00")
    assert (inputs.industry_section, inputs.industry_division) == ("C", "39")
    assert inputs.facts["established_years"] == D(9)  # June 2015 to the end of 2024
    assert {"niche_years", "chain_role", "sti_award"} <= inputs.self_declared
    assert "operating_revenue" not in inputs.self_declared


def test_only_qualifications_held_today_count(report, enterprise):
    QualificationFactory(
        enterprise=enterprise, type=QualificationType.objects.get(code="high_tech"), recognized_year=2010
    )
    QualificationFactory(
        enterprise=enterprise,
        type=QualificationType.objects.get(code="zjtx_sme"),
        recognized_year=2024,
        valid_to=None,
        review_result="failed",
    )
    QualificationFactory(
        enterprise=enterprise,
        type=QualificationType.objects.get(code="gbt29490_certified"),
        recognized_year=2024,
        valid_to=None,
    )
    assert inputs_for(report).qualifications == frozenset({"gbt29490_certified"})


@pytest.mark.parametrize(
    ("founded", "years"), [(datetime.date(2021, 12, 31), 3), (datetime.date(2022, 1, 1), 2), (None, None)]
)
def test_established_years_are_full_years_to_the_end_of_the_data_year(founded, years):
    assert established_years(founded, 2024) == (None if years is None else D(years))


def test_refresh_stores_one_result_per_check_with_the_latest_ruleset(report):
    results = refresh_for(report)
    assert outcomes(results) == {
        "is_sme": "pass",
        "innovative_sme_score": "pass",
        "zjtx_score": "pass",
        "zjtx_basic": "pass",
        "little_giant": "near",  # every condition but a valid 专精特新 SME title
        "ip_advantage_trial": "fail",
    }
    stored = {r.check_code: r for r in ReadinessResult.objects.filter(report=report)}
    assert stored["innovative_sme_score"].score == D(95)
    assert stored["zjtx_score"].score == D(82)
    assert stored["is_sme"].details["size_class"] == "small"
    assert {r.ruleset for r in stored.values()} == {latest_ruleset()}


def test_a_valid_zjtx_title_makes_the_little_giant_pass(report, enterprise):
    QualificationFactory(
        enterprise=enterprise, type=QualificationType.objects.get(code="zjtx_sme"), recognized_year=2024
    )
    assert outcomes(refresh_for(report))["little_giant"] == "pass"


def test_refreshing_again_replaces_the_earlier_results(report):
    first = {r.pk for r in refresh_for(report)}
    second = refresh_for(report)
    assert len(second) == 6 and ReadinessResult.objects.filter(report=report).count() == 6
    assert first.isdisjoint({r.pk for r in second})


def test_refresh_reads_its_inputs_in_a_few_queries(report, django_assert_max_num_queries):
    refresh_for(report)  # the catalogue's spec is built once per process
    with django_assert_max_num_queries(10):
        refresh_for(report)


def test_a_newer_ruleset_takes_over(report, tmp_path):
    refresh_for(report)
    text = BUNDLED.read_text(encoding="utf-8")
    newer = tmp_path / "readiness-v2.yaml"
    newer.write_text(
        text.replace("version: 1\n", "version: 2\n", 1).replace("pass_total: 60\n", "pass_total: 83\n"),
        encoding="utf-8",
    )
    ruleset_load(path=newer)
    results = refresh_for(report)
    assert {r.ruleset.version for r in results} == {2}
    assert outcomes(results)["zjtx_score"] == "near"  # 82 of at least 83
    assert ReadinessResult.objects.filter(report=report, ruleset__version=1).count() == 0


def test_without_a_ruleset_nothing_is_computed(report):
    ReadinessRuleset.objects.all().delete()
    assert refresh_for(report) == [] and readiness_refresh() == 0


def accepted_version(report: AnnualReport) -> ReportSubmission:
    """Freeze the report's values as its accepted submission, as the district's acceptance leaves it."""
    spec = catalogue_spec(report.catalogue)
    snapshot = services.snapshot_of(report, spec, values_of(report, spec), history_of(report), [])
    AnnualReport.objects.filter(pk=report.pk).update(status=AnnualReport.Status.ACCEPTED)
    report.refresh_from_db()
    return ReportSubmission.objects.create(
        report=report,
        number=1,
        submitted_at=timezone.now(),
        snapshot=snapshot,
        content_hash="0" * 64,
        decision=ReportSubmission.Decision.ACCEPTED,
    )


def under_correction(report: AnnualReport, values: dict) -> CorrectionRequest:
    """The accepted report reopened for a correction, its values being edited to ``values``."""
    correction = CorrectionRequest.objects.create(report=report, reason="更正", base=accepted_version(report))
    AnnualReport.objects.filter(pk=report.pk).update(status=AnnualReport.Status.CORRECTING)
    report.refresh_from_db()
    set_values(report, values)
    return correction


def test_recompute_covers_submitted_accepted_and_corrected_reports_and_drops_returned_ones(
    report, enterprise, catalogue
):
    draft = report_with(EnterpriseFactory(), catalogue, 2024, {"employees": 10})
    returned = report_with(EnterpriseFactory(), catalogue, 2024, STRONG_2024)
    refresh_for(returned)  # at its submission, before the district returned it
    AnnualReport.objects.filter(pk=returned.pk).update(status=AnnualReport.Status.RETURNED)
    corrected = report_with(EnterpriseFactory(), catalogue, 2024, STRONG_2024)
    under_correction(corrected, {"employees": 5000})
    assert readiness_refresh(year=2024) == 2
    assert ReadinessResult.objects.filter(report=report).count() == 6
    assert ReadinessResult.objects.filter(report=corrected).count() == 6
    assert not ReadinessResult.objects.filter(report__in=[draft, returned]).exists()
    assert readiness_refresh() == 4  # 2022 and 2023 were accepted


def scored(results) -> dict[str, tuple]:
    return {result.check_code: (result.outcome, result.score) for result in results}


def test_a_report_under_correction_keeps_the_results_of_its_accepted_version(report):
    accepted = scored(refresh_for(report))
    under_correction(report, {"employees": 5000, "operating_revenue": 900000})
    assert scored(refresh_for(report)) == accepted
    readiness_refresh(year=2024)
    assert scored(ReadinessResult.objects.filter(report=report)) == accepted
    assert inputs_for(report).years[2024].values["employees"] == D(5000)  # the live page: as edited


def test_a_rejected_correction_brings_back_the_accepted_versions_results(report, enterprise):
    accepted = outcomes(refresh_for(report))
    assert accepted["is_sme"] == "pass"
    correction = under_correction(report, {"employees": 5000, "operating_revenue": 900000})  # too large
    AnnualReport.objects.filter(pk=report.pk).update(status=AnnualReport.Status.SUBMITTED)
    report.refresh_from_db()
    correction.status = CorrectionRequest.Status.SUBMITTED
    correction.save()
    ReportSubmission.objects.create(
        report=report,
        number=2,
        submitted_at=timezone.now(),
        snapshot={},
        content_hash="1" * 64,
        correction=correction,
    )
    refresh_for(report)  # as the correction's submission does
    assert outcomes(ReadinessResult.objects.filter(report=report))["is_sme"] == "fail"
    district = UserFactory(role=Role.DISTRICT_IP, managing_unit=enterprise.managing_unit)
    services.correction_reject(district, report, "以审计报告为准。")
    assert outcomes(ReadinessResult.objects.filter(report=report)) == accepted


def _command() -> BaseCommand:
    command = BaseCommand()
    command.stdout, command.stderr = OutputWrapper(io.StringIO()), OutputWrapper(io.StringIO())
    return command


def test_the_readiness_command_says_how_many_reports_it_recomputed(report):
    module = import_module("innopilot.annual.commands.readiness")
    command = _command()
    module.run(command, {"year": 2024})
    assert "1" in command.stdout._out.getvalue()
    assert ReadinessResult.objects.filter(report=report).count() == 6


def test_the_readiness_command_fails_without_a_ruleset(report):
    ReadinessRuleset.objects.all().delete()
    with pytest.raises(CommandError) as caught:
        import_module("innopilot.annual.commands.readiness").run(_command(), {"year": None})
    assert caught.value.returncode == 1


def test_submission_acceptance_and_restore_signals_refresh_the_results(report):
    for signal in (signals.report_submitted, signals.report_accepted, signals.report_restored):
        ReadinessResult.objects.filter(report=report).delete()
        signal.send(sender=AnnualReport, report=report, submission=None)
        assert ReadinessResult.objects.filter(report=report).count() == 6
