"""The annual data flow of issue #6: an enterprise fills in its report, a value triggers the >50 %
change warning, it explains it and submits; its district returns the report with a comment; the
enterprise fixes a value and resubmits; the district accepts.

Then the enterprise opens the readiness page and sees each rule pass or fail."""

from playwright.sync_api import expect

from tests.annual.catalogue_builders import small_catalogue
from tests.annual.form_builders import DATA_YEAR, open_year, stored_report
from tests.e2e.conftest import screenshot, sign_in

LAST_YEAR = {
    "operating_revenue": "400",
    "main_business_revenue": "380",
    "employees": "150",
    "rd_staff": "120",
    "rd_expense": "40",
    "valid_invention_patents": "8",
}


def sign_out(page) -> None:
    page.locator("#account-menu").click()
    page.get_by_role("button", name="退出登录").click()


def enter(page, code: str, value: str) -> None:
    """Type a value and leave the field, as a person would; the field saves itself."""
    page.fill(f"#in-{code}", value)
    page.locator(f"#in-{code}").press("Tab")


def test_an_enterprise_reports_explains_a_warning_is_returned_resubmits_and_is_accepted(page, personas):
    catalogue = small_catalogue()
    open_year(catalogue)
    enterprise = personas["other_enterprise_user"].enterprise  # 重庆江北示例制造有限公司
    stored_report(enterprise, catalogue, DATA_YEAR - 1, LAST_YEAR, status="accepted")

    sign_in(page, "ent_jiangbei")
    page.get_by_role("link", name="年度数据").first.click()
    expect(page.locator(f"#start-{DATA_YEAR}")).to_contain_text("还剩 30 天")
    page.get_by_role("button", name=f"开始填报 {DATA_YEAR} 年度").click()
    expect(page.locator("h1")).to_contain_text(f"{DATA_YEAR} 年度数据")
    progress = page.locator("#progress-total")
    expect(progress).to_have_text("0 / 14")

    # Values save as the user leaves each field; the ratios follow.
    page.select_option("#in-ownership", "private")
    expect(progress).to_have_text("1 / 14")
    enter(page, "operating_revenue", "1000")  # 400 last year: +150 %
    enter(page, "main_business_revenue", "480")
    expect(page.locator("#ratio-main_business_share .ratio-value")).to_have_text("48.00%")
    expect(page.locator("#ratio-main_business_growth .ratio-value")).to_have_text("26.32%")
    enter(page, "employees", "100")
    # A value breaking a cross-field rule is refused, named beside both fields…
    enter(page, "rd_staff", "150")
    refusal = "研发人员（150）不能大于职工总数（100）"
    expect(page.locator("#err-rd_staff")).to_contain_text(refusal)
    expect(page.locator("#notes-employees")).to_contain_text(refusal)
    # …and saved by itself once the other field makes room for it.
    enter(page, "employees", "180")
    expect(page.locator("#f-rd_staff .saved-note")).to_be_visible()
    expect(page.locator("#notes-employees")).not_to_contain_text(refusal)
    enter(page, "rd_expense", "50")
    expect(page.locator("#ratio-rd_intensity .ratio-value")).to_have_text("5.00%")
    enter(page, "valid_invention_patents", "9")
    page.locator("#in-ip_strategy-yes").check()
    expect(progress).to_have_text("8 / 14")

    # The jump in revenue is flagged; it blocks submission until explained.
    warning = page.locator("#warnings-panel .warning-item").first
    expect(warning).to_contain_text("营业收入")
    expect(warning).to_contain_text("+150.00%")
    expect(page.locator("#f-operating_revenue .warning-note")).to_be_visible()
    expect(page.locator("#submit-button")).to_be_disabled()
    warning.locator("textarea").fill("新产品线投产，营业收入翻番。")
    warning.get_by_role("button", name="保存说明").click()
    expect(page.locator("#warnings-panel .warning-state").first).to_have_text("已说明")
    expect(page.locator("#ready-note")).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "annual-form")

    page.locator("#submit-button").click()
    expect(page.locator(".messages")).to_contain_text("第 1 次报送已记录")
    report_url = page.get_by_role("link", name="数据", exact=True).get_attribute("href")
    sign_out(page)

    # The district finds it waiting, reads the explanation and returns it with a comment.
    sign_in(page, "jiangbei_ip")
    page.goto(page.live_server_url + "/annual/review/")
    page.get_by_role("link", name="重庆江北示例制造有限公司").click()
    expect(page.locator("#warnings-panel")).to_contain_text("新产品线投产，营业收入翻番。")
    expect(page.locator("#in-operating_revenue")).to_have_text("1,000.00 万元")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "annual-review")
    page.get_by_role("button", name="退回企业").click()
    expect(page.locator("#return-form")).to_contain_text("请说明需要企业修改的内容")
    page.fill("#id_comment", "有效发明专利数与年报不一致，请核实。")
    page.get_by_role("button", name="退回企业").click()
    expect(page.locator("#history [data-decision=returned]")).to_contain_text("有效发明专利数与年报不一致")
    sign_out(page)

    # The enterprise reads the comment, fixes the value and submits again.
    sign_in(page, "ent_jiangbei")
    page.get_by_role("link", name="年度数据").first.click()
    page.get_by_role("link", name="继续填写").click()
    expect(page.locator("#return-comment")).to_contain_text("有效发明专利数与年报不一致，请核实。")
    enter(page, "valid_invention_patents", "11")
    expect(page.locator("#f-valid_invention_patents .saved-note")).to_be_visible()
    page.get_by_role("button", name="重新报送").click()
    expect(page.locator("#history [data-number='2']")).to_contain_text("重新报送")
    sign_out(page)

    # The district sees what changed and accepts.
    sign_in(page, "jiangbei_ip")
    page.goto(page.live_server_url + report_url)
    page.get_by_role("link", name="与上一版本相比的变化").click()
    changes = page.locator("#history [data-number='2'] .diff-table")
    expect(changes).to_contain_text("有效发明专利")
    expect(changes.locator("tr[data-code=valid_invention_patents]")).to_contain_text("9")
    expect(changes.locator("tr[data-code=valid_invention_patents]")).to_contain_text("11")
    page.get_by_role("link", name="审核该报告").click()
    page.locator("#accept-button").click()
    expect(page.locator(".messages")).to_contain_text("报告已接受")
    expect(page.locator("#history [data-number='2']")).to_have_attribute("data-decision", "accepted")
    screenshot(page, "annual-history")
    # The readiness page follows acceptance: the enterprise opens it and sees each rule pass or fail.
    sign_out(page)
    sign_in(page, "ent_jiangbei")
    page.goto(page.live_server_url + report_url)
    page.locator("#readiness-tab").click()
    expect(page.locator("#readiness-disclaimer")).to_contain_text("仅供参考，不代表官方认定结果")
    expect(page.locator("#readiness-source")).to_contain_text("根据已提交的数值计算")
    revenue = page.locator("#rule-zjtx_basic-operating_revenue")  # 1,000 万元, at least 1,000
    expect(revenue).to_have_attribute("data-outcome", "pass")
    expect(revenue).to_contain_text("符合")
    rd_expense = page.locator("#rule-zjtx_basic-rd_expense")  # 50 万元, at least 100
    expect(rd_expense).to_have_attribute("data-outcome", "fail")
    expect(rd_expense).to_contain_text("不符合")
    expect(page.locator("#rule-zjtx_basic-rd_intensity")).to_have_attribute("data-outcome", "pass")  # 5.00%
