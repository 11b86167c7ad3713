"""An enterprise user looks up what the annual report asks for, from the standards page to one field."""

from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, sign_in


def test_an_enterprise_user_reads_a_fields_help_rule_and_ratio_in_the_indicator_catalogue(page, personas):
    sign_in(page, "ent_yubei")
    page.goto(page.live_server_url + "/standards/")
    page.locator("#catalogue-link").get_by_role("link", name="指标目录").click()
    expect(page.locator("#catalogue-table")).to_contain_text("当前版本")
    page.get_by_role("link", name="年度数据填报指标目录").click()

    page.get_by_role("link", name="专利存量（年末）").click()
    field = page.locator("#indicator-high_value_invention_patents")
    expect(field).to_contain_text("维持年限超过10年的发明专利")
    expect(page.locator("#rule-high_value_within_inventions")).to_contain_text(
        "高价值发明专利 ≤ 有效发明专利"
    )
    expect(page.locator("#ratio-rd_intensity")).to_contain_text("研发费用 ÷ 营业收入 × 100%")
    field.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -120)")
    # The catalogue is long: the README shows a group in view, not the full page.
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "annual-catalogue.png"))
