"""What the template is prefilled with: the report's own values, or for an empty report last year's
settings and year-end stocks only."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from innopilot.annual.excel import layout
from innopilot.annual.known import carries_over, known_values
from innopilot.annual.models import AnnualReport, Indicator
from innopilot.annual.spec import catalogue_spec
from tests.annual.catalogue_builders import small_catalogue
from tests.annual.excel_helpers import report_with

pytestmark = pytest.mark.django_db

LAST_YEAR = {
    "ownership": "private",
    "operating_revenue": "5000.00",
    "employees": 100,
    "valid_invention_patents": 12,
    "high_value_invention_patents": 3,
    "ip_strategy": 1,
    "gbt29490_expiry_year": 2027,
    "gbt29490_certificate_no": "GB-123",
}


@pytest.fixture
def catalogue():
    return small_catalogue()


def test_a_report_with_values_is_known_by_its_own_values(yubei_enterprise, catalogue):
    report_with(yubei_enterprise, catalogue, year=2024, **LAST_YEAR)
    report = report_with(yubei_enterprise, catalogue, year=2025, employees=120)
    known = known_values(report)
    assert known.values == {"employees": Decimal(120)}
    assert known.carried_from is None and known.carried == frozenset()


def test_an_empty_report_carries_last_years_settings_and_stocks_but_no_flows(yubei_enterprise, catalogue):
    report_with(yubei_enterprise, catalogue, year=2023, ownership="state", rd_expense=1)
    report_with(yubei_enterprise, catalogue, year=2024, **LAST_YEAR)
    report_with(yubei_enterprise, catalogue, year=2026, ownership="state")  # a later year never counts
    report = report_with(yubei_enterprise, catalogue, year=2025)
    known = known_values(report)
    assert known.carried_from == 2024
    assert known.values == {
        "ownership": "private",
        "valid_invention_patents": Decimal(12),
        "high_value_invention_patents": Decimal(3),
        "ip_strategy": Decimal(1),
        "gbt29490_expiry_year": Decimal(2027),
        "gbt29490_certificate_no": "GB-123",
    }
    assert known.carried == frozenset(known.values)


@pytest.mark.parametrize("status", [AnnualReport.Status.DRAFT, AnnualReport.Status.CORRECTING])
def test_an_earlier_year_not_settled_yet_still_prefills_with_its_current_values(
    yubei_enterprise, catalogue, status
):
    """Unlike the change warnings' history: the enterprise's own latest word, marked to be checked."""
    report_with(yubei_enterprise, catalogue, year=2024, status=status, ownership="state", employees=90)
    report = report_with(yubei_enterprise, catalogue, year=2025)
    known = known_values(report)
    assert known.carried_from == 2024 and known.values == {"ownership": "state"}


def test_the_rule_is_by_unit_and_stock_group(catalogue):
    spec = catalogue_spec(catalogue)
    carried = {indicator.code for indicator in spec.indicators if carries_over(indicator)}
    assert carried == {
        "ownership",
        "valid_invention_patents",
        "high_value_invention_patents",
        "ip_strategy",
        "gbt29490_expiry_year",
        "gbt29490_certificate_no",
    }


def test_a_value_no_longer_valid_in_this_years_catalogue_is_not_carried(yubei_enterprise, catalogue):
    newer = small_catalogue(version=2)
    # Version 2 takes expiry years up to 2026 only (changed before its spec is first built).
    Indicator.objects.filter(catalogue=newer, code="gbt29490_expiry_year").update(max_value=2026)
    report_with(yubei_enterprise, catalogue, year=2024, ownership="private", gbt29490_expiry_year=2027)
    report = report_with(yubei_enterprise, newer, year=2025)
    assert known_values(report).values == {"ownership": "private"}


def test_an_empty_report_without_earlier_years_knows_nothing(yubei_enterprise, catalogue):
    report = report_with(yubei_enterprise, catalogue, year=2025)
    assert known_values(report).values == {}


def test_the_template_of_an_empty_report_is_prefilled_and_says_where_from(
    client_as, personas, yubei_enterprise, catalogue
):
    report_with(yubei_enterprise, catalogue, year=2024, **LAST_YEAR)
    report = report_with(yubei_enterprise, catalogue, year=2025)
    response = client_as(personas["enterprise_user"]).get(reverse("annual_template", args=[report.pk]))
    book = load_workbook(io.BytesIO(response.content))
    sheet = book[layout.DATA_SHEET]
    row = {code.value: cell.value for code, cell in zip(sheet[2], sheet[3], strict=True)}
    assert row["ownership"] == "民营" and row["valid_invention_patents"] == 12 and row["ip_strategy"] == "是"
    assert row["operating_revenue"] is None and row["employees"] is None
    assert row["data_year"] == 2025
    instructions = [[cell.value for cell in r] for r in book[layout.INSTRUCTIONS_SHEET].iter_rows()]
    codes = set(catalogue_spec(catalogue).by_code)
    marked = {r[1]: r[8] for r in instructions if len(r) > 8 and r[1] in codes and r[8]}
    assert set(marked) == {
        "ownership",
        "valid_invention_patents",
        "high_value_invention_patents",
        "ip_strategy",
        "gbt29490_expiry_year",
        "gbt29490_certificate_no",
    }
    assert all("2024" in note for note in marked.values())
