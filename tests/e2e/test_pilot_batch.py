"""The whole batch, as the issue's Done-when tells it: a 渝北区 official nominates three enterprises
with contacts and submits; the two city bureaus approve two and reject one; the district replaces
the rejected one; coverage follows; the written-form PDF downloads."""

import io

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import sign_in
from tests.pilots.nomination_builders import eligible_enterprise, open_campaign

NOMINATED = ["重庆渝北智造科技有限公司", "重庆两江新材料有限公司", "重庆空港精密机械有限公司"]
REPLACEMENT = "重庆渝北候补电子有限公司"


def sign_out(page):
    page.locator("#account-menu").click()
    page.get_by_role("button", name="退出登录").click()


def nominate(page, enterprise, contact, mobile):
    page.locator("#candidates tr", has_text=enterprise).get_by_role("link", name="推荐").click()
    page.fill("#id_contact_name", contact)
    page.fill("#id_contact_mobile", mobile)
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages .alert-success")).to_contain_text(enterprise)


def confirm_as(page, username, *, approve, reject=None):
    """One bureau approves ``approve`` together and rejects ``reject`` with a reason."""
    sign_in(page, username)
    page.get_by_role("link", name="试点遴选").click()
    page.locator("#campaign-table").get_by_role("link", name="2026").click()
    page.locator("#confirmation-link").click()
    if reject:  # first: rejecting reloads the page, which would drop the ticks
        row = page.locator("#confirmation-table tr", has_text=reject)
        row.get_by_label("不予确认的理由").fill("近三年存在知识产权侵权行为")
        row.get_by_role("button", name="不予确认").click()
        expect(page.locator(".messages .alert-success")).to_contain_text(f"已对{reject}不予确认")
    for name in approve:
        page.locator("#confirmation-table tr", has_text=name).locator("input[name=nominations]").check()
    page.get_by_role("button", name="批量确认所选企业").click()
    expect(page.locator(".messages .alert-success")).to_contain_text("已确认2家企业")
    sign_out(page)


def yubei_coverage(page):
    page.get_by_role("link", name="试点覆盖").click()
    return page.locator("#unit-500112")


def test_a_batch_from_nomination_to_confirmation_replacement_and_coverage(page, personas, yubei):
    open_campaign(year=2026)
    for name in [*NOMINATED, REPLACEMENT]:
        eligible_enterprise(yubei, name=name, willingness="yes")

    sign_in(page, "yubei_ip")
    row = yubei_coverage(page)
    expect(row.locator(".coverage-percent")).to_have_text("0.0%")
    page.get_by_role("link", name="试点遴选").click()
    page.get_by_role("link", name="本单位推荐名单").click()
    for number, name in enumerate(NOMINATED):
        nominate(page, name, f"联系人{number}", f"1391234000{number}")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="报送推荐名单").click()
    expect(page.locator("#list-status")).to_have_text("已提交")
    list_url = page.url
    sign_out(page)

    confirm_as(page, "city_ip", approve=NOMINATED[:2], reject=NOMINATED[2])
    confirm_as(page, "city_econ", approve=NOMINATED[:2])

    sign_in(page, "yubei_ip")
    expect(page.locator("#unread-count")).to_have_text("1")
    page.goto(list_url)
    page.locator("#nomination-table tr", has_text=NOMINATED[2]).get_by_role("link", name="替换").click()
    page.locator("#id_enterprise").select_option(
        page.locator("#id_enterprise option", has_text=REPLACEMENT).get_attribute("value")
    )
    page.fill("#id_contact_name", "孙丽")
    page.fill("#id_contact_mobile", "13912340009")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages .alert-success")).to_contain_text(f"{REPLACEMENT}替换{NOMINATED[2]}")
    expect(page.locator("#nomination-table")).to_contain_text(REPLACEMENT)

    row = yubei_coverage(page)
    expect(row.locator("td").nth(3)).to_have_text("2")  # confirmed in 2026
    expect(row.locator(".coverage-percent")).not_to_have_text("0.0%")

    page.goto(list_url)
    with page.expect_download() as download:
        page.locator("#written-pdf").click()
    text = PdfReader(io.BytesIO(download.value.path().read_bytes())).pages[0].extract_text()
    assert NOMINATED[0] in text and REPLACEMENT in text
