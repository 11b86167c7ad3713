"""The officials' export: one row per enterprise, one column per indicator code (Chinese headers and
codes), the derived ratios, the filters, another programme's column names, and a constant number of
queries however many reports there are."""

import io
from decimal import Decimal
from importlib import import_module

import pytest
from django.core.management.base import BaseCommand
from django.urls import reverse
from openpyxl import load_workbook

from innopilot.annual.excel import layout
from innopilot.annual.models import AnnualReport, Indicator
from innopilot.directory.models import IndustryDivision
from tests.annual.catalogue_builders import small_catalogue
from tests.annual.excel_helpers import by_header, open_year, report_with, sheet_rows
from tests.factories import EnterpriseFactory
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

S = AnnualReport.Status
DOWNSTREAM = {
    "operating_revenue": {"ip_advantage": "销售收入", "tc554": "营业收入"},
    "rd_expense": {"ip_advantage": "研发投入"},
    "employees": {"tc554": "从业人员"},
    "valid_invention_patents": {"ip_advantage": "有效专利"},
    "high_value_invention_patents": {"ip_advantage": "有效专利"},
}
FIGURES = {
    "ownership": "private",
    "operating_revenue": "5000.00",
    "main_business_revenue": "4400.00",
    "employees": 100,
    "rd_staff": 20,
    "rd_expense": "300.00",
    "valid_invention_patents": 12,
    "high_value_invention_patents": 2,
    "ip_strategy": 1,
}


@pytest.fixture
def catalogue():
    catalogue = small_catalogue()
    for code, names in DOWNSTREAM.items():  # before the catalogue's spec is first built
        Indicator.objects.filter(catalogue=catalogue, code=code).update(downstream=names)
    open_year(catalogue, 2025)
    return catalogue


@pytest.fixture
def reports(catalogue, yubei, yubei_enterprise, jiangbei_enterprise):
    yubei_enterprise.industry = IndustryDivision.objects.get(code="39")  # section C
    yubei_enterprise.save()
    jiangbei_enterprise.industry = IndustryDivision.objects.get(code="65")  # section I
    jiangbei_enterprise.save()
    drafting = EnterpriseFactory(managing_unit=yubei, name="重庆草稿示例有限公司")
    report_with(yubei_enterprise, catalogue, year=2024, status=S.ACCEPTED, main_business_revenue="4000.00")
    return {
        "yubei": report_with(yubei_enterprise, catalogue, status=S.SUBMITTED, **FIGURES),
        "jiangbei": report_with(
            jiangbei_enterprise, catalogue, status=S.ACCEPTED, employees=30, operating_revenue="800.00"
        ),
        "draft": report_with(drafting, catalogue, status=S.DRAFT, employees=5),
    }


def download(client, **params) -> list[tuple]:
    response = client.get(reverse("annual_export"), params)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return sheet_rows(response.content)


def test_one_row_per_enterprise_with_chinese_headers_codes_values_and_ratios(client_as, personas, reports):
    rows = download(client_as(personas["city_ip"]), year=2025)
    headers, codes = rows[0], rows[1]
    assert headers[:6] == ("统一社会信用代码", "企业名称", "管理单位", "数据年度", "国民经济行业", "填报状态")
    assert codes[:4] == ("uscc", "enterprise_name", "managing_unit", "data_year")
    assert headers[codes.index("operating_revenue")] == "营业收入（万元）"
    assert headers[codes.index("rd_intensity")] == "研发投入强度（%）"
    data = [dict(zip(codes, row, strict=True)) for row in rows[2:]]
    assert [row["enterprise_name"] for row in data] == [
        "重庆江北示例制造有限公司",
        "重庆渝北示例科技有限公司",
    ]
    yubei = data[1]
    assert yubei["operating_revenue"] == 5000 and yubei["employees"] == 100
    assert yubei["ownership"] == "民营" and yubei["ip_strategy"] == "是"
    assert yubei["industry_division"].startswith("39 ")
    assert Decimal(str(yubei["rd_intensity"])) == Decimal("6.00")
    assert Decimal(str(yubei["main_business_share"])) == Decimal("88.00")
    assert Decimal(str(yubei["main_business_growth"])) == Decimal("10.00")  # 4,000 → 4,400
    assert data[0]["rd_intensity"] is None  # no R&D expense reported


def test_status_defaults_to_submitted_and_accepted_and_filters_narrow_the_rows(
    client_as, personas, reports, jiangbei
):
    client = client_as(personas["city_ip"])
    names = lambda rows: [row[1] for row in rows[2:]]  # noqa: E731
    assert "重庆草稿示例有限公司" not in names(download(client, year=2025))
    assert names(download(client, year=2025, status="draft")) == ["重庆草稿示例有限公司"]
    assert names(download(client, year=2025, unit=jiangbei.code)) == ["重庆江北示例制造有限公司"]
    assert names(download(client, year=2025, section="C")) == ["重庆渝北示例科技有限公司"]
    assert names(download(client, year=2025, status=["submitted", "draft"], section="I")) == []


def test_the_latest_year_is_the_default(client_as, personas, reports, catalogue):
    open_year(catalogue, 2026)
    client = client_as(personas["city_ip"])
    assert download(client)[2:] == []  # 2026 has no report yet
    assert len(download(client, year=2025)[2:]) == 2


def test_a_district_exports_only_its_own_enterprises(client_as, personas, reports):
    rows = download(client_as(personas["yubei_official"]), year=2025)
    assert [row[1] for row in rows[2:]] == ["重庆渝北示例科技有限公司"]


def test_a_programme_layout_uses_its_own_field_names_for_the_indicators_it_uses(client_as, personas, reports):
    response = client_as(personas["city_ip"]).get(
        reverse("annual_export"), {"year": 2025, "layout": "ip_advantage"}
    )
    rows = sheet_rows(response.content)
    assert rows[0] == (
        "统一社会信用代码",
        "企业名称",
        "管理单位",
        "数据年度",
        "国民经济行业",
        "填报状态",
        "销售收入",
        "研发投入",
        "有效专利（有效发明专利）",
        "有效专利（高价值发明专利）",
    )
    yubei = dict(zip(rows[0], rows[2], strict=True))
    assert yubei["销售收入"] == 5000 and yubei["有效专利（高价值发明专利）"] == 2
    mapping_sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[1]
    mapping = [tuple(row) for row in mapping_sheet.iter_rows(values_only=True)]
    assert ("销售收入", "operating_revenue", "营业收入（万元）", "wan_yuan") in mapping
    tc554 = download(client_as(personas["city_ip"]), year=2025, layout="tc554")
    assert tc554[0][6:] == ("营业收入", "从业人员")


def test_reports_on_two_catalogue_versions_get_the_union_of_their_codes(
    client_as, personas, reports, jiangbei
):
    newer = small_catalogue(version=2)
    Indicator.objects.create(
        catalogue=newer,
        group=newer.groups.get(code="finance"),
        code="export_revenue",
        label_zh="出口额",
        unit=Indicator.Unit.WAN_YUAN,
        decimal_places=2,
        sort_order=99,
    )
    other = EnterpriseFactory(managing_unit=jiangbei, name="重庆新版示例有限公司")
    report_with(other, newer, status=S.SUBMITTED, export_revenue="70.00", employees=9)
    rows = download(client_as(personas["city_ip"]), year=2025)
    codes = rows[1]
    assert codes.count("employees") == 1 and "export_revenue" in codes
    data = {row[1]: dict(zip(codes, row, strict=True)) for row in rows[2:]}
    assert data["重庆新版示例有限公司"]["export_revenue"] == 70
    assert data["重庆渝北示例科技有限公司"]["export_revenue"] is None
    assert data["重庆新版示例有限公司"]["employees"] == 9


def test_cells_that_could_start_a_formula_are_written_as_text(client_as, personas, reports, catalogue, yubei):
    evil = EnterpriseFactory(managing_unit=yubei, name='=HYPERLINK("http://x")')
    report_with(evil, catalogue, status=S.SUBMITTED, gbt29490_certificate_no="+cmd|' /C calc'!A0")
    rows = download(client_as(personas["city_ip"]), year=2025)
    codes = rows[1]
    row = next(dict(zip(codes, r, strict=True)) for r in rows[2:] if "HYPERLINK" in r[1])
    assert row["enterprise_name"] == '\'=HYPERLINK("http://x")'
    assert row["gbt29490_certificate_no"] == "'+cmd|' /C calc'!A0"


def test_the_export_goes_back_in_through_the_command_unchanged(client_as, personas, reports, tmp_path):
    response = client_as(personas["city_ip"]).get(reverse("annual_export"), {"year": 2025})
    path = tmp_path / "export.xlsx"
    path.write_bytes(response.content)
    stdout = io.StringIO()
    command = BaseCommand(stdout=stdout, stderr=io.StringIO())
    options = {"file": str(path), "year": None, "dry_run": True, "as_user": None, "verbosity": 1}
    import_module("innopilot.annual.commands.imports").run(command, options)
    assert "Would write 2 rows: 0 values in 0 reports" in stdout.getvalue()


def test_the_export_keeps_a_constant_query_count_as_reports_grow(
    client_as, personas, reports, catalogue, yubei
):
    client = client_as(personas["city_ip"])

    def add_rows(count):
        for index in range(count):
            enterprise = EnterpriseFactory(managing_unit=yubei, name=f"重庆批量示例{index}有限公司")
            report_with(enterprise, catalogue, year=2024, status=S.ACCEPTED, main_business_revenue="100.00")
            report_with(enterprise, catalogue, status=S.SUBMITTED, **FIGURES)

    assert_queries_do_not_grow(client, reverse("annual_export") + "?year=2025", add_rows)


def test_the_export_page_offers_the_filters_and_the_programme_layouts(client_as, personas, reports):
    page = client_as(personas["city_ip"]).get(reverse("annual_export_form"))
    assert page.status_code == 200
    layouts = dict(page.context["form"].fields["layout"].choices)
    assert {"", "ip_advantage", "tc554"} <= set(layouts)
    assert page.context["form"].initial["year"] == 2025


def test_header_rows_of_the_default_layout_are_the_templates(client_as, personas, reports):
    rows = download(client_as(personas["city_ip"]), year=2025)
    assert by_header(rows)[0]["统一社会信用代码"] == rows[2][0]
    assert rows[1][0] == layout.USCC
