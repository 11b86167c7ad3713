"""Django side of the scoring engine: a library's questions and an assessment's answers as specs.

A loaded library never changes, so its specs are built once per process (three queries) and kept;
scoring an assessment afterwards costs at most two queries (its library row, its answers).
"""

from collections.abc import Iterable

from innopilot.assessments.models import Answer, Assessment
from innopilot.assessments.scoring import AnswerSpec, QuestionSpec, ScoreResult, score
from innopilot.standards.models import Clause, GradeBand, Question, StandardLibrary

LibrarySpecs = tuple[list[QuestionSpec], list[tuple[int, float]]]

# Keyed by (pk, loaded_at): a primary key alone could be reused after a library is deleted
# (tests roll back, SQLite hands the number out again).
_cache: dict[tuple[int, object], LibrarySpecs] = {}


def clear_cache() -> None:
    _cache.clear()


def library_specs(library: StandardLibrary) -> LibrarySpecs:
    """The library's questions (in order, with their clause's ancestors) and its grade bands."""
    key = (library.pk, library.loaded_at)
    cached = _cache.get(key)
    if cached is None:
        cached = _cache[key] = _build_specs(library)
    return cached


def _build_specs(library: StandardLibrary) -> LibrarySpecs:
    parents = dict(Clause.objects.filter(library=library).values_list("pk", "parent_id"))
    codes = dict(Clause.objects.filter(library=library).values_list("pk", "code"))

    def ancestors(clause_id: int) -> tuple[str, ...]:
        chain = []
        parent = parents[clause_id]
        while parent is not None:
            chain.append(codes[parent])
            parent = parents[parent]
        return tuple(chain)

    rows = (
        Question.objects.filter(library=library)
        .order_by("sort_order", "pk")
        .values_list(
            "code",
            "clause_id",
            "clause__section",
            "kind",
            "weight",
            "allows_not_applicable",
            "numeric_steps",
            "condition",
        )
    )
    questions = [
        QuestionSpec(
            code=code,
            clause=codes[clause_id],
            section=section,
            kind=kind,
            weight=float(weight),
            allows_not_applicable=allows_not_applicable,
            steps=tuple((float(threshold), float(share)) for threshold, share in steps or ()),
            condition=(
                (condition["question"], frozenset(str(value) for value in condition["in"]))
                if condition
                else None
            ),
            ancestors=ancestors(clause_id),
        )
        for code, clause_id, section, kind, weight, allows_not_applicable, steps, condition in rows
    ]
    bands = [
        (level, float(lowest))
        for level, lowest in GradeBand.objects.filter(library=library)
        .order_by("level")
        .values_list("level", "min_score")
    ]
    return questions, bands


def answer_spec(answer: Answer) -> AnswerSpec:
    """The column that matches the question's kind, or "not applicable"."""
    if answer.not_applicable:
        return AnswerSpec(not_applicable=True)
    kind = answer.question.kind
    if kind == Question.Kind.MATURITY:
        return AnswerSpec(value=answer.level)
    if kind == Question.Kind.YES_PARTLY_NO:
        return AnswerSpec(value=answer.choice or None)
    return AnswerSpec(value=float(answer.number) if answer.number is not None else None)


def answer_specs(answers: Iterable[Answer]) -> dict[str, AnswerSpec]:
    """Answers by question code (each answer's question must be loaded, e.g. select_related)."""
    return {answer.question.code: answer_spec(answer) for answer in answers}


def assessment_answers(assessment: Assessment):
    """The assessment's answers with the few question fields scoring needs, in one query."""
    return assessment.answers.select_related("question").only(
        "assessment",
        "question",
        "level",
        "choice",
        "number",
        "not_applicable",
        "question__code",
        "question__kind",
    )


def assessment_score(assessment: Assessment, answers: Iterable[Answer] | None = None) -> ScoreResult:
    """Score the assessment's current answers (or ``answers``) against its pinned library."""
    questions, bands = library_specs(assessment.library)
    given = assessment_answers(assessment) if answers is None else answers
    return score(questions, answer_specs(given), bands)
