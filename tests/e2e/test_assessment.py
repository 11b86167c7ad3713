"""An enterprise completes and submits its assessment with an evidence file and downloads its PDF
report; its district returns it with a comment; the enterprise corrects and resubmits; both see the
history."""

import io

from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from innopilot.assessments.services import DEFAULT_LIBRARY_URN
from innopilot.common.demo import minimal_pdf
from tests.e2e.conftest import screenshot, sign_in
from tests.factories import small_library


def sign_out(page) -> None:
    page.locator("#account-menu").click()
    page.get_by_role("button", name="退出登录").click()


def test_an_enterprise_submits_its_district_returns_and_it_resubmits(page, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    small_library(urn=DEFAULT_LIBRARY_URN, version=99)  # a short library, newer than the bundled one
    policy = tmp_path / "知识产权管理制度.pdf"
    policy.write_bytes(minimal_pdf("IP management policy"))
    year = timezone.localdate().year

    sign_in(page, "ent_jiangbei")
    page.get_by_role("link", name="我的测评").first.click()
    expect(page.locator("#no-assessments")).to_be_visible()
    page.get_by_role("button", name="开始").click()
    expect(page.locator("h1")).to_contain_text(f"{year} 年度初始测评")
    progress = page.locator("#progress-total")
    expect(progress).to_have_text("0 / 4")

    # Each answer saves as it is given and the progress follows.
    page.locator("#q-Q4_1-1-level-3").check()
    expect(progress).to_have_text("1 / 4")
    page.get_by_label("不适用于本企业").check()
    expect(progress).to_have_text("2 / 4")
    page.fill("#q-Q6_2-1-number", "-2")
    page.locator("#q-Q6_2-1-number").press("Tab")
    expect(page.locator("#q-Q6_2-1 .question-errors")).to_contain_text("请输入 0 或以上的数字")
    page.fill("#q-Q6_2-1-number", "6")
    page.locator("#q-Q6_2-1-number").press("Tab")
    expect(progress).to_have_text("3 / 4")
    # The conditional question appears once its condition is met.
    expect(page.locator("#q-QA-2")).to_be_hidden()
    page.locator("#q-QA-1-yes").check()
    expect(page.locator("#q-QA-2")).to_be_visible()
    expect(progress).to_have_text("4 / 5")
    page.locator("#q-QA-2-level-4").check()
    expect(progress).to_have_text("5 / 5")

    question = page.locator("#q-Q4_1-1")
    question.get_by_text("上传佐证材料").click()
    question.locator("input[type=file]").set_input_files(str(policy))
    question.locator("input[type=date]").fill(f"{year - 1}-12-31")
    question.get_by_role("button", name="上传").click()
    expect(page.locator("#q-Q4_1-1 .evidence-list")).to_contain_text("知识产权管理制度.pdf")
    screenshot(page, "assessment-answer")

    page.get_by_role("button", name="报送测评").click()
    expect(page.locator(".messages")).to_contain_text("第 1 次报送已记录")
    expect(page.locator("#assessment-status")).to_have_text("已提交")
    assessment_url = page.get_by_role("link", name="答题").get_attribute("href")

    # The enterprise downloads its report of what it submitted.
    page.get_by_role("link", name="测评结果与报告").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载 PDF 报告").click()
    text = PdfReader(io.BytesIO(download.value.path().read_bytes())).pages[0].extract_text()
    assert "初始测评报告" in text and "重庆江北示例制造有限公司" in text
    sign_out(page)

    # The managing district reads it, with the evidence, and returns it with a comment.
    sign_in(page, "jiangbei_ip")
    page.goto(page.live_server_url + assessment_url)
    expect(page.locator("#q-Q4_1-1 .evidence-list")).to_contain_text("知识产权管理制度.pdf")
    page.get_by_role("button", name="退回企业").click()
    expect(page.locator("#return-form")).to_contain_text("请说明需要企业修改的内容")
    page.fill("#id_comment", "请按去年实际数据核实发明披露数量。")
    page.get_by_role("button", name="退回企业").click()
    expect(page.locator("#history [data-kind=returned]")).to_contain_text(
        "请按去年实际数据核实发明披露数量。"
    )
    sign_out(page)

    # The enterprise sees the comment, corrects and resubmits.
    sign_in(page, "ent_jiangbei")
    page.get_by_role("link", name="我的测评").first.click()
    page.get_by_role("link", name="继续填写").click()
    expect(page.locator("#return-comment")).to_contain_text("请按去年实际数据核实发明披露数量。")
    page.fill("#q-Q6_2-1-number", "12")
    page.locator("#q-Q6_2-1-number").press("Tab")
    expect(page.locator("#q-Q6_2-1-number")).to_have_value("12")
    page.get_by_role("button", name="重新报送").click()
    history = page.locator("#history")
    expect(history.locator("[data-kind=submitted]")).to_have_count(2)
    expect(history.locator("[data-kind=returned]")).to_have_count(1)
    screenshot(page, "assessment-history")
    sign_out(page)

    sign_in(page, "jiangbei_ip")
    page.goto(page.live_server_url + assessment_url.rstrip("/") + "/history/")
    expect(page.locator("#history [data-kind=submitted]")).to_have_count(2)
    expect(page.locator("#assessment-status")).to_have_text("已提交")
