"""The two municipal bureaus confirm a district's nominations; the district learns of a rejection."""

from playwright.sync_api import expect

from innopilot.pilots.models import NominationList, PilotEnterprise
from innopilot.pilots.notifications import notify_list_submitted
from tests.e2e.conftest import screenshot, sign_in
from tests.pilots.confirmation_builders import nominate, open_campaign

NAMES = ["重庆两江精密制造有限公司", "重庆江北智能装备有限公司", "重庆北滨新材料有限公司"]


def sign_out(page):
    page.locator("#account-menu").click()
    page.get_by_role("button", name="退出登录").click()


def open_confirmation_from_the_bell(page):
    page.locator("#notification-bell").click()
    expect(page.locator("#notification-list")).to_contain_text("江北区已报送2026年度推荐名单（共3家企业）")
    page.locator("#notification-list").get_by_role("button", name="查看").first.click()
    expect(page.locator("h1")).to_have_text("2026年度推荐企业联合确认")


def select(page, nomination):
    page.locator(f"#nomination-{nomination.pk} input[name=nominations]").check()


def test_the_city_bureaus_confirm_two_and_reject_one_and_the_district_is_told(page, personas, jiangbei):
    campaign = open_campaign()
    first, second, third = (nominate(campaign, jiangbei, name=name) for name in NAMES)
    notify_list_submitted(NominationList.objects.get(campaign=campaign, managing_unit=jiangbei))

    sign_in(page, "city_ip")
    open_confirmation_from_the_bell(page)
    expect(page.locator("#confirmation-table")).to_contain_text("国家知识产权优势企业")
    select(page, first)
    select(page, second)
    page.get_by_role("button", name="批量确认所选企业").click()
    expect(page.locator(".messages .alert-success")).to_contain_text("已确认2家企业")
    row = page.locator(f"#nomination-{third.pk}")
    row.get_by_label("不予确认的理由").fill("近三年存在知识产权侵权行为")
    row.get_by_role("button", name="不予确认").click()
    expect(page.locator(".messages .alert-success")).to_contain_text(f"已对{NAMES[2]}不予确认")
    expect(page.locator(f"#nomination-{third.pk}")).to_have_attribute("data-status", "rejected")
    screenshot(page, "confirmation")
    sign_out(page)

    sign_in(page, "city_econ")
    open_confirmation_from_the_bell(page)
    select(page, first)
    select(page, second)
    page.get_by_role("button", name="批量确认所选企业").click()
    expect(page.locator(".messages .alert-success")).to_contain_text("已确认2家企业")
    expect(page.locator(f"#nomination-{first.pk}")).to_have_attribute("data-status", "confirmed")
    page.get_by_role("link", name="试点企业").click()
    expect(page.locator("#pilot-table tbody tr")).to_have_count(2)
    expect(page.locator("#pilot-table")).to_contain_text(NAMES[0])
    assert set(PilotEnterprise.objects.values_list("enterprise__name", flat=True)) == set(NAMES[:2])
    sign_out(page)

    sign_in(page, "jiangbei_ip")
    expect(page.locator("#unread-count")).to_have_text("1")
    page.locator("#notification-bell").click()
    expect(page.locator("#notification-list")).to_contain_text(
        f"对贵单位2026年度推荐名单中的{NAMES[2]}不予确认，理由：近三年存在知识产权侵权行为"
    )
    screenshot(page, "notifications")
    page.get_by_role("button", name="全部标为已读").click()
    expect(page.locator("#unread-count")).to_have_count(0)
