"""Plausibility warnings (change against last year, outside the industry's peer band) and the peer
bands they compare with."""

import io
from decimal import Decimal
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.db import connection

from innopilot.annual import plausibility, services, signals
from innopilot.annual.models import AnnualReport, PeerBand, PlausibilityWarning
from innopilot.directory.models import IndustryDivision
from tests.annual.catalogue_builders import small_catalogue
from tests.annual.form_builders import DATA_YEAR, peers, started, stored_report

Kind = PlausibilityWarning.Kind


@pytest.fixture
def catalogue(db):
    return small_catalogue()


@pytest.fixture
def user(personas):
    return personas["other_enterprise_user"]


@pytest.fixture
def division(db):
    return IndustryDivision.objects.get(code="39")  # computers, communication and other electronics


@pytest.fixture
def report(user, catalogue, division):
    user.enterprise.industry = division
    user.enterprise.save()
    report = started(user, catalogue)
    stored_report(user.enterprise, catalogue, DATA_YEAR - 1, {"operating_revenue": "1000", "rd_expense": "0"})
    return report


def warnings_of(report):
    return {(w.indicator.code, w.kind): w for w in PlausibilityWarning.objects.filter(report=report)}


def save(user, report, code, raw):
    services.value_save(user, report, code, raw)


# --- Change against last year --------------------------------------------------------------------------


def test_a_change_of_more_than_half_against_last_year_warns(user, report):
    save(user, report, "operating_revenue", "1500.01")
    warning = warnings_of(report)[("operating_revenue", Kind.CHANGE)]
    assert warning.value == Decimal("1500.01")
    assert warning.reference == {"previous": "1000.00", "previous_year": DATA_YEAR - 1, "change": "50.00"}


@pytest.mark.parametrize("status", [AnnualReport.Status.DRAFT, AnnualReport.Status.RETURNED])
def test_last_years_draft_or_returned_values_are_no_reference_for_a_change(user, catalogue, status):
    report = started(user, catalogue)
    stored_report(user.enterprise, catalogue, DATA_YEAR - 1, {"operating_revenue": "100"}, status=status)
    save(user, report, "operating_revenue", "1500")
    assert ("operating_revenue", Kind.CHANGE) not in warnings_of(report)


def test_a_change_of_exactly_half_does_not_warn(user, report):
    save(user, report, "operating_revenue", "1500")
    save(user, report, "main_business_revenue", "400")  # no previous value: nothing to compare with
    assert warnings_of(report) == {}
    save(user, report, "operating_revenue", "500")  # −50 %
    assert warnings_of(report) == {}


def test_a_fall_of_more_than_half_warns_too(user, report):
    save(user, report, "main_business_revenue", "100")
    save(user, report, "operating_revenue", "499.99")
    assert warnings_of(report)[("operating_revenue", Kind.CHANGE)].reference["change"] == "-50.00"


def test_a_change_from_zero_last_year_does_not_warn(user, report):
    """No ratio exists against 0: the peer band is the check left for such values."""
    save(user, report, "rd_expense", "300")
    assert ("rd_expense", Kind.CHANGE) not in warnings_of(report)


def test_indicators_not_marked_for_plausibility_never_warn(user, catalogue, report):
    report.values.filter(indicator__code="net_profit").delete()
    AnnualReport.objects.get(year=DATA_YEAR - 1).values.create(
        indicator=catalogue.indicators.get(code="net_profit"), number=Decimal("5")
    )
    save(user, report, "net_profit", "500")
    assert warnings_of(report) == {}


# --- Outside the peers' band ---------------------------------------------------------------------------


def band(division, year, code="rd_expense", low="10", high="90", count=10):
    return PeerBand.objects.create(
        year=year, division=division, indicator_code=code, low=Decimal(low), high=Decimal(high), peers=count
    )


def test_a_value_outside_the_peer_band_warns(user, report, division):
    band(division, DATA_YEAR)
    save(user, report, "rd_expense", "95")
    warning = warnings_of(report)[("rd_expense", Kind.PEERS)]
    assert warning.reference == {"low": "10.00", "high": "90.00", "peers": 10, "year": DATA_YEAR}
    save(user, report, "rd_expense", "90")  # the band's edges are inside
    assert warnings_of(report) == {}
    save(user, report, "rd_expense", "9.99")
    assert ("rd_expense", Kind.PEERS) in warnings_of(report)


def test_too_few_peers_give_no_warning(user, report, division):
    band(division, DATA_YEAR, count=9)
    save(user, report, "rd_expense", "500")
    assert warnings_of(report) == {}


def test_last_years_band_stands_in_when_this_year_has_none(user, report, division):
    band(division, DATA_YEAR - 1, high="60")
    band(division, DATA_YEAR, high="900", count=3)  # too few peers this year
    save(user, report, "rd_expense", "70")
    assert warnings_of(report)[("rd_expense", Kind.PEERS)].reference["year"] == DATA_YEAR - 1


def test_another_divisions_band_is_not_compared(user, report):
    band(IndustryDivision.objects.get(code="13"), DATA_YEAR)
    save(user, report, "rd_expense", "500")
    assert warnings_of(report) == {}


# --- Answers follow the value --------------------------------------------------------------------------


def test_the_answer_stays_while_the_value_is_unchanged_and_goes_when_it_changes(user, report, division):
    save(user, report, "operating_revenue", "2000")
    warning = warnings_of(report)[("operating_revenue", Kind.CHANGE)]
    services.warning_answer(user, warning, "新工厂投产。")
    save(user, report, "operating_revenue", "2000.00")  # the same value
    plausibility.refresh_warnings(report)  # e.g. at submission
    band(division, DATA_YEAR, code="operating_revenue", low="1", high="5000")  # a band that changes nothing
    plausibility.refresh_warnings(report)
    kept = warnings_of(report)[("operating_revenue", Kind.CHANGE)]
    assert kept.pk == warning.pk and kept.explanation == "新工厂投产。"
    save(user, report, "operating_revenue", "2100")
    changed = warnings_of(report)[("operating_revenue", Kind.CHANGE)]
    assert changed.explanation == "" and not changed.confirmed and changed.answered_by is None
    assert changed.reference["change"] == "110.00"
    save(user, report, "operating_revenue", "1200")  # back within 50 %: the warning goes
    assert warnings_of(report) == {}


def test_an_import_signals_its_changed_values_and_their_warnings_follow(user, report):
    report.values.filter(indicator__code="operating_revenue").update(number=Decimal("3000"))
    assert warnings_of(report) == {}
    signals.values_changed.send(sender=AnnualReport, report=report, codes=["operating_revenue"])
    assert ("operating_revenue", Kind.CHANGE) in warnings_of(report)


# --- Peer bands ----------------------------------------------------------------------------------------


def test_peer_bands_are_the_5th_and_95th_percentiles_of_settled_reports(catalogue, division):
    numbers = [str(n) for n in range(10, 210, 10)]  # 10 … 200, 20 reports
    peers(catalogue, division, DATA_YEAR, "rd_expense", numbers[:10], status=AnnualReport.Status.SUBMITTED)
    peers(catalogue, division, DATA_YEAR, "rd_expense", numbers[10:], status=AnnualReport.Status.ACCEPTED)
    peers(catalogue, division, DATA_YEAR, "rd_expense", ["100000"], status=AnnualReport.Status.DRAFT)
    peers(catalogue, division, DATA_YEAR, "rd_expense", ["100000"], status=AnnualReport.Status.RETURNED)
    assert plausibility.peers_refresh(DATA_YEAR) == 1
    stored = PeerBand.objects.get()
    # Linear interpolation (percentile_cont): 5 % of 19 steps = 0.95 → 10 + 0.95 × 10.
    assert (stored.low, stored.high, stored.peers) == (Decimal("19.50"), Decimal("190.50"), 20)
    assert (stored.year, stored.division, stored.indicator_code) == (DATA_YEAR, division, "rd_expense")


def test_a_division_with_too_few_reports_gets_no_band_and_loses_an_old_one(catalogue, division):
    peers(catalogue, division, DATA_YEAR, "rd_expense", [str(n) for n in range(9)])
    band(division, DATA_YEAR)  # computed when there were more
    assert plausibility.peers_refresh(DATA_YEAR) == 0
    assert not PeerBand.objects.exists()


def test_without_a_year_every_year_with_settled_reports_is_refreshed(catalogue, division):
    for year in (DATA_YEAR - 1, DATA_YEAR):
        peers(catalogue, division, year, "employees", [str(n) for n in range(1, 11)])
    assert plausibility.peers_refresh() == 2
    assert sorted(PeerBand.objects.values_list("year", flat=True)) == [DATA_YEAR - 1, DATA_YEAR]


def test_python_and_sql_percentiles_agree(catalogue, division):
    numbers = ["3.34", "1000", "17", "17", "250.5", "8", "99.99", "42", "0", "61", "7777.78"]
    peers(catalogue, division, DATA_YEAR, "rd_expense", numbers)
    rows = plausibility._rows(DATA_YEAR, ["rd_expense"])
    low, high = Decimal("0.05"), Decimal("0.95")
    streamed = [
        (d, c, n, lo.quantize(Decimal("0.01")), hi.quantize(Decimal("0.01")))
        for d, c, n, lo, hi in plausibility._stats_streamed(rows, low, high)
    ]
    ordered = sorted(Decimal(n) for n in numbers)
    assert streamed == [(division.pk, "rd_expense", 11, Decimal("1.67"), Decimal("4388.89"))]
    assert plausibility.percentile(ordered, Decimal("0.5")) == Decimal("42")
    if connection.vendor == "postgresql":
        in_sql = [
            (d, c, n, lo.quantize(Decimal("0.01")), hi.quantize(Decimal("0.01")))
            for d, c, n, lo, hi in plausibility._stats_in_sql(rows, low, high)
        ]
        assert in_sql == streamed


def test_a_submission_recomputes_its_years_bands_once_committed(
    user, report, catalogue, division, django_capture_on_commit_callbacks
):
    peers(catalogue, division, DATA_YEAR, "employees", [str(n) for n in range(50, 140, 10)])  # 9 peers
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(user, report)  # the tenth
    assert PeerBand.objects.get(indicator_code="employees").peers == 10


def test_the_peers_subcommand_reports_how_many_bands_it_computed(catalogue, division):
    peers(catalogue, division, DATA_YEAR, "employees", [str(n) for n in range(1, 11)])
    out = io.StringIO()
    command = SimpleNamespace(stdout=out, style=SimpleNamespace(SUCCESS=str))
    import_module("innopilot.annual.commands.peers").run(command, {"year": DATA_YEAR})
    assert out.getvalue().strip() == "1 peer bands computed."
