"""Derived ratios from a report's values and the enterprise's earlier years."""

from decimal import Decimal

import pytest

from innopilot.annual.ratios import derived_ratios, ratio_values
from innopilot.annual.spec import catalogue_spec
from tests.annual.catalogue_builders import small_catalogue

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def spec():
    return catalogue_spec(small_catalogue())


def test_rd_intensity_is_rd_expense_over_revenue_in_percent(spec):
    values = {"rd_expense": D("350.00"), "operating_revenue": D("10000.00")}
    assert ratio_values(spec, values, {}, 2025)["rd_intensity"] == D("3.50")


def test_a_ratio_waits_for_its_inputs_and_says_which(spec):
    result = next(r for r in derived_ratios(spec, {"rd_expense": D(1)}, {}, 2025) if r.code == "rd_intensity")
    assert result.value is None
    assert result.missing == (spec.by_code["operating_revenue"].label,)


def test_a_zero_denominator_gives_no_ratio(spec):
    values = {"rd_expense": D(1), "operating_revenue": D(0)}
    result = next(r for r in derived_ratios(spec, values, {}, 2025) if r.code == "rd_intensity")
    assert result.value is None and result.missing


def test_growth_against_the_previous_year(spec):
    history = {2024: {"main_business_revenue": D("800.00")}}
    values = {"main_business_revenue": D("1000.00")}
    assert ratio_values(spec, values, history, 2025)["main_business_growth"] == D("25.00")


def test_two_year_growth_is_the_average_of_the_two_yearly_growths(spec):
    history = {2023: {"main_business_revenue": D(100)}, 2024: {"main_business_revenue": D(110)}}
    values = {"main_business_revenue": D(132)}  # +10 %, then +20 %
    assert ratio_values(spec, values, history, 2025)["main_business_growth_2y"] == D("15.00")


def test_two_year_growth_waits_for_the_year_before_last(spec):
    history = {2024: {"main_business_revenue": D(110)}}
    result = next(
        r
        for r in derived_ratios(spec, {"main_business_revenue": D(132)}, history, 2025)
        if r.code == "main_business_growth_2y"
    )
    assert result.value is None
    assert any("2023" in missing for missing in result.missing)
