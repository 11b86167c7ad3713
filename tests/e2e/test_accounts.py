"""Accounts in the browser: lockout after failed sign-ins, and a district creating an enterprise account."""

from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, sign_in


def test_six_wrong_passwords_lock_the_account_and_the_admin_sees_the_attempts(page, personas):
    for _ in range(6):
        sign_in(page, "jiangbei_ip", "Not-the-password-1")
    expect(page.locator("#lockout-message")).to_contain_text("已被锁定")
    screenshot(page, "lockout")
    sign_in(page, "platform_admin")
    page.get_by_role("link", name="审计日志").click()
    page.get_by_role("link", name="登录记录").click()
    expect(page.locator("#failed-logins")).to_contain_text("jiangbei_ip")
    assert page.locator("#failed-logins tbody tr", has_text="jiangbei_ip").count() >= 5
    screenshot(page, "audit-logins")


def test_a_district_official_creates_an_enterprise_account_that_its_holder_activates(page, personas):
    sign_in(page, "yubei_ip")
    page.get_by_role("link", name="用户").click()
    page.get_by_role("link", name="新建账号").click()
    page.fill("#id_username", "sun.wei")
    page.fill("#id_full_name", "孙丽")
    page.fill("#id_email", "sun.wei@example.cn")
    page.fill("#id_phone", "13900001111")
    page.select_option("#id_role", "enterprise")
    page.select_option("#id_enterprise", label="重庆渝北示例科技有限公司")
    screenshot(page, "user-create")
    page.get_by_role("button", name="创建账号").click()
    expect(page.locator(".alert-success")).to_contain_text("sun.wei@example.cn")

    link = next(line for line in mail.outbox[-1].body.splitlines() if "/access/" in line)
    page.locator("#account-menu").click()
    page.get_by_role("button", name="退出登录").click()
    page.goto(link)
    page.fill("#id_new_password1", "Yubei-Pilot-88")
    page.fill("#id_new_password2", "Yubei-Pilot-88")
    page.get_by_role("button", name="保存密码").click()
    expect(page.locator("main")).to_contain_text("密码已保存")
    sign_in(page, "sun.wei", "Yubei-Pilot-88")
    expect(page.locator("#home-enterprise")).to_have_text("重庆渝北示例科技有限公司")


def test_a_weak_password_is_refused_with_reasons_in_chinese(page, personas):
    sign_in(page, "city_ip")
    page.goto(page.live_server_url + "/account/password/")
    page.fill("#id_old_password", "Correct-Horse-9")
    page.fill("#id_new_password1", "abcdefghijk")
    page.fill("#id_new_password2", "abcdefghijk")
    page.get_by_role("button", name="修改密码").click()
    expect(page.locator("main")).to_contain_text("至少")
