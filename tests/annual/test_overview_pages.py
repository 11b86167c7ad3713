"""The officials' annual data overview page and its Excel export: scope, filters, chart, constant
query count, navigation."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from innopilot.annual.models import AnnualReport
from innopilot.directory.models import IndustryDivision
from tests.annual.builders_overview import (
    add_key_indicators,
    catalogue,
    pilot,
    report,
    reporting_year,
)
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
S = AnnualReport.Status
URL = reverse("annual_overview")
EXPORT = reverse("annual_overview_export") + "?year=2025"


@pytest.fixture
def cat(reference_data):
    cat = catalogue()
    reporting_year(2025, cat)
    return cat


def accepted(unit, cat, revenue, year=2025, **fields):
    return report(
        pilot(unit, year, **fields),
        year,
        cat,
        status=S.ACCEPTED,
        values={"operating_revenue": revenue, "employees": 10},
    )


def test_the_city_sees_every_unit_the_chart_and_a_link_to_the_years(
    client_as, personas, yubei, jiangbei, cat
):
    accepted(yubei, cat, "100")
    report(pilot(jiangbei, 2025), 2025, cat, status=S.RETURNED)
    page = client_as(personas["city_ip"]).get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert page.context["overview"].filters.year == 2025  # the latest year by default
    assert len(page.context["overview"].status.by_unit) == 41
    assert 'id="annual-status-chart"' in html and "annual-overview.js" in html
    assert reverse("annual_year_list") in html and "管理填报年度" in html
    assert 'id="status-total"' in html
    chart = page.context["chart"]
    returned = next(s for s in chart["series"] if s["key"] == "returned")
    assert returned["values"][chart["labels"].index("江北区")] == 1


def test_a_district_sees_its_own_unit_without_chart_or_other_units(client_as, personas, yubei, jiangbei, cat):
    accepted(yubei, cat, "100")
    accepted(jiangbei, cat, "999")
    page = client_as(personas["yubei_official"]).get(URL)
    html = page.content.decode()
    assert [row.unit for row in page.context["overview"].status.by_unit] == [yubei]
    assert page.context["chart"] is None and "江北区" not in html
    assert "999.00" not in html and "100.00" in html


def test_all_years_show_the_status_by_year_and_ask_for_a_year_for_the_figures(
    client_as, personas, yubei, cat
):
    accepted(yubei, cat, "100", year=2024)
    page = client_as(personas["city_ip"]).get(URL, {"year": "all"})
    html = page.content.decode()
    assert page.context["overview"].filters.year is None
    assert 'id="annual-year-status-table"' in html and 'id="choose-a-year"' in html
    assert 'id="year-status-2024"' in html and 'id="indicators-by-unit"' not in html


def test_the_industry_view_lists_sections_and_a_section_opens_its_divisions(client_as, personas, yubei, cat):
    accepted(yubei, cat, "100", industry=IndustryDivision.objects.get(code="34"))
    client = client_as(personas["city_ip"])
    by_unit = client.get(URL)
    assert (
        'id="indicators-by-unit"' in by_unit.content.decode() and "section=C" not in by_unit.content.decode()
    )
    sections = client.get(URL, {"view": "industry"})
    assert 'id="indicators-by-industry"' in sections.content.decode()
    assert "view=industry&amp;section=C" in sections.content.decode()
    divisions = client.get(URL, {"year": "2025", "section": "C"})
    html = divisions.content.decode()
    assert divisions.context["overview"].by_industry.dimension == "division"
    assert 'data-key="34"' in html and 'id="all-sections-link"' in html


def test_a_stale_filter_falls_back_to_the_latest_year(client_as, personas, cat):
    stale = {"year": "1999", "basis": "nonsense", "view": "map", "section": "Z"}
    page = client_as(personas["city_ip"]).get(URL, stale)
    assert page.status_code == 200
    filters = page.context["overview"].filters
    assert (filters.year, filters.basis, filters.view, filters.section) == (2025, "submitted", "unit", "")


def test_without_any_year_the_page_still_renders(client_as, personas, reference_data):
    page = client_as(personas["city_ip"]).get(URL)
    assert page.status_code == 200 and 'id="no-years"' in page.content.decode()


def test_officials_find_the_overview_in_the_navigation_and_enterprises_do_not(client_as, personas, cat):
    assert (
        'id="nav-annual-overview"'
        in client_as(personas["jiangbei_official"]).get(reverse("home")).content.decode()
    )
    assert (
        'id="nav-annual-overview"'
        not in client_as(personas["enterprise_user"]).get(reverse("home")).content.decode()
    )


@pytest.mark.parametrize("persona", ["city_ip", "yubei_official"])
@pytest.mark.parametrize(
    "path", [URL, URL + "?year=all", URL + "?view=industry", URL + "?year=2025&section=C", EXPORT]
)
def test_the_page_and_export_cost_the_same_queries_with_more_reports_and_indicators(
    client_as, personas, yubei, jiangbei, cat, persona, path
):
    division = IndustryDivision.objects.get(code="34")
    accepted(yubei, cat, "1", industry=division)

    def add_rows(count):
        add_key_indicators(cat, 3)
        for index in range(count):
            unit = yubei if index % 2 else jiangbei
            status = [S.DRAFT, S.SUBMITTED, S.ACCEPTED, S.RETURNED, S.CORRECTING][index % 5]
            values = {"operating_revenue": index + 1, "employees": index, "rd_expense": "3.5"}
            report(
                pilot(unit, 2024 + index % 3, industry=division),
                2024 + index % 2,
                cat,
                status=status,
                values=values,
            )
            reporting_year(2010 + 2 * count + index, cat)  # more years to choose from

    assert_queries_do_not_grow(client_as(personas[persona]), path, add_rows, more=10)


def test_the_export_holds_the_pages_tables(client_as, personas, yubei, jiangbei, cat):
    accepted(yubei, cat, "100.5")
    accepted(yubei, cat, "200")
    report(pilot(jiangbei, 2025), 2025, cat, status=S.SUBMITTED, is_late=True)
    response = client_as(personas["city_ip"]).get(reverse("annual_overview_export"), {"year": "2025"})
    assert response.status_code == 200 and "xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "说明",
        "填报状态（按单位）",
        "填报状态（按年度）",
        "关键指标（按单位）",
        "关键指标（按行业）",
    ]
    status = {row[0]: row for row in workbook["填报状态（按单位）"].iter_rows(min_row=2, values_only=True)}
    assert status["渝北区"][1:3] == (2, 0) and status["江北区"][8] == 1  # expected, not started; late
    assert status["全市"][1] == 3
    indicators = workbook["关键指标（按单位）"]
    headers = [cell.value for cell in indicators[1]]
    assert headers[:4] == ["管理单位", "计入报告数", "营业收入合计（万元）", "营业收入中位数（万元）"]
    yubei_row = next(row for row in indicators.iter_rows(min_row=2, values_only=True) if row[0] == "渝北区")
    assert yubei_row[1:4] == (2, Decimal("300.50"), Decimal("150.25")) or yubei_row[1:4] == (2, 300.5, 150.25)


def test_the_export_of_every_year_has_the_status_sheets(client_as, personas, yubei, cat):
    accepted(yubei, cat, "100")
    response = client_as(personas["jiangbei_official"]).get(
        reverse("annual_overview_export"), {"year": "all"}
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["说明", "填报状态（按单位）", "填报状态（按年度）"]
    units = [row[0] for row in workbook["填报状态（按单位）"].iter_rows(min_row=2, values_only=True)]
    assert units == ["江北区"]
