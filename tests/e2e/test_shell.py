"""A person signs in as each role, opens every page the navigation offers, and switches language."""

import re

import pytest
from playwright.sync_api import expect

from innopilot.common.demo import DEMO_PASSWORD, demo_load
from tests.e2e.conftest import screenshot, sign_in

HOME_TEXT = {
    "city_ip": "重庆市知识产权局",
    "city_econ": "重庆市经济和信息化委员会",
    "yubei_official": "渝北区",
    "jiangbei_official": "江北区",
    "enterprise_user": "重庆渝北示例科技有限公司",
    "evaluator": "重庆示例评价中心",
    "admin": "平台管理员",
}


@pytest.mark.parametrize("persona", sorted(HOME_TEXT))
def test_each_role_signs_in_to_its_own_home_and_opens_every_page_of_its_navigation(page, personas, persona):
    user = personas[persona]
    sign_in(page, user.username)
    expect(page.locator("main")).to_contain_text(HOME_TEXT[persona])
    links = page.locator("#main-nav a.nav-link")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs, "the navigation offers pages"
    for href in hrefs:
        response = page.goto(page.live_server_url + href)
        assert response.status == 200, f"{persona} {href}: {response.status}"
        expect(page.locator("body")).not_to_contain_text("Traceback")
    for href in ("/account/", "/account/password/"):
        assert page.goto(page.live_server_url + href).status == 200


@pytest.mark.parametrize("username", ["cq_ip", "yubei_ip", "ent_demo"])
def test_demo_accounts_show_their_homes_on_the_demo_data(page, username):
    demo_load(annual_data=False)
    sign_in(page, username, DEMO_PASSWORD)
    expect(page.locator("main h1")).to_contain_text("欢迎您")
    if username == "cq_ip":
        expect(page.locator("#units-chart[data-ready=true]")).to_be_visible()
    screenshot(page, f"home-{username}")


def test_the_sign_in_page_is_chinese_first(page):
    page.goto(page.live_server_url + "/login/")
    expect(page.get_by_role("heading")).to_have_text("登录 Innopilot")
    screenshot(page, "login")


def test_the_language_switch_shows_the_platform_in_english_and_back(page, personas):
    sign_in(page, "city_ip")
    page.select_option("#language-select", "en")
    expect(page.locator("main h1")).to_contain_text("Welcome")
    expect(page.locator("#main-nav")).to_contain_text("Managing units")
    page.goto(page.live_server_url + "/units/")
    expect(page.locator("#unit-table")).to_contain_text("Yubei District")
    page.select_option("#language-select", "zh-hans")
    expect(page.locator("#main-nav")).to_contain_text("管理单位")


def test_a_district_official_lists_its_enterprises_and_is_refused_another_units(
    page, personas, jiangbei_enterprise
):
    sign_in(page, "yubei_ip")
    page.get_by_role("link", name=re.compile("企业")).first.click()
    expect(page.locator("#enterprise-table")).to_contain_text("重庆渝北示例科技有限公司")
    expect(page.locator("#enterprise-table")).not_to_contain_text(jiangbei_enterprise.name)
    screenshot(page, "enterprises-yubei")
    response = page.goto(page.live_server_url + f"/enterprises/{jiangbei_enterprise.uscc}/")
    assert response.status == 404
    expect(page.locator("main")).to_contain_text("不在您的管理范围内")


def test_every_page_of_the_shell_loads_for_the_administrator_without_asking_another_host(
    page, personas, jiangbei_enterprise
):
    other = personas["other_enterprise_user"]
    pages = [
        "/",
        "/units/",
        "/units/500105/",
        "/enterprises/",
        "/enterprises/new/",
        f"/enterprises/{jiangbei_enterprise.uscc}/",
        "/users/",
        "/users/new/",
        f"/users/{other.pk}/",
        "/audit/",
        "/audit/?tab=logins",
        "/account/",
        "/account/password/",
        "/api/docs",
        "/admin/",
    ]
    sign_in(page, "platform_admin")
    for path in pages:
        response = page.goto(page.live_server_url + path)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, f"{path}: {response.status}"
    page.context.clear_cookies()
    for path in ("/login/", "/password/forgot/", "/access/MQ/bad-token/"):
        assert page.goto(page.live_server_url + path).status == 200


def test_the_account_form_shows_only_the_scope_the_role_needs(page, personas):
    sign_in(page, "city_ip")
    page.goto(page.live_server_url + "/users/new/")
    page.select_option("#id_role", "district_ip")
    expect(page.locator("#id_managing_unit")).to_be_visible()
    expect(page.locator("#id_enterprise")).to_be_hidden()
    page.select_option("#id_role", "enterprise")
    expect(page.locator("#id_enterprise")).to_be_visible()
    expect(page.locator("#id_managing_unit")).to_be_hidden()
