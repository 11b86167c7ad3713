"""A district official looks at its enterprises' assessments on the demo data: the clause averages,
one enterprise's results with its charts, and the PDF report and Excel answers it downloads."""

import io

from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from innopilot.assessments.models import Assessment
from innopilot.common.demo import DEMO_PASSWORD, demo_load
from tests.e2e.conftest import screenshot, sign_in


def test_a_district_official_reads_the_clause_averages_and_downloads_an_enterprises_report(
    page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    demo_load(annual_data=False)
    year = timezone.localdate().year - 1
    sign_in(page, "jiangbei_ip", DEMO_PASSWORD)
    page.get_by_role("link", name="查看本单位企业初始测评").click()
    expect(page.get_by_role("heading", name="初始测评", exact=True)).to_be_visible()
    page.get_by_label("年度").select_option(str(year))
    page.get_by_label("状态").select_option("submitted")
    page.get_by_role("button", name="搜索").click()
    rows = page.locator("#assessment-table tbody tr")
    expect(rows.first).to_contain_text("江北区")
    expect(rows.first).to_contain_text("已提交")
    expect(page.locator("#clause-averages-chart[data-ready=true]")).to_be_visible()
    expect(page.locator("#clause-averages tbody tr")).to_have_count(22)
    screenshot(page, "assessment-overview")

    # An enterprise that also assessed itself the year before: its results show the change.
    compared = Assessment.objects.filter(
        enterprise__managing_unit__code="500105",
        year=year,
        status="submitted",
        enterprise__assessments__year=year - 1,
    ).first()
    name = compared.enterprise.name
    page.locator(f"#assessment-{compared.pk}").get_by_role("link", name="测评结果").click()
    expect(page.locator("#results-enterprise")).to_have_text(name)
    expect(page.locator("#results-change")).to_be_visible()
    expect(page.locator("#results-disclaimer")).to_have_text("参考等级，非官方评价结果")
    expect(page.locator("#section-radar[data-ready=true] svg")).to_be_visible()
    expect(page.locator("#clause-bars[data-ready=true] svg")).to_be_visible()
    expect(page.locator("#weakest-clauses .card")).to_have_count(5)
    screenshot(page, "assessment-results")

    with page.expect_download() as download:
        page.get_by_role("link", name="下载 PDF 报告").click()
    assert download.value.suggested_filename == f"{year}年初始测评报告-{name}.pdf"
    text = PdfReader(io.BytesIO(download.value.path().read_bytes())).pages[0].extract_text()
    assert name in text and "初始测评报告" in text

    with page.expect_download() as download:
        page.get_by_role("link", name="导出答题明细（Excel）").click()
    assert download.value.suggested_filename == f"{year}年初始测评答题明细-{name}.xlsx"
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert book.sheetnames == ["得分", "全部答题明细"]
    assert book["全部答题明细"].max_row > 60
