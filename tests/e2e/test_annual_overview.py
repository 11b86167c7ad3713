"""The city opens a data year, reads the annual overview (status per unit with the chart, key
indicators by unit and by industry) and exports it; a district official sees only its own unit."""

import io

from openpyxl import load_workbook
from playwright.sync_api import expect

from innopilot.annual.catalogue.loader import DEFAULT_CATALOGUE_URN
from innopilot.annual.models import AnnualReport
from innopilot.directory.models import IndustryDivision, ManagingUnit
from tests.annual.builders_overview import catalogue, pilot, report
from tests.conftest import JIANGBEI, YUBEI
from tests.e2e.conftest import screenshot, sign_in

S = AnnualReport.Status


def reports(cat):
    yubei, jiangbei = ManagingUnit.objects.get(code=YUBEI), ManagingUnit.objects.get(code=JIANGBEI)
    machinery, software = IndustryDivision.objects.get(code="34"), IndustryDivision.objects.get(code="65")
    for index, (unit, status, revenue) in enumerate(
        [
            (yubei, S.ACCEPTED, "1200.50"),
            (yubei, S.SUBMITTED, "830"),
            (yubei, S.RETURNED, "40"),
            (jiangbei, S.ACCEPTED, "2600"),
            (jiangbei, S.DRAFT, "10"),
        ]
    ):
        industry = machinery if index % 2 else software
        values = {"operating_revenue": revenue, "employees": 50 + index, "rd_expense": "120.5"}
        report(pilot(unit, 2025, industry=industry), 2025, cat, status=status, values=values)
    pilot(yubei, 2026)  # expected for the 2025 data, not started


def test_the_city_opens_a_year_reads_the_overview_and_a_district_sees_its_unit(page, personas):
    cat = catalogue(101, urn=DEFAULT_CATALOGUE_URN)
    reports(cat)
    sign_in(page, "city_ip")
    page.get_by_role("link", name="年度数据").click()
    page.get_by_role("link", name="管理填报年度").click()
    page.get_by_role("link", name="开设填报年度").click()
    page.get_by_label("数据年度").fill("2025")
    page.get_by_label("截止日期").fill("2026-05-31")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#year-2025")).to_contain_text("2026-05-31")
    expect(page.locator("#year-2025")).to_contain_text("5")  # reports already started

    page.get_by_role("link", name="年度数据").first.click()
    expect(page.locator("#reporting-year-info")).to_contain_text("2026-05-31")
    expect(page.locator("#annual-status-chart[data-ready=true]")).to_be_visible()
    expect(page.locator("#annual-status-table tbody tr")).to_have_count(41)
    yubei = page.locator(f"#status-{YUBEI}")
    expect(yubei.locator("[data-key=not_started]")).to_have_text("1")
    expect(yubei.locator("[data-key=returned]")).to_have_text("1")
    expect(page.locator("#stat-expected")).to_have_text("6")
    expect(page.locator("#indicators-by-unit tfoot")).to_contain_text("全市")
    screenshot(page, "annual-overview")

    page.locator("#view-industry").click()
    expect(page.locator("#indicators-by-industry")).to_contain_text("C 制造业")
    page.locator("#indicators-by-industry").get_by_role("link", name="C 制造业").click()
    expect(page.locator("#indicators-by-industry [data-key='34']")).to_be_visible()
    with page.expect_download() as download:
        page.locator("#annual-overview-export").click()
    workbook = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert "关键指标（按行业）" in workbook.sheetnames

    page.locator("#account-menu").click()
    page.get_by_role("button", name="退出登录").click()
    sign_in(page, "jiangbei_ip")
    page.get_by_role("link", name="年度数据").click()
    expect(page.locator("#annual-status-table tbody tr")).to_have_count(1)
    expect(page.locator(f"#status-{JIANGBEI}")).to_be_visible()
    expect(page.locator("#annual-status-chart")).to_have_count(0)
