"""An enterprise reads its readiness checks rule by rule; its district finds it among the enterprises that
pass the 专精特新 score and opens the same rules."""

import datetime

from playwright.sync_api import expect

from innopilot.annual.models import AnnualReport
from innopilot.annual.readiness import refresh_for
from innopilot.directory.models import IndustryDivision
from tests.annual.readiness_builders import (
    STRONG_2022,
    STRONG_2023,
    STRONG_2024,
    bundled_catalogue,
    report_with,
)
from tests.e2e.conftest import SCREENSHOTS, sign_in


def test_an_enterprise_reads_its_checks_and_the_district_finds_it_in_the_readiness_list(
    page, personas, jiangbei_enterprise
):
    jiangbei_enterprise.industry = IndustryDivision.objects.get(code="39")
    jiangbei_enterprise.established_on = datetime.date(2015, 6, 1)
    jiangbei_enterprise.save()
    catalogue = bundled_catalogue()
    report_with(jiangbei_enterprise, catalogue, 2022, STRONG_2022, status=AnnualReport.Status.ACCEPTED)
    report_with(jiangbei_enterprise, catalogue, 2023, STRONG_2023, status=AnnualReport.Status.ACCEPTED)
    report = report_with(
        jiangbei_enterprise, catalogue, 2024, STRONG_2024, status=AnnualReport.Status.SUBMITTED
    )
    refresh_for(report)

    sign_in(page, "ent_jiangbei")
    page.goto(f"{page.live_server_url}/annual/{report.pk}/readiness/")
    expect(page.locator("#readiness-disclaimer")).to_contain_text("仅供参考，不代表官方认定结果")
    expect(page.locator("#summary-zjtx_score")).to_contain_text("82 分（满分 85 分）")
    expect(page.locator("#summary-little_giant")).to_contain_text("接近达标")
    page.locator("#summary-little_giant").get_by_role("link").click()
    title = page.locator("#rule-little_giant-zjtx_title")
    expect(title).to_contain_text("不符合")
    expect(page.locator("#rule-little_giant-rd_by_revenue")).to_contain_text(
        "研发投入强度（近2年最低）：4.00%"
    )
    expect(page.locator("#rule-zjtx_basic-niche_years")).to_contain_text("自我声明")
    # The page is long: the README shows the summary and the first checks, not the full page.
    page.evaluate("window.scrollTo(0, 0)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "annual-readiness.png"))

    page.context.clear_cookies()
    sign_in(page, "jiangbei_ip")
    page.locator("#nav-readiness").click()
    page.select_option("#id_check", "zjtx_score")
    page.get_by_role("button", name="搜索").click()
    row = page.locator("#readiness-table tbody tr").filter(has_text=jiangbei_enterprise.name)
    expect(row).to_contain_text("达标")
    expect(page.locator("#count-pass")).to_have_text("1")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "annual-readiness-list.png"))
    row.get_by_role("link", name="逐条查看").click()
    expect(page.locator("#rule-zjtx_score-rd_input")).to_contain_text("10 分（满分 10 分）")
    expect(page.locator("#readiness-source")).to_contain_text("根据已提交的数值计算")
