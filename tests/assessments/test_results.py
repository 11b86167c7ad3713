"""One assessment's results: scores by section and clause, the weakest clauses with their guidance,
and the change against the enterprise's previous year — on the page, in a fixed number of queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from innopilot.assessments.models import Answer, Assessment, ClauseScore
from innopilot.assessments.results import answers_by_clause, assessment_results
from innopilot.standards.models import Clause, Question, Section
from tests.assessments.builders import submitted_assessment
from tests.conftest import login
from tests.factories import small_library
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    return small_library()


@pytest.fixture
def this_year(jiangbei_enterprise, library):
    return submitted_assessment(
        jiangbei_enterprise,
        library,
        year=2025,
        clause_scores={"4.1": 75, "5.1": 50, "6.2": 25, "A": 100},
        answers={
            "Q4.1-1": {"level": 3, "comment": "制度已发布"},
            "Q5.1-1": {"choice": "partly"},
            "Q6.2-1": {"number": Decimal("3"), "evidence": ["发明披露台账.xlsx"]},
            "QA-1": {"not_applicable": True},
        },
    )


@pytest.fixture
def last_year(jiangbei_enterprise, library):
    return submitted_assessment(
        jiangbei_enterprise, library, year=2024, clause_scores={"4.1": 50, "5.1": 50.4, "6.2": 40, "A": 100}
    )


def test_the_weakest_clauses_are_the_lowest_scored_ones_below_the_top(this_year):
    results = assessment_results(this_year)
    assert [c.clause.code for c in results.weakest] == ["6.2", "5.1", "4.1"]
    weakest = results.weakest[0]
    assert weakest.clause.guidance == "条款6.2的指引"
    assert weakest.clause.next_steps == ["建立制度", "定期评审"]


def test_results_show_the_stored_scores_and_the_level_of_the_latest_submission(this_year):
    results = assessment_results(this_year)
    assert not results.preview and results.submission.number == 1
    assert results.overall.score == 62.5 and results.level == 4 and results.band.name == "系统级"
    assert {s.key: s.score for s in results.sections} == {
        Section.FRAMEWORK: 75,
        Section.STRATEGY: 50,
        Section.PROCESS: 25,
        Section.TOOLS: 100,
    }
    assert [c.clause.code for c in results.clauses] == ["4.1", "5.1", "6.2", "A"]


def test_each_clause_and_the_total_are_compared_with_the_previous_years_assessment(this_year, last_year):
    results = assessment_results(this_year)
    assert results.previous == last_year
    changes = {c.clause.code: (c.change, c.direction) for c in results.clauses}
    assert changes == {"4.1": (25, "up"), "5.1": (-0.4, "same"), "6.2": (-15, "down"), "A": (0, "same")}
    assert results.overall.previous == 60.1 and results.overall.direction == "up"
    radar = results.chart_data()["radar"]
    assert [s["name"] for s in radar["series"]] == ["2025", "2024"]


def test_only_an_earlier_submitted_assessment_is_compared(this_year, last_year):
    last_year.status = Assessment.Status.RETURNED
    last_year.save()
    results = assessment_results(this_year)
    assert results.previous is None
    assert all(c.change is None and c.direction == "" for c in results.clauses)


def test_a_returned_assessment_shows_the_results_of_its_last_submission(this_year):
    this_year.status = Assessment.Status.RETURNED
    this_year.save()
    results = assessment_results(this_year)
    assert not results.preview and results.overall.score == 62.5


def test_answers_are_grouped_by_clause_with_their_labels_and_evidence(this_year):
    groups = {g.clause.code: g.questions for g in answers_by_clause(this_year)}
    assert list(groups) == ["4.1", "5.1", "6.2", "A"]
    assert groups["4.1"][0].answer_label == "3 · 等级3"
    assert groups["4.1"][0].answer.comment == "制度已发布"
    assert groups["5.1"][0].answer_label == "部分"
    assert groups["6.2"][0].answer_label == "3 件"
    assert [e.original_name for e in groups["6.2"][0].evidence] == ["发明披露台账.xlsx"]
    assert groups["A"][0].answer_label == "不适用"
    assert groups["A"][1].answer is None and groups["A"][1].answer_label == ""


def test_the_results_page_shows_the_indicative_level_the_weakest_clauses_and_the_change(
    client, personas, this_year, last_year
):
    login(client, personas["jiangbei_official"])
    response = client.get(reverse("assessment_results", args=[this_year.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "参考等级，非官方评价结果" in page and "系统级" in page
    assert 'id="section-radar"' in page and 'id="clause-bars"' in page
    assert "条款6.2的指引" in page and "定期评审" in page
    assert 'id="clause-6.2" data-direction="down"' in page
    assert 'id="clause-4.1" data-direction="up"' in page


def test_an_enterprise_sees_its_own_results_but_not_another_enterprises(client, personas, this_year):
    url = reverse("assessment_results", args=[this_year.pk])
    assert login(client, personas["other_enterprise_user"]).get(url).status_code == 200
    assert login(client, personas["enterprise_user"]).get(url).status_code == 404


def test_the_results_page_query_count_does_not_grow_with_clauses_questions_and_history(
    client, personas, library, this_year, last_year, jiangbei_enterprise
):
    login(client, personas["jiangbei_official"])
    parent = Clause.objects.create(
        library=library, code="7", section=Section.PROCESS, title_zh="扩展", sort_order=10
    )
    state = {"year": 2020}

    def add_rows(count):
        for index in range(count):
            clause = Clause.objects.create(
                library=library,
                parent=parent,
                code=f"7.{index}",
                section=Section.PROCESS,
                title_zh=f"扩展条款{index}",
                next_steps_zh="一\n二",
                sort_order=20 + index,
            )
            question = Question.objects.create(
                library=library,
                clause=clause,
                code=f"Q7.{index}",
                kind="yes_partly_no",
                text_zh="？",
                sort_order=20 + index,
            )
            Answer.objects.create(assessment=this_year, question=question, choice="partly")
            ClauseScore.objects.create(assessment=this_year, clause=clause, score=Decimal(index))
        for _ in range(3):
            submitted_assessment(jiangbei_enterprise, library, year=state["year"], clause_scores={"4.1": 10})
            state["year"] += 1

    assert_queries_do_not_grow(client, reverse("assessment_results", args=[this_year.pk]), add_rows)


def test_a_draft_shows_a_live_preview_computed_from_its_answers_so_far(jiangbei_enterprise, library):
    draft = Assessment.objects.create(enterprise=jiangbei_enterprise, year=2025, library=library)
    questions = {q.code: q for q in library.questions.all()}
    Answer.objects.create(assessment=draft, question=questions["Q4.1-1"], level=2)
    Answer.objects.create(assessment=draft, question=questions["QA-1"], choice="yes")
    results = assessment_results(draft)
    assert results.preview and results.submission is None
    scored = {c.clause.code: c.score for c in results.clauses}
    assert scored == {"4.1": 50, "5.1": None, "6.2": None, "A": 100}
    assert results.overall.score == 75 and results.level == 4


def test_a_draft_without_answers_has_no_score_yet(jiangbei_enterprise, library):
    draft = Assessment.objects.create(enterprise=jiangbei_enterprise, year=2025, library=library)
    results = assessment_results(draft)
    assert results.preview and not results.has_scores and results.level is None and results.weakest == []
