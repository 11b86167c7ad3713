"""An enterprise fills its annual report in Excel: downloads the template, uploads it with a mistake,
reads the problem by row and column, fixes it, sees what will change, confirms."""

import io
from decimal import Decimal

from openpyxl import load_workbook
from playwright.sync_api import expect

from innopilot.annual.excel import layout
from innopilot.annual.values import values_of
from tests.annual.catalogue_builders import small_catalogue
from tests.annual.excel_helpers import column_of, report_with
from tests.e2e.conftest import screenshot, sign_in


def fill(template: bytes, path, changes: dict) -> str:
    book = load_workbook(io.BytesIO(template))
    sheet = book[layout.DATA_SHEET]
    for code, value in changes.items():
        sheet.cell(row=layout.FIRST_DATA_ROW, column=column_of(sheet, code)).value = value
    book.save(path)
    return str(path)


def test_an_enterprise_fills_its_report_in_excel_fixes_a_mistake_and_confirms(
    page, personas, yubei_enterprise, tmp_path
):
    report = report_with(yubei_enterprise, small_catalogue(), ownership="private", employees=100, rd_staff=10)
    sign_in(page, "ent_yubei")
    page.goto(f"{page.live_server_url}/annual/{report.pk}/upload/")
    with page.expect_download() as download:
        page.locator("#template-download").first.click()
    template = download.value.path().read_bytes()

    wrong = fill(template, tmp_path / "年度数据.xlsx", {"operating_revenue": "5,000", "rd_staff": 120})
    page.set_input_files("#id_file", wrong)
    page.get_by_role("button", name="上传并检查").click()
    expect(page.locator("#upload-invalid")).to_contain_text("1 处问题")
    problem = page.locator("#upload-problems tbody tr")
    expect(problem).to_contain_text("研发人员（120）不能大于职工总数（100）")
    expect(problem).to_contain_text("rd_staff、employees")
    screenshot(page, "annual-upload-errors")
    assert values_of(report)["rd_staff"] == Decimal(10)

    right = fill(template, tmp_path / "年度数据（修改）.xlsx", {"operating_revenue": "5,000", "rd_staff": 12})
    page.set_input_files("#id_file", right)
    page.get_by_role("button", name="上传并检查").click()
    changes = page.locator("#upload-changes")
    expect(changes.locator("tr", has_text="营业收入")).to_contain_text("5,000.00")
    expect(changes.locator("tr", has_text="研发人员")).to_contain_text("10")
    screenshot(page, "annual-upload-preview")
    page.locator("#confirm-upload").click()
    expect(page.locator(".alert-success")).to_contain_text("已从文件保存 2 个数值")
    assert values_of(report)["operating_revenue"] == Decimal("5000.00")
    assert values_of(report)["rd_staff"] == Decimal(12)
