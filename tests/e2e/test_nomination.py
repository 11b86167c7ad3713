"""A district official draws up its nomination list with the page's guidance, submits it and
downloads the written form (书面报送)."""

import io

from playwright.sync_api import expect
from pypdf import PdfReader

from innopilot.pilots.models import NominationList
from tests.e2e.conftest import screenshot, sign_in
from tests.pilots.nomination_builders import eligible_enterprise, open_campaign


def test_a_yubei_official_nominates_three_enterprises_submits_and_downloads_the_written_form(
    page, personas, yubei
):
    campaign = open_campaign(year=2026)
    eligible_enterprise(
        yubei,
        title="national_ip_demonstration",
        name="重庆渝北智造科技有限公司",
        has_ip_department=True,
        valid_invention_patents=23,
        willingness="yes",
    )
    eligible_enterprise(yubei, name="重庆两江新材料有限公司", has_ip_department=True, willingness="yes")
    eligible_enterprise(
        yubei, title="national_little_giant", name="重庆空港精密机械有限公司", willingness="yes"
    )
    for number in range(4):
        eligible_enterprise(yubei, name=f"重庆渝北候选企业{number}有限公司")

    sign_in(page, "yubei_ip")
    page.get_by_role("link", name="试点遴选").click()
    page.get_by_role("link", name="本单位推荐名单").click()
    expect(page.locator("#pool-size")).to_have_text("7")
    expect(page.locator("#target-count")).to_have_text("3")
    suggestions = page.locator("#suggestions li")
    expect(suggestions.first).to_contain_text("重庆渝北智造科技有限公司")
    expect(suggestions.first).to_contain_text(
        "国家知识产权示范企业；设有知识产权管理部门；有效发明专利 23 件；愿意参加"
    )
    screenshot(page, "nomination-guidance")

    contacts = [
        ("刘洋", "知识产权经理", "13912340001"),
        ("赵敏", "法务总监", "13912340002"),
        ("钱程", "研发主管", "13912340003"),
    ]
    for (name, position, mobile), enterprise in zip(
        contacts,
        ["重庆渝北智造科技有限公司", "重庆两江新材料有限公司", "重庆空港精密机械有限公司"],
        strict=True,
    ):
        page.locator("#candidates tr", has_text=enterprise).get_by_role("link", name="推荐").click()
        page.fill("#id_contact_name", name)
        page.fill("#id_contact_position", position)
        page.fill("#id_contact_mobile", mobile)
        page.fill("#id_contact_email", f"{mobile}@example.cn")
        page.get_by_role("button", name="保存").click()
        expect(page.locator(".messages .alert-success")).to_contain_text(enterprise)
    expect(page.locator("#nomination-table tbody tr")).to_have_count(3)

    # A bad mobile is refused in Chinese, nothing is added.
    page.locator("#candidates tr", has_text="重庆渝北候选企业0有限公司").get_by_role(
        "link", name="推荐"
    ).click()
    page.fill("#id_contact_name", "孙丽")
    page.fill("#id_contact_mobile", "12345")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#nomination-form")).to_contain_text("11 位")
    page.get_by_role("link", name="取消").click()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="报送推荐名单").click()
    expect(page.locator(".messages .alert-success")).to_contain_text("推荐名单已报送")
    expect(page.locator("#list-status")).to_have_text("已提交")
    screenshot(page, "nomination-list")
    assert NominationList.objects.get(campaign=campaign, managing_unit=yubei).status == "submitted"

    with page.expect_download() as download:
        page.locator("#written-pdf").click()
    assert download.value.suggested_filename.endswith("试点企业推荐名单.pdf")
    text = PdfReader(io.BytesIO(download.value.path().read_bytes())).pages[0].extract_text()
    assert "重庆渝北智造科技有限公司" in text and "13912340003" in text
