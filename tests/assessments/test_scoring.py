"""The scoring engine on plain inputs: worked examples, then properties checked with hypothesis."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from innopilot.assessments.scoring import AnswerSpec, QuestionSpec, fraction, is_shown, score

BANDS = [(1, 0.0), (2, 20.0), (3, 40.0), (4, 60.0), (5, 80.0)]
STEPS = ((1.0, 0.25), (5.0, 0.5), (10.0, 0.75), (20.0, 1.0))


def maturity(code, clause="4.1", section="framework", **extra):
    return QuestionSpec(code=code, clause=clause, section=section, kind="maturity", **extra)


def choice(code, clause="4.1", section="framework", **extra):
    return QuestionSpec(code=code, clause=clause, section=section, kind="yes_partly_no", **extra)


def numeric(code, clause="6.3", section="process", **extra):
    return QuestionSpec(code=code, clause=clause, section=section, kind="numeric", steps=STEPS, **extra)


def test_each_kind_of_answer_gives_its_fraction():
    assert fraction(maturity("Q"), AnswerSpec(3)) == 0.75
    assert fraction(choice("Q"), AnswerSpec("partly")) == 0.5
    assert fraction(choice("Q"), AnswerSpec("no")) == 0.0
    assert [fraction(numeric("Q"), AnswerSpec(n)) for n in (0, 1, 4.9, 5, 19, 20, 500)] == [
        0.0,
        0.25,
        0.25,
        0.5,
        0.75,
        1.0,
        1.0,
    ]
    assert fraction(maturity("Q"), AnswerSpec()) is None
    assert fraction(choice("Q", allows_not_applicable=True), AnswerSpec(not_applicable=True)) is None


@pytest.mark.parametrize(
    ("question", "value"),
    [(maturity("Q"), 5), (maturity("Q"), "3"), (choice("Q"), "maybe"), (numeric("Q"), -1)],
)
def test_an_impossible_answer_is_refused_rather_than_scored(question, value):
    with pytest.raises(ValueError, match="Q"):
        fraction(question, AnswerSpec(value))


def test_clause_section_and_overall_scores_are_weighted_means_including_parent_clauses():
    questions = [
        maturity("A", clause="4.3.1", ancestors=("4.3", "4"), weight=3),
        choice("B", clause="4.3.2", ancestors=("4.3", "4")),
        choice("C", clause="5.1", section="strategy", ancestors=("5",)),
    ]
    result = score(questions, {"A": AnswerSpec(2), "B": AnswerSpec("yes"), "C": AnswerSpec("no")}, BANDS)
    assert result.clauses == {"4.3.1": 50.0, "4.3.2": 100.0, "4.3": 62.5, "4": 62.5, "5.1": 0.0, "5": 0.0}
    assert result.sections == {"framework": 62.5, "strategy": 0.0}
    assert result.overall == 50.0  # (3 × 0.5 + 1 + 0) / 5
    assert result.level == 3
    assert result.unanswered == ()


def test_not_applicable_and_hidden_questions_are_left_out_not_counted_as_zero():
    questions = [
        choice("A"),
        choice("B", allows_not_applicable=True),
        maturity("C", condition=("A", frozenset({"no"}))),
    ]
    result = score(questions, {"A": AnswerSpec("yes"), "B": AnswerSpec(not_applicable=True)}, BANDS)
    assert result.overall == 100.0
    assert result.level == 5
    assert result.shown == ("A", "B")
    assert result.unanswered == ()


def test_not_applicable_where_the_question_does_not_allow_it_leaves_the_question_unanswered():
    result = score([choice("A")], {"A": AnswerSpec(not_applicable=True)}, BANDS)
    assert result.unanswered == ("A",)


def test_a_question_shows_once_its_condition_is_met_and_chains_hide_with_their_source():
    questions = [
        choice("A"),
        maturity("B", condition=("A", frozenset({"yes", "partly"}))),
        choice("C", condition=("B", frozenset({"3", "4"}))),
    ]
    answers = {"A": AnswerSpec("partly"), "B": AnswerSpec(4), "C": AnswerSpec("yes")}
    assert score(questions, answers, BANDS).shown == ("A", "B", "C")
    # "no" hides B, and C with it, although B's earlier answer would still show C.
    hidden = score(questions, {**answers, "A": AnswerSpec("no")}, BANDS)
    assert hidden.shown == ("A",)
    assert hidden.overall == 0.0
    assert is_shown(questions[1], {"A": AnswerSpec("yes")})
    assert not is_shown(questions[1], {})


def test_shown_questions_without_an_answer_are_listed_and_nothing_scorable_gives_no_level():
    result = score([choice("A"), maturity("B", clause="4.2")], {}, BANDS)
    assert result.unanswered == ("A", "B")
    assert result.clauses == {"4.1": None, "4.2": None}
    assert result.sections == {"framework": None}
    assert (result.overall, result.level) == (0.0, None)


# --- properties -----------------------------------------------------------------------------------

CLAUSES = [("4.1", ("4",), "framework"), ("4.3.1", ("4.3", "4"), "framework"), ("5.2", ("5",), "strategy")]
CLAUSES += [("6.3", ("6",), "process"), ("A", ("annexes",), "tools")]
KINDS = ("maturity", "yes_partly_no", "numeric")
CONDITION_VALUES = {"maturity": ["0", "1", "2", "3", "4"], "yes_partly_no": ["yes", "partly", "no"]}

numeric_steps = st.lists(
    st.tuples(st.integers(1, 1000), st.floats(0.01, 1.0)), min_size=1, max_size=5, unique_by=lambda s: s[0]
).map(
    lambda steps: tuple(
        zip(sorted(t for t, _ in steps), [*sorted(f for _, f in steps)[:-1], 1.0], strict=True)
    )
)


@st.composite
def libraries(draw):
    """Up to 25 questions on a few clauses; some show only after an earlier question's answer."""
    questions = []
    for index in range(draw(st.integers(1, 25))):
        clause, ancestors, section = draw(st.sampled_from(CLAUSES))
        kind = draw(st.sampled_from(KINDS))
        condition = None
        earlier = [q for q in questions if q.kind != "numeric"]
        if earlier and draw(st.booleans()):
            source = draw(st.sampled_from(earlier))
            values = draw(st.sets(st.sampled_from(CONDITION_VALUES[source.kind]), min_size=1))
            condition = (source.code, frozenset(values))
        questions.append(
            QuestionSpec(
                code=f"Q{index}",
                clause=clause,
                section=section,
                kind=kind,
                weight=draw(st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0])),
                allows_not_applicable=draw(st.booleans()),
                steps=draw(numeric_steps) if kind == "numeric" else (),
                condition=condition,
                ancestors=ancestors,
            )
        )
    return questions


def answer_values(question: QuestionSpec):
    if question.kind == "maturity":
        return st.integers(0, 4)
    if question.kind == "yes_partly_no":
        return st.sampled_from(["no", "partly", "yes"])
    return st.one_of(st.integers(0, 2000), st.floats(0, 2000, allow_nan=False))


@st.composite
def assessments(draw):
    questions = draw(libraries())
    answers = {}
    for question in questions:
        state = draw(st.sampled_from(["answered", "answered", "missing", "not_applicable"]))
        if state == "answered":
            answers[question.code] = AnswerSpec(draw(answer_values(question)))
        elif state == "not_applicable" and question.allows_not_applicable:
            answers[question.code] = AnswerSpec(not_applicable=True)
    return questions, answers


def every_score(result):
    return [value for value in [*result.clauses.values(), *result.sections.values()] if value is not None]


def raised(question: QuestionSpec, answer: AnswerSpec, data) -> AnswerSpec:
    value = answer.value
    if question.kind == "maturity":
        return AnswerSpec(data.draw(st.integers(value, 4)))
    if question.kind == "yes_partly_no":
        order = ["no", "partly", "yes"]
        return AnswerSpec(data.draw(st.sampled_from(order[order.index(value) :])))
    return AnswerSpec(value + data.draw(st.floats(0, 1000, allow_nan=False)))


@given(assessments())
def test_every_score_stays_within_0_and_100(case):
    questions, answers = case
    result = score(questions, answers, BANDS)
    assert all(0 <= value <= 100 for value in [*every_score(result), result.overall])
    assert result.level is None or 1 <= result.level <= 5


@given(assessments(), st.data())
def test_raising_an_answer_never_lowers_any_score_while_the_same_questions_are_shown(case, data):
    questions, answers = case
    answered = [q for q in questions if q.code in answers and answers[q.code].value is not None]
    assume(answered)
    question = data.draw(st.sampled_from(answered))
    before = score(questions, answers, BANDS)
    after = score(
        questions, {**answers, question.code: raised(question, answers[question.code], data)}, BANDS
    )
    assume(after.shown == before.shown)
    for name in before.clauses:
        if before.clauses[name] is not None:
            assert after.clauses[name] >= before.clauses[name], name
    for name in before.sections:
        if before.sections[name] is not None:
            assert after.sections[name] >= before.sections[name], name
    assert after.overall >= before.overall
    assert (after.level or 0) >= (before.level or 0)


def top_answer(question: QuestionSpec) -> AnswerSpec:
    if question.kind == "maturity":
        return AnswerSpec(4)
    if question.kind == "yes_partly_no":
        return AnswerSpec("yes")
    return AnswerSpec(question.steps[-1][0])


@given(libraries())
def test_all_answers_at_the_top_score_100_everywhere_and_reach_level_5(questions):
    result = score(questions, {q.code: top_answer(q) for q in questions}, BANDS)
    assert every_score(result)
    assert all(value == 100.0 for value in every_score(result))
    assert (result.overall, result.level) == (100.0, 5)
    assert result.unanswered == ()


@given(assessments(), st.data())
def test_a_not_applicable_question_counts_as_if_it_were_not_in_the_library(case, data):
    questions, answers = case
    candidates = [q for q in questions if q.allows_not_applicable and q.condition is None]
    assume(candidates)
    question = data.draw(st.sampled_from(candidates))
    # Nothing may depend on it, or removing it would also hide its dependants.
    assume(not any(q.condition and q.condition[0] == question.code for q in questions))
    with_na = score(questions, {**answers, question.code: AnswerSpec(not_applicable=True)}, BANDS)
    without = score([q for q in questions if q is not question], answers, BANDS)
    assert with_na.overall == without.overall
    assert with_na.sections.get(question.section) == without.sections.get(question.section)
    assert with_na.clauses.get(question.clause) == without.clauses.get(question.clause)


@given(assessments(), st.data())
def test_a_hidden_questions_answer_changes_nothing(case, data):
    questions, answers = case
    hidden = [q for q in questions if q.code not in score(questions, answers, BANDS).shown]
    assume(hidden)
    question = data.draw(st.sampled_from(hidden))
    changed = {**answers, question.code: AnswerSpec(data.draw(answer_values(question)))}
    assert score(questions, changed, BANDS) == score(questions, answers, BANDS)
