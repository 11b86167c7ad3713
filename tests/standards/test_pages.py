"""The library pages: every signed-in user learns the standard from them, Chinese first."""

from pathlib import Path

import pytest
from django.urls import reverse

from innopilot.standards.loader import standards_load
from innopilot.standards.models import Clause, Question
from tests.factories import small_library
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "sample-v1.yaml"


@pytest.fixture
def sample():
    return standards_load(path=SAMPLE).library


def test_an_enterprise_user_sees_the_loaded_libraries_and_which_version_is_current(
    client_as, personas, sample, tmp_path
):
    newer = tmp_path / "sample-v2.yaml"
    newer.write_text(SAMPLE.read_text(encoding="utf-8").replace("version: 1", "version: 2"), encoding="utf-8")
    current = standards_load(path=newer).library
    page = client_as(personas["enterprise_user"]).get(reverse("library_list")).content.decode()
    assert "示例测评题库" in page and "ISO 56005:2020" in page
    assert reverse("library_detail", args=[current.pk]) in page
    assert reverse("library_detail", args=[sample.pk]) in page
    assert "当前版本" in page and "早期版本" in page


def test_the_library_page_shows_the_clause_tree_with_guidance_next_steps_and_every_question(
    client_as, personas, sample
):
    page = (
        client_as(personas["yubei_official"])
        .get(reverse("library_detail", args=[sample.pk]))
        .content.decode()
    )
    for text in [
        "知识产权管理架构",  # section
        "理解组织及其环境",  # clause title
        "企业应了解影响其知识产权目标的内外部因素。",  # guidance
        "建立知识产权资产清单",  # next step
        'id="clause-4.3.1"',  # a nested clause
        "是否定期分析外部环境？",  # question
        "持续改进",  # maturity level 4's descriptor
        "环境分析报告",  # evidence prompt
        "可作答“不适用”",  # N/A allowed
        "仅当 Q6.3-1 的回答为 是 或 部分 时显示。",  # condition
        "≥ 20 件：100%",  # numeric scoring step
        "生态级",  # grade band
        "仅供参考",  # indicative, never official
    ]:
        assert text in page, text


def test_the_library_page_is_complete_in_english(client_as, personas, sample):
    client = client_as(personas["city_ip"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("library_detail", args=[sample.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for text in [
        "Understanding the organization and its context",
        "Know what inside and outside affects the IP objectives.",
        "Keep an IP asset inventory",
        "Measured and improved",
        "Shown only when Q6.3-1 is answered yes or partly.",
        "≥ 20 disclosures: 100%",
        "Ecosystem",
    ]:
        assert text in page, text


def test_an_unknown_library_is_not_found(client_as, personas):
    assert (
        client_as(personas["enterprise_user"]).get(reverse("library_detail", args=[999999])).status_code
        == 404
    )


def test_the_library_list_keeps_its_query_count_as_libraries_are_added(client_as, personas, sample):
    client = client_as(personas["enterprise_user"])
    assert_queries_do_not_grow(
        client,
        reverse("library_list"),
        lambda n: [small_library(urn=f"urn:innopilot:test:grow-{i}") for i in range(n)],
    )


def test_the_library_page_keeps_its_query_count_as_clauses_and_questions_are_added(client_as, personas):
    library = small_library()
    client = client_as(personas["enterprise_user"])
    parent = Clause.objects.get(library=library, code="4.1")

    def add_rows(n):
        for i in range(n):
            clause = Clause.objects.create(
                library=library,
                parent=parent,
                code=f"4.1.{i}",
                section="framework",
                title_zh=f"子条款{i}",
                sort_order=100 + i,
            )
            Question.objects.create(
                library=library,
                clause=clause,
                code=f"Q-grow-{i}",
                kind="yes_partly_no",
                text_zh="问题",
                sort_order=100 + i,
            )

    assert_queries_do_not_grow(client, reverse("library_detail", args=[library.pk]), add_rows)
