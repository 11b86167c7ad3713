"""The PDF report and the Excel export of one assessment: they open, carry the content, and are
downloaded only by whoever may see the assessment."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from innopilot.assessments.results import assessment_results
from tests.assessments.builders import submitted_assessment
from tests.conftest import login
from tests.factories import small_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    return small_library()


@pytest.fixture
def assessment(jiangbei_enterprise, library):
    submitted_assessment(
        jiangbei_enterprise, library, year=2024, clause_scores={"4.1": 50, "5.1": 50, "6.2": 50, "A": 50}
    )
    return submitted_assessment(
        jiangbei_enterprise,
        library,
        year=2025,
        clause_scores={"4.1": 75, "5.1": 50, "6.2": 25, "A": 100},
        answers={
            "Q4.1-1": {"level": 3, "comment": '=HYPERLINK("http://evil.example","点我")'},
            "Q5.1-1": {"choice": "partly", "comment": "@SUM(A1:A2)"},
            "Q6.2-1": {"number": Decimal("3"), "evidence": ["发明披露台账.xlsx", "+评审记录.pdf"]},
            "QA-1": {"not_applicable": True},
        },
    )


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_report_is_an_a4_document_in_chinese_with_charts_and_every_answer(
    client, personas, assessment
):
    login(client, personas["jiangbei_official"])
    response = client.get(reverse("assessment_report", args=[assessment.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        "2025%E5%B9%B4%E5%88%9D%E5%A7%8B%E6%B5%8B%E8%AF%84%E6%8A%A5%E5%91%8A"
        in response["Content-Disposition"]
    )
    content = response.content
    assert content.startswith(b"%PDF") and 20_000 < len(content) < 3_000_000
    reader = PdfReader(io.BytesIO(content))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    fonts = {
        str(f.get_object()["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()
    }
    assert any("Noto-Sans-CJK-SC" in font for font in fonts)
    text = pdf_text(content)
    submission = assessment.submissions.get()
    for expected in (
        "重庆江北示例制造有限公司",
        assessment.enterprise.uscc,
        "江北区",
        "参考等级，非官方评价结果",
        "系统级",
        "知识产权战略",  # the radar's section names, drawn by pygal
        "条款6.2的指引",
        "定期评审",
        "问题Q5.1-1",
        "发明披露台账.xlsx",
        submission.content_hash[:20],
        f"1 / {len(reader.pages)}",
    ):
        assert expected in text, expected


def test_a_drafts_report_says_it_is_a_preview(client, personas, jiangbei_enterprise, library):
    from innopilot.assessments.models import Assessment

    draft = Assessment.objects.create(enterprise=jiangbei_enterprise, year=2026, library=library)
    login(client, personas["other_enterprise_user"])
    response = client.get(reverse("assessment_report", args=[draft.pk]))
    assert response.status_code == 200
    assert "预览" in pdf_text(response.content)


def test_the_answers_workbook_has_the_scores_and_every_answer_with_formulas_neutralised(
    client, personas, assessment
):
    login(client, personas["other_enterprise_user"])
    response = client.get(reverse("assessment_answers_export", args=[assessment.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    scores, answers = book.worksheets
    summary = [row for row in scores.iter_rows(min_row=2, values_only=True) if row[0]]
    assert summary[0][3] == 62.5 and summary[0][4] == 50 and summary[0][5] == 12.5
    clauses = {row[1]: row[3:6] for row in summary if row[0] == "条款"}
    assert clauses["6.2"] == (25, 50, -25)
    rows = {row[1]: row for row in answers.iter_rows(min_row=2, values_only=True)}
    assert list(rows) == ["Q4.1-1", "Q5.1-1", "Q6.2-1", "QA-1", "QA-2"]
    assert rows["Q4.1-1"][5] == '\'=HYPERLINK("http://evil.example","点我")'
    assert rows["Q5.1-1"][3:6] == ("部分", "否", "'@SUM(A1:A2)")
    assert rows["Q6.2-1"][6] == "发明披露台账.xlsx\n+评审记录.pdf"
    assert rows["Q6.2-1"][7] == "2025-06-30\n2025-06-30"
    assert rows["QA-1"][4] == "是"
    for row in answers.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.coordinate


def test_results_of_another_enterprise_cannot_be_downloaded(client, personas, assessment):
    login(client, personas["enterprise_user"])
    for name in ("assessment_report", "assessment_answers_export"):
        assert client.get(reverse(name, args=[assessment.pk])).status_code == 404


def test_the_report_lists_the_weakest_clauses_in_order(assessment):
    results = assessment_results(assessment)
    assert [c.clause.code for c in results.weakest] == ["6.2", "5.1", "4.1"]
