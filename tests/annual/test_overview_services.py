"""The officials' overview: submission status by unit and year against the pilot enterprises
expected to report, and totals and medians of the key indicators by unit, industry and year."""

import random
import statistics
from decimal import ROUND_HALF_UP, Decimal

import pytest

from innopilot.annual.models import AnnualReport
from innopilot.annual.overview import (
    Basis,
    OverviewFilters,
    indicators_by_industry,
    indicators_by_unit,
    key_indicators,
    overview_for,
    overview_years,
    status_overview,
)
from innopilot.directory.models import IndustryDivision
from tests.annual.builders_overview import catalogue, enterprise, pilot, report, reporting_year

pytestmark = pytest.mark.django_db
S = AnnualReport.Status


@pytest.fixture
def cat(reference_data):
    return catalogue()


def unit_row(result, unit):
    return next(row for row in result.by_unit if row.unit == unit).counts


def test_pilots_confirmed_up_to_the_following_campaign_are_expected_to_report(personas, yubei, cat):
    pilot(yubei, 2024)
    pilot(yubei, 2025)
    pilot(yubei, 2026)  # joins in 2026, reports its 2025 data
    pilot(yubei, 2027)  # too late for the 2025 data
    counts = unit_row(status_overview(personas["city_ip"], [2025]), yubei)
    assert counts.expected == 3 and counts.not_started == 3 and counts.reports == 0


def test_each_status_is_counted_and_not_started_is_what_the_expected_have_not_begun(personas, yubei, cat):
    statuses = [S.DRAFT, S.SUBMITTED, S.SUBMITTED, S.RETURNED, S.ACCEPTED, S.CORRECTING]
    for status in statuses:
        report(pilot(yubei, 2025), 2025, cat, status=status, is_late=status == S.ACCEPTED)
    pilot(yubei, 2024)  # expected, no report
    report(enterprise(yubei), 2025, cat, status=S.SUBMITTED)  # reports without being a pilot
    report(pilot(yubei, 2027), 2025, cat, status=S.DRAFT)  # a pilot of a later batch, reporting early
    counts = unit_row(status_overview(personas["city_ip"], [2025]), yubei)
    assert (counts.expected, counts.not_started) == (7, 1)
    assert (counts.draft, counts.submitted, counts.returned, counts.accepted, counts.correcting) == (
        2,
        3,
        1,
        1,
        1,
    )
    assert counts.late == 1 and counts.reports == 8
    # handed in: the expected pilots' submitted (2), accepted and correcting reports, of 7 expected
    assert counts.expected_handed_in == 4 and counts.handed_in_percent == Decimal("57.1")


def test_the_city_sees_all_41_units_with_totals(personas, yubei, jiangbei, cat):
    report(pilot(yubei, 2025), 2025, cat, status=S.ACCEPTED)
    report(pilot(jiangbei, 2025), 2025, cat, status=S.SUBMITTED)
    pilot(jiangbei, 2025)
    result = status_overview(personas["city_econ"], [2025])
    assert len(result.by_unit) == 41
    assert (
        result.total.expected,
        result.total.accepted,
        result.total.submitted,
        result.total.not_started,
    ) == (
        3,
        1,
        1,
        1,
    )


def test_a_district_sees_only_its_own_unit(personas, yubei, jiangbei, cat):
    report(pilot(yubei, 2025), 2025, cat, status=S.ACCEPTED)
    report(pilot(jiangbei, 2025), 2025, cat, status=S.SUBMITTED)
    result = status_overview(personas["jiangbei_official"], [2025])
    assert [row.unit for row in result.by_unit] == [jiangbei]
    assert (result.total.expected, result.total.submitted, result.total.accepted) == (1, 1, 0)


def test_all_years_add_up_per_unit_and_show_each_year(personas, yubei, cat):
    reporting_year(2024, cat)
    first = pilot(yubei, 2024)
    second = pilot(yubei, 2025)
    report(first, 2024, cat, status=S.ACCEPTED)
    report(first, 2025, cat, status=S.SUBMITTED, is_late=True)
    result = status_overview(personas["city_ip"], [2025, 2024])
    counts = unit_row(result, yubei)
    assert (counts.expected, counts.accepted, counts.submitted, counts.not_started, counts.late) == (
        4,
        1,
        1,
        2,
        1,
    )
    by_year = {row.year: row for row in result.by_year}
    assert by_year[2024].counts.expected == 2 and by_year[2024].reporting_year.year == 2024
    assert by_year[2025].counts.not_started == 1 and by_year[2025].reporting_year is None
    assert second.annual_reports.count() == 0


def test_the_years_are_those_opened_and_those_reported_in_scope(personas, yubei, jiangbei, cat):
    reporting_year(2025, cat)
    report(enterprise(jiangbei), 2023, cat)
    report(enterprise(yubei), 2022, cat)
    assert overview_years(personas["city_ip"]) == [2025, 2023, 2022]
    assert overview_years(personas["jiangbei_official"]) == [2025, 2023]


def values(revenue, employees, **more):
    return {"operating_revenue": revenue, "employees": employees, **more}


def test_totals_and_medians_by_unit_count_submitted_and_accepted_reports(personas, yubei, jiangbei, cat):
    report(enterprise(yubei), 2025, cat, status=S.ACCEPTED, values=values("100.10", 10, ownership="private"))
    report(enterprise(yubei), 2025, cat, status=S.SUBMITTED, values=values("200.25", 20))
    report(enterprise(yubei), 2025, cat, status=S.ACCEPTED, values=values("1000", 31))
    report(enterprise(yubei), 2025, cat, status=S.ACCEPTED, values=values("50", 40))
    for left_out in (S.DRAFT, S.RETURNED, S.CORRECTING):
        report(enterprise(yubei), 2025, cat, status=left_out, values=values("99999", 999))
    report(enterprise(yubei), 2024, cat, status=S.ACCEPTED, values=values("77777", 777))
    report(enterprise(jiangbei), 2025, cat, status=S.ACCEPTED, values=values("5", 5))
    filters = OverviewFilters(year=2025)
    table = indicators_by_unit(personas["city_ip"], filters, key_indicators([2025]))
    row = next(r for r in table.rows if r.key == yubei.pk)
    assert row.reports == 4
    revenue, employees = row.stats["operating_revenue"], row.stats["employees"]
    assert (revenue.total, revenue.median, revenue.count) == (Decimal("1350.35"), Decimal("150.18"), 4)
    assert (employees.total, employees.median) == (Decimal("101"), Decimal("25.50"))
    assert "rd_expense" not in row.stats  # nobody reported it
    assert table.total.reports == 5 and table.total.stats["operating_revenue"].median == Decimal("100.10")
    assert table.total.stats["operating_revenue"].total == Decimal("1355.35")
    cells = dict(zip([i.code for i in table.indicators], row.cells, strict=True))
    assert (cells["operating_revenue"].total, cells["operating_revenue"].median) == ("1,350.35", "150.18")
    assert (cells["employees"].total, cells["employees"].median) == ("101", "25.5")
    assert cells["rd_expense"].total == "—"


def test_accepted_only_leaves_out_reports_awaiting_review(personas, yubei, cat):
    report(enterprise(yubei), 2025, cat, status=S.ACCEPTED, values=values("100", 10))
    report(enterprise(yubei), 2025, cat, status=S.SUBMITTED, values=values("300", 30))
    filters = OverviewFilters(year=2025, basis=Basis.ACCEPTED)
    row = next(
        r
        for r in indicators_by_unit(personas["city_ip"], filters, key_indicators([2025])).rows
        if r.key == yubei.pk
    )
    assert row.reports == 1 and row.stats["operating_revenue"].total == Decimal("100.00")


def test_a_district_sees_only_its_own_figures(personas, yubei, jiangbei, cat):
    report(enterprise(yubei), 2025, cat, status=S.ACCEPTED, values=values("100", 10))
    report(enterprise(jiangbei), 2025, cat, status=S.ACCEPTED, values=values("7", 1))
    table = indicators_by_unit(personas["yubei_official"], OverviewFilters(year=2025), key_indicators([2025]))
    assert [row.key for row in table.rows] == [yubei.pk]
    assert table.total.stats["operating_revenue"].total == Decimal("100.00")


def test_figures_by_industry_section_and_then_by_division(personas, yubei, cat):
    textiles, machinery = IndustryDivision.objects.get(code="17"), IndustryDivision.objects.get(code="34")
    software = IndustryDivision.objects.get(code="65")
    report(enterprise(yubei, industry=textiles), 2025, cat, status=S.ACCEPTED, values=values("10", 1))
    report(enterprise(yubei, industry=machinery), 2025, cat, status=S.ACCEPTED, values=values("30", 3))
    report(enterprise(yubei, industry=software), 2025, cat, status=S.ACCEPTED, values=values("500", 50))
    report(enterprise(yubei), 2025, cat, status=S.ACCEPTED, values=values("1", 1))
    indicators = key_indicators([2025])
    sections = indicators_by_industry(personas["city_ip"], OverviewFilters(year=2025), indicators)
    by_key = {row.key: row for row in sections.rows}
    assert set(by_key) == {"C", "I", None}
    assert by_key["C"].reports == 2 and by_key["C"].stats["operating_revenue"].median == Decimal("20.00")
    assert by_key["C"].label.startswith("C ") and by_key[None].reports == 1
    assert by_key[None].stats["operating_revenue"].total == Decimal("1.00")
    assert sections.total.stats["operating_revenue"].total == Decimal("541.00")
    divisions = indicators_by_industry(
        personas["city_ip"], OverviewFilters(year=2025, section="C"), indicators
    )
    assert sections.total.reports == 4 and divisions.total.reports == 2
    assert sections.dimension == "section" and divisions.dimension == "division"
    assert [(row.key, row.stats["operating_revenue"].total) for row in divisions.rows] == [
        ("17", Decimal("10.00")),
        ("34", Decimal("30.00")),
    ]


def test_key_indicators_come_from_the_years_catalogues_labelled_as_in_the_newest(personas, yubei, cat):
    newer = catalogue(2, extra=1)
    newer.indicators.filter(code="operating_revenue").update(label_zh="营业收入（新）")
    report(enterprise(yubei), 2024, cat)
    reporting_year(2025, newer)
    assert [i.code for i in key_indicators([2024])] == [
        "operating_revenue",
        "rd_expense",
        "employees",
        "valid_invention_patents",
    ]
    both = key_indicators([2025, 2024])
    assert both[0].label_zh == "营业收入（新）" and both[-1].code == "extra_1"
    assert key_indicators([2030]) == []


@pytest.mark.parametrize("count", [1, 2, 7, 10])
def test_the_median_is_the_exact_middle_rounded_half_up(personas, yubei, cat, count):
    rng = random.Random(count)
    numbers = [Decimal(rng.randint(0, 10**8)) / 100 for _ in range(count)]
    numbers[0] = Decimal("0.01")  # a middle pair may end in .005
    for number in numbers:
        report(enterprise(yubei), 2025, cat, status=S.ACCEPTED, values={"operating_revenue": number})
    table = indicators_by_unit(personas["city_ip"], OverviewFilters(year=2025), key_indicators([2025]))
    expected = statistics.median(numbers).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert table.total.stats["operating_revenue"].median == expected
    assert table.total.stats["operating_revenue"].total == sum(numbers)


def test_the_page_computes_the_chosen_view_and_every_year_has_no_indicator_tables(personas, yubei, cat):
    reporting_year(2025, cat)
    report(enterprise(yubei), 2025, cat, status=S.ACCEPTED, values=values("100", 10))
    by_unit = overview_for(personas["city_ip"], OverviewFilters(year=2025))
    assert by_unit.reporting_year.year == 2025 and by_unit.by_unit and by_unit.by_industry is None
    by_industry = overview_for(personas["city_ip"], OverviewFilters(year=2025, view="industry"))
    assert by_industry.by_unit is None and by_industry.by_industry.total.reports == 1
    both = overview_for(personas["city_ip"], OverviewFilters(year=2025), tables=("unit", "industry"))
    assert both.by_unit and both.by_industry
    every = overview_for(personas["city_ip"], OverviewFilters(year=None))
    assert every.by_unit is None and every.by_industry is None and every.indicators == []
    assert every.status.total.accepted == 1
