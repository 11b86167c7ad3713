"""The assessment scoring engine: pure Python, no Django, so it is tested with plain inputs.

Each answered question gives a fraction 0–1 (maturity level/4; yes 1, partly 0.5, no 0; a number
the fraction of the highest step it reaches). A clause's score is the weighted mean of the fractions
of its own and its descendants' questions, × 100; a section's over its questions; the overall score
over every scored question. Hidden (condition not met), not-applicable and unanswered questions are
left out and the remaining weights renormalised: they never count as zero. The level is the highest
grade band whose lowest score the overall score reaches — indicative, never an official grade.

Scores are rounded to two decimals (what is stored and shown), before the level is looked up.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MATURITY_TOP = 4
CHOICE_FRACTIONS = {"yes": 1.0, "partly": 0.5, "no": 0.0}


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    clause: str  # clause code
    section: str  # "framework" | "strategy" | "process" | "tools"
    kind: str  # "maturity" | "yes_partly_no" | "numeric"
    weight: float = 1.0
    allows_not_applicable: bool = False
    steps: tuple[tuple[float, float], ...] = ()  # numeric only: (threshold, fraction), ascending
    condition: tuple[str, frozenset[str]] | None = None  # (question code, values that show it)
    # Codes of the clause's ancestors (parent first): their scores include this question too.
    ancestors: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnswerSpec:
    value: int | str | float | None = None  # maturity 0–4, "yes"/"partly"/"no", a number ≥ 0
    not_applicable: bool = False


@dataclass(frozen=True)
class ScoreResult:
    clauses: dict[str, float | None]  # clause code → 0–100 (None: nothing scorable in it yet)
    sections: dict[str, float | None]  # section → 0–100
    overall: float  # 0–100 (0 when nothing is scorable)
    level: int | None  # from the bands; None when nothing is scorable
    shown: tuple[str, ...]  # codes of questions shown (conditions met)
    unanswered: tuple[str, ...]  # shown, not answered, not N/A → a submission is refused if any


def fraction(question: QuestionSpec, answer: AnswerSpec) -> float | None:
    """The answer's share of the question's weight, 0–1; None if not applicable or unanswered.

    "Not applicable" counts only where the question allows it; elsewhere the question is unanswered.
    """
    if answer.not_applicable or answer.value is None:
        return None
    value = answer.value
    if question.kind == "maturity":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MATURITY_TOP:
            raise ValueError(f"{question.code}: maturity level must be 0–{MATURITY_TOP}, not {value!r}")
        return value / MATURITY_TOP
    if question.kind == "yes_partly_no":
        if value not in CHOICE_FRACTIONS:
            raise ValueError(f"{question.code}: answer must be yes, partly or no, not {value!r}")
        return CHOICE_FRACTIONS[value]
    if question.kind == "numeric":
        if isinstance(value, str | bool) or value < 0:
            raise ValueError(f"{question.code}: a number ≥ 0 is needed, not {value!r}")
        reached = 0.0
        for threshold, share in question.steps:
            if value < threshold:
                break
            reached = share
        return reached
    raise ValueError(f"{question.code}: unknown question kind {question.kind!r}")


def condition_value(answer: AnswerSpec | None) -> str | None:
    """An answer as a condition names it: "yes", "partly", "no" or a maturity level "0".."4"."""
    if answer is None or answer.not_applicable or answer.value is None:
        return None
    return str(answer.value)


def is_shown(question: QuestionSpec, answers: Mapping[str, AnswerSpec]) -> bool:
    """Whether the question's condition (if any) is met by the answers given.

    For chained conditions pass only the answers of questions that are themselves shown, as
    ``score`` does: a question hidden again hides those that depend on it.
    """
    if question.condition is None:
        return True
    code, values = question.condition
    return condition_value(answers.get(code)) in values


class _Mean:
    """A running weighted mean of fractions."""

    __slots__ = ("total", "weight")

    def __init__(self) -> None:
        self.total = 0.0
        self.weight = 0.0

    def add(self, weight: float, share: float) -> None:
        self.total += weight * share
        self.weight += weight

    def score(self) -> float | None:
        if not self.weight:
            return None
        # total ≤ weight holds in floating point too (every share ≤ 1): scores stay within 0–100.
        return round(min(self.total / self.weight, 1.0) * 100, 2)


def score(
    questions: Sequence[QuestionSpec],
    answers: Mapping[str, AnswerSpec],
    bands: Sequence[tuple[int, float]],
) -> ScoreResult:
    """Score an assessment. ``questions`` in the library's order (conditions name earlier ones);
    ``bands`` are (level, lowest score) pairs."""
    clauses: dict[str, _Mean] = {}
    sections: dict[str, _Mean] = {}
    overall = _Mean()
    shown: list[str] = []
    unanswered: list[str] = []
    shown_answers: dict[str, AnswerSpec] = {}
    for question in questions:
        means = [clauses.setdefault(code, _Mean()) for code in (question.clause, *question.ancestors)]
        section = sections.setdefault(question.section, _Mean())
        if not is_shown(question, shown_answers):
            continue
        shown.append(question.code)
        answer = answers.get(question.code)
        if answer is None:
            unanswered.append(question.code)
            continue
        shown_answers[question.code] = answer
        share = fraction(question, answer)
        if share is None:
            if not (answer.not_applicable and question.allows_not_applicable):
                unanswered.append(question.code)
            continue
        for mean in (*means, section, overall):
            mean.add(question.weight, share)
    total = overall.score()
    level = None
    if total is not None:
        reached = [band_level for band_level, lowest in bands if lowest <= total]
        level = max(reached) if reached else None
    return ScoreResult(
        clauses={code: mean.score() for code, mean in clauses.items()},
        sections={name: mean.score() for name, mean in sections.items()},
        overall=total if total is not None else 0.0,
        level=level,
        shown=tuple(shown),
        unanswered=tuple(unanswered),
    )
