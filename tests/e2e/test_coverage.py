"""The city reads the demo's coverage (units behind schedule highlighted, the chart), opens the planner
and exports it; a district official sees only its own unit."""

import io

from openpyxl import load_workbook
from playwright.sync_api import expect

from innopilot.common.demo import DEMO_PASSWORD, demo_load
from tests.e2e.conftest import screenshot, sign_in


def test_the_city_sees_who_is_behind_plans_the_rest_and_a_district_sees_its_own_unit(
    page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    demo_load(annual_data=False)
    sign_in(page, "cq_ip", DEMO_PASSWORD)
    page.get_by_role("link", name="试点覆盖").click()
    expect(page.get_by_role("heading", name="入库企业试点覆盖情况")).to_be_visible()
    expect(page.locator("#coverage-chart[data-ready=true]")).to_be_visible()
    expect(page.locator("#coverage-table tbody tr")).to_have_count(41)
    yubei = page.locator("#unit-500112")
    expect(yubei).to_have_attribute("data-behind", "true")
    expect(yubei).to_have_class("table-danger")
    expect(yubei.locator(".badge.text-bg-danger")).to_contain_text("滞后")
    behind = page.locator("#coverage-table tbody tr.table-danger")
    expect(page.locator("#behind-count")).to_have_text(str(behind.count()))
    expect(page.locator("#unit-total")).to_contain_text("全市")
    screenshot(page, "coverage")

    page.get_by_role("link", name="覆盖计划测算").click()
    expect(page.locator("#plan-500112 .explanation")).to_contain_text("还需")
    page.get_by_label("最终年度").fill(str(int(page.get_by_label("最终年度").input_value()) + 1))
    page.get_by_role("button", name="测算").click()
    expect(page.locator("#plan-500112 .explanation")).to_contain_text("剩余 2 个年度")
    screenshot(page, "coverage-planner")
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 Excel").click()
    assert download.value.suggested_filename.startswith("试点覆盖计划-")
    rows = list(
        load_workbook(io.BytesIO(download.value.path().read_bytes())).active.iter_rows(values_only=True)
    )
    assert len(rows) == 1 + 41 + 1 and rows[-1][1] == "全市"

    page.locator("#account-menu").click()
    page.get_by_role("button", name="退出登录").click()
    sign_in(page, "jiangbei_ip", DEMO_PASSWORD)
    page.get_by_role("link", name="试点覆盖").click()
    expect(page.locator("#coverage-table tbody tr")).to_have_count(1)
    expect(page.locator("#unit-500105")).to_be_visible()
    expect(page.locator("#unit-500112")).to_have_count(0)
