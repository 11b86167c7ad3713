"""The bundled ISO 56005 initial-assessment library loads and has the content the pilot needs."""

from collections import Counter

import pytest

from innopilot.standards.loader import BUNDLED_DIR, standards_load
from innopilot.standards.models import Question, Section

pytestmark = pytest.mark.django_db

LIBRARY_FILE = BUNDLED_DIR / "iso56005-assessment-v1.yaml"

# ISO 56005:2020's clause tree: clause → its sub-clauses (leaves have none).
TREE = {
    "4": ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"],
    "4.3": ["4.3.1", "4.3.2"],
    "4.4": ["4.4.1", "4.4.2"],
    "4.5": ["4.5.1", "4.5.2", "4.5.3"],
    "5": ["5.1", "5.2", "5.3"],
    "6": ["6.1", "6.2", "6.3", "6.4", "6.5", "6.6"],
    "annexes": ["A", "B", "C", "D", "E", "F"],
}
LEAVES = {child for children in TREE.values() for child in children if child not in TREE}
HEAVY = {"4.5.1", "4.5.2", "4.5.3", "5.2", "6.3", "6.5", "B", "C", "E", "F"}


@pytest.fixture
def library():
    return standards_load(path=LIBRARY_FILE).library


def test_the_library_has_the_clause_tree_of_iso_56005_in_four_sections(library):
    clauses = list(library.clauses.select_related("parent"))
    children = {}
    for clause in clauses:
        if clause.parent is not None:
            children.setdefault(clause.parent.code, []).append(clause.code)
    assert children == TREE
    top = {clause.code: clause.section for clause in clauses if clause.parent is None}
    assert top == {
        "4": Section.FRAMEWORK,
        "5": Section.STRATEGY,
        "6": Section.PROCESS,
        "annexes": Section.TOOLS,
    }
    assert all(clause.title_zh and clause.title_en for clause in clauses)


def test_every_leaf_clause_has_guidance_next_steps_and_enough_questions(library):
    per_clause = Counter(library.questions.values_list("clause__code", flat=True))
    for clause in library.clauses.filter(code__in=LEAVES):
        assert per_clause[clause.code] >= (3 if clause.code in HEAVY else 2), clause.code
        assert clause.guidance_zh and clause.guidance_en, clause.code
        steps_zh, steps_en = clause.next_steps_zh.splitlines(), clause.next_steps_en.splitlines()
        assert 2 <= len(steps_zh) <= 4 and len(steps_en) == len(steps_zh), clause.code


def test_there_are_at_least_66_bilingual_questions_of_every_kind_each_with_an_evidence_prompt(library):
    questions = list(library.questions.all())
    assert len(questions) >= 66
    kinds = Counter(question.kind for question in questions)
    assert kinds[Question.Kind.MATURITY] >= 0.5 * len(questions)
    assert kinds[Question.Kind.YES_PARTLY_NO] >= 0.2 * len(questions)
    assert 6 <= kinds[Question.Kind.NUMERIC] <= 8
    for question in questions:
        assert question.text_zh and question.text_en, question.code
        assert question.evidence_prompt_zh and question.evidence_prompt_en, question.code
        assert 1 <= question.weight <= 3, question.code


def test_maturity_questions_describe_five_distinct_levels_and_numeric_ones_reach_full_marks(library):
    for question in library.questions.all():
        if question.kind == Question.Kind.MATURITY:
            assert len({level["zh"] for level in question.levels}) == 5, question.code
            assert all(level["en"] for level in question.levels), question.code
        if question.kind == Question.Kind.NUMERIC:
            assert question.unit["zh"] and question.unit["en"], question.code
            assert question.numeric_steps[-1][1] == 1, question.code


def test_follow_up_questions_depend_on_earlier_answers_and_some_questions_allow_not_applicable(library):
    questions = list(library.questions.order_by("sort_order"))
    position = {question.code: index for index, question in enumerate(questions)}
    follow_ups = [question for question in questions if question.condition]
    assert 4 <= len(follow_ups) <= 6
    for question in follow_ups:
        assert position[question.condition["question"]] < position[question.code], question.code
    assert any(question.allows_not_applicable for question in questions)


def test_the_five_grade_bands_are_named_and_labelled_indicative(library):
    bands = list(library.grade_bands.order_by("level"))
    assert [(band.level, band.min_score, band.name_zh) for band in bands] == [
        (1, 0, "初始级"),
        (2, 20, "过程级"),
        (3, 40, "项目级"),
        (4, 60, "系统级"),
        (5, 80, "生态级"),
    ]
    for band in bands:
        assert "仅供参考，不代表官方分级评价结果" in band.description_zh
        assert "not an official grade" in band.description_en
    assert "仅供参考" in library.description_zh and "indicative" in library.description_en
