"""Reads for one assessment's results: scores by section and clause, the weakest clauses, the change
against the enterprise's previous year, and all answers by clause (for the PDF and the Excel export).

A submitted or returned assessment shows its latest submission's stored scores (``Assessment.score``,
``section_scores``, ``ClauseScore``); a draft that was never submitted shows a live preview computed
from its answers so far. Every read is a fixed number of queries, whatever the size of the library.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _

from innopilot.assessments import scores
from innopilot.assessments.models import Answer, Assessment, ClauseScore, Evidence, Submission
from innopilot.common.i18n import is_english
from innopilot.standards.models import Clause, GradeBand, Question, Section

WEAKEST_COUNT = 5
# A change smaller than this (in points) is shown as "unchanged": rounding noise is not progress.
STEADY = 0.5


def reported_clauses_q(prefix: str = "") -> Q:
    """The clauses results are reported by: the second level of the tree (4.1 … 6.6, A … F), whose
    scores include their sub-clauses', or a top-level clause that carries questions itself."""
    outer = prefix.removesuffix("__") or "pk"
    has_questions = Exists(Question.objects.filter(clause=OuterRef(outer)))
    return Q(**{f"{prefix}parent__isnull": False, f"{prefix}parent__parent__isnull": True}) | (
        Q(**{f"{prefix}parent__isnull": True}) & Q(has_questions)
    )


def _number(value) -> float | None:
    return None if value is None else round(float(value), 1)


def change_direction(change: float | None) -> str:
    """ "up", "down", "same" or "" (nothing to compare with): the arrow and colour a change gets."""
    if change is None:
        return ""
    if change >= STEADY:
        return "up"
    if change <= -STEADY:
        return "down"
    return "same"


@dataclass(frozen=True)
class Scored:
    """One clause's or section's score now and in the previous year's assessment."""

    score: float | None
    previous: float | None = None

    @property
    def change(self) -> float | None:
        if self.score is None or self.previous is None:
            return None
        return round(self.score - self.previous, 1)

    @property
    def direction(self) -> str:
        return change_direction(self.change)


@dataclass(frozen=True)
class ClauseResult(Scored):
    clause: Clause | None = None


@dataclass(frozen=True)
class SectionResult(Scored):
    key: str = ""
    label: str = ""


@dataclass(frozen=True)
class Results:
    assessment: Assessment
    submission: Submission | None
    preview: bool  # a draft's scores computed from its answers so far, not a submission's
    overall: Scored
    level: int | None
    band: GradeBand | None
    sections: list[SectionResult]
    clauses: list[ClauseResult]
    previous: Assessment | None
    weakest: list[ClauseResult] = field(default_factory=list)

    @property
    def has_scores(self) -> bool:
        return self.overall.score is not None

    def chart_data(self) -> dict:
        """What the page's ECharts radar and bar draw (json_script)."""
        series = [{"name": str(self.assessment.year), "values": [s.score or 0 for s in self.sections]}]
        if self.previous:
            series.append(
                {"name": str(self.previous.year), "values": [s.previous or 0 for s in self.sections]}
            )
        return {
            "radar": {"indicators": [{"name": s.label, "max": 100} for s in self.sections], "series": series},
            "bar": {
                "labels": [f"{c.clause.code} {c.clause.title}" for c in self.clauses],
                "values": [c.score for c in self.clauses],
            },
        }


def latest_submission(assessment: Assessment) -> Submission | None:
    return assessment.submissions.select_related("submitted_by").order_by("-number").first()


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The enterprise's latest submitted assessment of an earlier year."""
    return (
        Assessment.objects.filter(
            enterprise=assessment.enterprise_id,
            year__lt=assessment.year,
            status=Assessment.Status.SUBMITTED,
        )
        .order_by("-year")
        .first()
    )


def reported_clauses(assessment: Assessment) -> list[Clause]:
    return list(Clause.objects.filter(library=assessment.library_id).filter(reported_clauses_q()))


def _stored_clause_scores(assessment: Assessment) -> dict[str, float]:
    rows = ClauseScore.objects.filter(assessment=assessment).values_list("clause__code", "score")
    return {code: float(score) for code, score in rows}


def assessment_results(assessment: Assessment) -> Results:
    """The results page's content in a fixed number of queries (eight for a submitted assessment)."""
    submission = latest_submission(assessment)
    preview = assessment.status == Assessment.Status.DRAFT and submission is None
    if preview:
        computed = scores.assessment_score(assessment)
        clause_scores = {code: value for code, value in computed.clauses.items() if value is not None}
        section_scores = computed.sections
        overall = computed.overall if computed.level is not None else None
        level = computed.level
    else:
        clause_scores = _stored_clause_scores(assessment)
        section_scores = assessment.section_scores or {}
        overall, level = assessment.score, assessment.level
    previous = previous_assessment(assessment)
    previous_clauses = _stored_clause_scores(previous) if previous else {}
    previous_sections = (previous.section_scores or {}) if previous else {}
    band = (
        GradeBand.objects.filter(library=assessment.library_id, level=level).first()
        if level is not None
        else None
    )
    clauses = [
        ClauseResult(
            score=_number(clause_scores.get(clause.code)),
            previous=_number(previous_clauses.get(clause.code)),
            clause=clause,
        )
        for clause in reported_clauses(assessment)
    ]
    sections = [
        SectionResult(
            score=_number(section_scores.get(key)),
            previous=_number(previous_sections.get(key)),
            key=key,
            label=str(label),
        )
        for key, label in Section.choices
    ]
    weakest = sorted((c for c in clauses if c.score is not None and c.score < 100), key=lambda c: c.score)[
        :WEAKEST_COUNT
    ]
    return Results(
        assessment=assessment,
        submission=submission,
        preview=preview,
        overall=Scored(_number(overall), _number(previous.score) if previous else None),
        level=level,
        band=band,
        sections=sections,
        clauses=clauses,
        previous=previous,
        weakest=weakest,
    )


# --- All answers by clause (PDF, Excel) -----------------------------------------------------------


@dataclass(frozen=True)
class AnsweredQuestion:
    question: Question
    answer: Answer | None
    evidence: list[Evidence]

    @property
    def answer_label(self) -> str:
        return answer_label(self.question, self.answer)


@dataclass(frozen=True)
class ClauseAnswers:
    clause: Clause
    questions: list[AnsweredQuestion]


def answer_label(question: Question, answer: Answer | None) -> str:
    """The answer as the enterprise chose it: the maturity descriptor, yes/partly/no, or the number."""
    if answer is None or not answer.is_given:
        return ""
    if answer.not_applicable:
        return _("not applicable")
    if question.kind == Question.Kind.MATURITY and answer.level is not None:
        descriptor = question.levels[answer.level] if answer.level < len(question.levels) else {}
        text = (descriptor.get("en") or descriptor.get("zh")) if is_english() else descriptor.get("zh")
        return f"{answer.level} · {text}" if text else str(answer.level)
    if question.kind == Question.Kind.YES_PARTLY_NO and answer.choice:
        return answer.get_choice_display()
    if answer.number is not None:
        unit = question.unit or {}
        label = (unit.get("en") or unit.get("zh")) if is_english() else unit.get("zh")
        number = answer.number.normalize() if isinstance(answer.number, Decimal) else answer.number
        return f"{number:f} {label or ''}".strip()
    return ""


def answers_by_clause(assessment: Assessment) -> list[ClauseAnswers]:
    """Every question of the pinned library in file order, grouped by the clause it sits on, with the
    answer and its evidence files (three queries)."""
    answers = {
        answer.question_id: answer
        for answer in Answer.objects.filter(assessment=assessment).prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at", "pk"))
        )
    }
    groups: dict[int, ClauseAnswers] = {}
    for question in Question.objects.filter(library=assessment.library_id).select_related("clause"):
        answer = answers.get(question.pk)
        group = groups.setdefault(question.clause_id, ClauseAnswers(question.clause, []))
        group.questions.append(
            AnsweredQuestion(question, answer, list(answer.evidence.all()) if answer else [])
        )
    return sorted(groups.values(), key=lambda g: g.clause.sort_order)
