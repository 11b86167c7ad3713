"""A district fills in its work mechanism and plan; the city sees who is complete and exports the table."""

import io

from openpyxl import load_workbook
from playwright.sync_api import expect

from innopilot.common.demo import minimal_pdf
from tests.e2e.conftest import screenshot, sign_in


def test_a_district_records_its_mechanism_and_the_city_sees_what_is_missing(
    page, personas, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = tmp_path / "江北区知识产权试点工作推进计划.pdf"
    plan.write_bytes(minimal_pdf("Jiangbei ISO 56005 pilot work plan"))

    sign_in(page, "jiangbei_ip")
    page.get_by_role("link", name="本单位工作机制").click()
    expect(page.locator("#mechanism-missing")).to_be_visible()
    page.get_by_role("link", name="填写").click()
    expect(page.locator("#id_ip_department")).to_have_value("江北区知识产权管理部门")
    page.fill("#id_ip_department", "江北区市场监督管理局（知识产权局）")
    page.fill("#id_ip_office", "知识产权科")
    page.fill("#id_ip_contact_name", "陈静")
    page.fill("#id_ip_contact_phone", "023-67851234")
    page.fill("#id_econ_department", "江北区经济和信息化委员会")
    page.fill("#id_econ_office", "中小企业科")
    page.fill("#id_econ_contact_name", "杨帆")
    page.fill("#id_econ_contact_phone", "139 8300 1234")
    page.set_input_files("#id_work_plan", str(plan))
    screenshot(page, "mechanism-edit")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages .alert-success")).to_contain_text("江北区工作机制已保存")
    expect(page.locator("#mechanism-complete")).to_be_visible()
    expect(page.locator("#work-plan")).to_contain_text("江北区知识产权试点工作推进计划.pdf")

    page.locator("#account-menu").click()
    page.get_by_role("button", name="退出登录").click()
    sign_in(page, "city_ip")
    page.get_by_role("link", name="各单位工作机制").click()
    expect(page.locator("#complete-count")).to_have_text("1")
    expect(page.locator("#incomplete-count")).to_have_text("40")
    jiangbei = page.locator("#unit-500105")
    expect(jiangbei).to_have_attribute("data-complete", "true")
    expect(jiangbei).to_contain_text("13983001234")
    expect(page.locator("#unit-500112 .badge.text-bg-danger")).to_have_count(9)
    screenshot(page, "mechanism-overview")

    with page.expect_download() as download:
        page.get_by_role("link", name="导出 Excel").click()
    assert download.value.suggested_filename.startswith("各单位工作机制-")
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 41 and rows["500105"][-1] == "已完整" and rows["500112"][2] == "未填写"

    page.get_by_label("只看有缺项的单位").check()
    expect(page.locator("#unit-500105")).to_have_count(0)
    expect(page.locator("#mechanism-table tbody tr")).to_have_count(40)
