"""A district official imports its survey list: errors first, then the corrected file, then the result."""

from playwright.sync_api import expect

from tests.directory.imports.helpers import codes, xlsx
from tests.e2e.conftest import screenshot, sign_in

HEADERS = [
    "统一社会信用代码",
    "企业名称",
    "管理单位",
    "所属行业",
    "成立日期",
    "参与试点意愿",
    "资格类型",
    "认定年份",
]


def survey_file(tmp_path, name, rows):
    path = tmp_path / name
    path.write_bytes(
        xlsx(rows, headers=HEADERS, title_rows=["2026年渝北区知识产权试点企业摸底表"]).getvalue()
    )
    return str(path)


def test_a_district_official_fixes_the_errors_imports_and_sees_why_each_enterprise_is_eligible(
    page, personas, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    first, second = codes(2)
    typo = first[:-1] + ("1" if first[-1] != "1" else "2")
    with_errors = survey_file(
        tmp_path,
        "渝北区摸底表.xlsx",
        [
            [
                typo,
                "重庆渝新智能装备有限公司",
                "渝北",
                "34",
                "2015年3月1日",
                "愿意",
                "国家知识产权优势企业",
                2024,
            ],
            [
                second,
                "重庆巴山新材料有限公司",
                "渝北区",
                "26",
                "2018.13.1",
                "未表态",
                "高新技术企业",
                "2023年",
            ],
        ],
    )
    sign_in(page, "yubei_ip")
    page.locator("#main-nav").get_by_role("link", name="企业").click()
    page.locator("#import-link").click()
    expect(page.locator("#import-unit")).to_contain_text("渝北区")
    page.set_input_files("#id_file", with_errors)
    page.get_by_role("button", name="上传并检查").click()

    errors = page.locator("#import-errors")
    expect(page.locator("#import-invalid")).to_contain_text("2 处问题")
    expect(errors.locator("tr", has_text="A（统一社会信用代码）")).to_contain_text("第 3 行")
    expect(errors.locator("tr", has_text="E（成立日期）")).to_contain_text("第 4 行")
    expect(errors).to_contain_text("该日期不存在")
    screenshot(page, "import-errors")

    corrected = survey_file(
        tmp_path,
        "渝北区摸底表（修改）.xlsx",
        [
            [
                first,
                "重庆渝新智能装备有限公司",
                "渝北",
                "34",
                "2015年3月1日",
                "愿意",
                "国家知识产权优势企业",
                2024,
            ],
            [
                second,
                "重庆巴山新材料有限公司",
                "渝北区",
                "26",
                "2018.12.1",
                "未表态",
                "高新技术企业",
                "2023年",
            ],
        ],
    )
    page.get_by_role("link", name="上传修改后的文件").click()
    page.set_input_files("#id_file", corrected)
    page.get_by_role("button", name="上传并检查").click()
    expect(page.locator("#import-status")).to_have_text("待确认导入")
    expect(page.locator("#count-created")).to_have_text("2")
    screenshot(page, "import-preview")

    page.get_by_role("button", name="确认导入").click()
    expect(page.locator(".alert-success")).to_contain_text("企业名单已导入")
    table = page.locator("#imported-enterprises")
    expect(table.locator("tr", has_text="重庆渝新智能装备有限公司")).to_contain_text(
        "国家知识产权优势企业（2024年认定，有效期至2027年）"
    )
    expect(table.locator("tr", has_text="重庆巴山新材料有限公司")).to_contain_text("不符合条件")
    screenshot(page, "import-done")
    table.get_by_role("link", name="重庆渝新智能装备有限公司").click()
    expect(page.locator("h1")).to_have_text("重庆渝新智能装备有限公司")
