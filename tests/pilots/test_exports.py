"""The written-form exports (书面报送): a unit's list and the city-wide summary, in Excel and PDF."""

import io

import pytest
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from innopilot.pilots import services
from innopilot.pilots.models import Nomination
from tests.pilots.nomination_builders import CONTACT, eligible_enterprise, open_campaign


@pytest.fixture(autouse=True)
def in_chinese():
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def yubei_list(personas, yubei):
    campaign = open_campaign(year=2026)
    for name in ("重庆甲科技有限公司", "重庆乙制造有限公司"):
        services.nomination_add(
            actor=personas["yubei_official"],
            campaign=campaign,
            unit=yubei,
            enterprise=eligible_enterprise(yubei, name=name),
            **CONTACT,
        )
    return campaign


def test_the_unit_list_workbook_has_the_formal_title_columns_and_seal_line(
    client_as, personas, yubei, yubei_list
):
    response = client_as(personas["yubei_official"]).get(
        f"/pilots/campaigns/2026/lists/{yubei.code}/list.xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "渝北区 2026年创新管理知识产权国际标准实施试点企业推荐名单"
    assert [c.value for c in sheet[3]] == [
        "序号",
        "企业名称",
        "统一社会信用代码",
        "推荐依据（资质）",
        "联系人",
        "职务",
        "联系电话",
        "电子邮箱",
    ]
    assert [sheet.cell(row, 2).value for row in (4, 5)] == ["重庆甲科技有限公司", "重庆乙制造有限公司"]
    assert sheet.cell(4, 4).value == "国家知识产权优势企业" and sheet.cell(4, 7).value == "13800001111"
    footer = [sheet.cell(row, 2).value for row in range(6, sheet.max_row + 1)]
    assert "填报单位（盖章）：" in footer and any(line and line.startswith("填报日期") for line in footer)


def test_a_replaced_nomination_is_left_out_of_the_written_form(client_as, personas, yubei, yubei_list):
    Nomination.objects.filter(enterprise__name="重庆乙制造有限公司").update(status=Nomination.Status.REPLACED)
    response = client_as(personas["yubei_official"]).get(
        f"/pilots/campaigns/2026/lists/{yubei.code}/list.xlsx"
    )
    names = [
        row[1]
        for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=4, values_only=True)
    ]
    assert "重庆甲科技有限公司" in names and "重庆乙制造有限公司" not in names


def test_the_unit_list_pdf_is_a4_landscape_with_the_enterprises(client_as, personas, yubei, yubei_list):
    response = client_as(personas["city_ip"]).get(f"/pilots/campaigns/2026/lists/{yubei.code}/list.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = page.extract_text()
    assert "试点企业推荐名单" in text and "重庆甲科技有限公司" in text and "填报单位（盖章）" in text


def test_the_city_summary_counts_each_unit_and_lists_every_nomination(client_as, personas, yubei, yubei_list):
    response = client_as(personas["city_econ"]).get("/pilots/campaigns/2026/summary.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    units = {row[0]: row for row in workbook.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert units["渝北区"][1:5] == (2, 2, 0, 0) and units["渝北区"][5] == "准备中"
    assert len(units) > 30  # every unit, nominating or not
    nominations = list(workbook.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in nominations] == ["渝北区", "渝北区"]


def test_the_city_summary_pdf_opens(client_as, personas, yubei_list):
    response = client_as(personas["city_ip"]).get("/pilots/campaigns/2026/summary.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "2026年各管理单位试点企业推荐情况汇总" in text and "重庆乙制造有限公司" in text
