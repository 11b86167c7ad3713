"""The scoring engine fed from the database: a library's specs and an assessment's answers."""

from decimal import Decimal

import pytest

from innopilot.assessments.models import Answer, Assessment
from innopilot.assessments.scores import answer_specs, assessment_score, library_specs
from innopilot.assessments.scoring import AnswerSpec
from innopilot.standards.models import Clause, Question
from tests.factories import small_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    return small_library()


@pytest.fixture
def assessment(library, jiangbei_enterprise):
    return Assessment.objects.create(enterprise=jiangbei_enterprise, year=2026, library=library)


def answer(assessment, code, **values):
    question = Question.objects.get(library=assessment.library, code=code)
    return Answer.objects.create(assessment=assessment, question=question, **values)


def test_library_specs_carry_every_question_in_order_with_its_clause_section_and_condition(library):
    questions, bands = library_specs(library)
    assert [q.code for q in questions] == ["Q4.1-1", "Q5.1-1", "Q6.2-1", "QA-1", "QA-2"]
    numeric = questions[2]
    assert (numeric.clause, numeric.section, numeric.kind) == ("6.2", "process", "numeric")
    assert numeric.steps == ((1.0, 0.25), (5.0, 0.5), (10.0, 1.0))
    assert questions[1].allows_not_applicable
    assert questions[4].condition == ("QA-1", frozenset({"yes", "partly"}))
    assert bands == [(1, 0.0), (2, 20.0), (3, 40.0), (4, 60.0), (5, 80.0)]


def test_a_sub_clauses_questions_also_score_for_its_parent_clauses(library):
    parent = Clause.objects.get(library=library, code="4.1")
    child = Clause.objects.create(
        library=library, parent=parent, code="4.1.1", section="framework", title_zh="子条款", sort_order=9
    )
    Question.objects.filter(library=library, code="Q4.1-1").update(clause=child)
    library.refresh_from_db()
    questions, _ = library_specs(library)
    assert (questions[0].clause, questions[0].ancestors) == ("4.1.1", ("4.1",))


def test_answers_become_specs_by_question_code_in_the_column_of_their_kind(assessment):
    answer(assessment, "Q4.1-1", level=3)
    answer(assessment, "Q5.1-1", not_applicable=True)
    answer(assessment, "Q6.2-1", number=Decimal("7.50"))
    answer(assessment, "QA-1", choice="partly")
    specs = answer_specs(assessment.answers.select_related("question"))
    assert specs == {
        "Q4.1-1": AnswerSpec(3),
        "Q5.1-1": AnswerSpec(not_applicable=True),
        "Q6.2-1": AnswerSpec(7.5),
        "QA-1": AnswerSpec("partly"),
    }


def test_an_assessment_is_scored_from_its_stored_answers(assessment):
    answer(assessment, "Q4.1-1", level=4)
    answer(assessment, "Q5.1-1", not_applicable=True)
    answer(assessment, "Q6.2-1", number=Decimal("5"))
    answer(assessment, "QA-1", choice="yes")
    result = assessment_score(assessment)
    assert result.unanswered == ("QA-2",)  # shown because QA-1 is "yes"
    assert result.clauses == {"4.1": 100.0, "5.1": None, "6.2": 50.0, "A": 100.0}
    assert result.sections == {"framework": 100.0, "strategy": None, "process": 50.0, "tools": 100.0}
    assert result.overall == pytest.approx(83.33)
    assert result.level == 5


def test_scoring_takes_at_most_two_queries_once_the_library_is_cached(
    assessment, django_assert_max_num_queries
):
    answer(assessment, "Q4.1-1", level=2)
    answer(assessment, "QA-1", choice="no")
    library_specs(assessment.library)
    fresh = Assessment.objects.get(pk=assessment.pk)
    with django_assert_max_num_queries(2):
        result = assessment_score(fresh)
    assert result.overall == 25.0
