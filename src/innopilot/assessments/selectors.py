"""Reads for the assessment workflow: an enterprise's list, the answering page, history and comparison.

The answering page is built from five queries whatever the library's size: clauses, questions,
answers (with their questions), evidence, grade bands. Visibility of conditional questions and the
progress counts come from the scoring engine, so the page and the score never disagree.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.assessments.models import Answer, Assessment, Evidence, Submission
from innopilot.assessments.scores import assessment_score
from innopilot.assessments.scoring import ScoreResult
from innopilot.common.i18n import is_english
from innopilot.standards.models import Clause, GradeBand, Question, Section


def with_level_names(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """Each assessment with its indicative level's name in both languages (``level_name_zh/en``)."""
    band = GradeBand.objects.filter(library=OuterRef("library"), level=OuterRef("level"))
    return assessments.annotate(
        level_name_zh=Subquery(band.values("name_zh")[:1]),
        level_name_en=Subquery(band.values("name_en")[:1]),
    )


def level_name(assessment) -> str:
    zh, en = getattr(assessment, "level_name_zh", ""), getattr(assessment, "level_name_en", "")
    return ((en or zh) if is_english() else zh) or ""


def level_names(library_id: int) -> dict[int, str]:
    """The library's indicative levels by number, named in the active language (初始级 … 生态级)."""
    return {band.level: band.name for band in GradeBand.objects.filter(library=library_id)}


def my_assessments(user: User) -> list[Assessment]:
    """The user's enterprise's assessments, newest year first, with their level names."""
    rows = with_level_names(
        access.assessments_visible_to(user).filter(enterprise=user.enterprise_id).select_related("library")
    ).order_by("-year")
    rows = list(rows)
    for row in rows:
        row.level_label = level_name(row)
    return rows


# --- The answering page ----------------------------------------------------------------------------


@dataclass
class Progress:
    answered: int = 0
    shown: int = 0

    @property
    def complete(self) -> bool:
        return self.answered == self.shown

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.shown) if self.shown else 100


def anchor_for(code: str) -> str:
    """An element id for a question code ("Q4.1-1" → "q-Q4_1-1"): dots would break CSS selectors."""
    return "q-" + re.sub(r"[^A-Za-z0-9_-]", "_", code)


@dataclass
class QuestionItem:
    question: Question
    answer: Answer | None
    evidence: list[Evidence]
    shown: bool
    condition_on: Question | None = None  # the question this one's visibility depends on
    # Set by a view that refused a post: the messages, and what was typed (shown again).
    errors: list[str] = field(default_factory=list)
    posted: dict[str, str] | None = None

    @property
    def anchor(self) -> str:
        return anchor_for(self.question.code)

    @property
    def answered(self) -> bool:
        return self.answer is not None and self.answer.is_given

    @property
    def value(self) -> str:
        """The current value as the form posts it ("2", "yes", "12.5"), for checking the input."""
        if self.posted is not None:
            return self.posted.get("value", "")
        answer = self.answer
        if answer is None or answer.not_applicable:
            return ""
        if answer.level is not None:
            return str(answer.level)
        if answer.number is not None:
            return format(answer.number.normalize(), "f") if answer.number != 0 else "0"
        return answer.choice

    @property
    def comment(self) -> str:
        if self.posted is not None:
            return self.posted.get("comment", "")
        return self.answer.comment if self.answer else ""

    @property
    def levels(self) -> list[tuple[int, str]]:
        english = is_english()
        return [
            (number, (text.get("en") or text.get("zh")) if english else text.get("zh", ""))
            for number, text in enumerate(self.question.levels)
        ]

    @property
    def unit(self) -> str:
        unit = self.question.unit or {}
        return (unit.get("en") or unit.get("zh", "")) if is_english() else unit.get("zh", "")

    @property
    def condition_values(self) -> list[str]:
        return list((self.question.condition or {}).get("in", []))


@dataclass
class ClauseBlock:
    clause: Clause
    path: list[Clause]  # ancestors, outermost first
    items: list[QuestionItem] = field(default_factory=list)
    progress: Progress = field(default_factory=Progress)


@dataclass
class SectionBlock:
    key: str
    label: str
    clauses: list[ClauseBlock] = field(default_factory=list)
    progress: Progress = field(default_factory=Progress)


@dataclass
class AnsweringPage:
    assessment: Assessment
    sections: list[SectionBlock]
    items: dict[str, QuestionItem]  # by question code
    result: ScoreResult
    progress: Progress
    prefilled: int  # answers still to review

    @property
    def unanswered(self) -> list[QuestionItem]:
        return [self.items[code] for code in self.result.unanswered]

    def dependents_of(self, code: str) -> list[QuestionItem]:
        """Questions whose visibility follows ``code``'s answer, directly or through a chain."""
        found, frontier = [], {code}
        for item in self.items.values():  # library order: a condition names an earlier question
            if item.condition_on is not None and item.condition_on.code in frontier:
                found.append(item)
                frontier.add(item.question.code)
        return found


def answering_page(assessment: Assessment) -> AnsweringPage:
    library = assessment.library
    clauses = list(Clause.objects.filter(library=library).order_by("sort_order", "pk"))
    by_id = {clause.pk: clause for clause in clauses}
    questions = list(Question.objects.filter(library=library).order_by("sort_order", "pk"))
    by_code = {question.code: question for question in questions}
    answers = list(
        assessment.answers.select_related("question").prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at", "pk"))
        )
    )
    answer_of = {answer.question_id: answer for answer in answers}
    result = assessment_score(assessment, answers=answers)
    shown = set(result.shown)

    sections = {key: SectionBlock(key=key, label=label) for key, label in Section.choices}
    blocks: dict[int, ClauseBlock] = {}
    items: dict[str, QuestionItem] = {}
    total = Progress()
    for question in questions:
        answer = answer_of.get(question.pk)
        condition = question.condition or {}
        item = QuestionItem(
            question=question,
            answer=answer,
            evidence=list(answer.evidence.all()) if answer else [],
            shown=question.code in shown,
            condition_on=by_code.get(condition.get("question")) if condition else None,
        )
        items[question.code] = item
        clause = by_id[question.clause_id]
        block = blocks.get(clause.pk)
        if block is None:
            block = blocks[clause.pk] = ClauseBlock(clause=clause, path=_ancestors(clause, by_id))
            sections[clause.section].clauses.append(block)
        block.items.append(item)
        if item.shown:
            counted = item.answered and question.code not in result.unanswered
            for progress in (block.progress, sections[clause.section].progress, total):
                progress.shown += 1
                progress.answered += counted
    return AnsweringPage(
        assessment=assessment,
        sections=[section for section in sections.values() if section.clauses],
        items=items,
        result=result,
        progress=total,
        prefilled=sum(1 for answer in answers if answer.prefilled),
    )


def _ancestors(clause: Clause, by_id: dict[int, Clause]) -> list[Clause]:
    chain = []
    parent = by_id.get(clause.parent_id)
    while parent is not None:
        chain.append(parent)
        parent = by_id.get(parent.parent_id)
    return list(reversed(chain))


def question_of(assessment: Assessment, code: str) -> Question | None:
    return Question.objects.filter(library=assessment.library_id, code=code).first()


# --- History ---------------------------------------------------------------------------------------


@dataclass
class HistoryEvent:
    kind: str  # "submitted" | "returned"
    at: object
    who: User | None
    submission: Submission
    comment: str = ""


def submissions_of(assessment: Assessment) -> list[Submission]:
    return list(
        assessment.submissions.select_related("submitted_by", "returned_by")
        .defer("snapshot")
        .order_by("number")
    )


def history_of(assessment: Assessment) -> list[HistoryEvent]:
    """Every submission and every return, in the order they happened."""
    events = []
    names = level_names(assessment.library_id)
    for submission in submissions_of(assessment):
        submission.level_label = names.get(submission.level, "")
        events.append(HistoryEvent("submitted", submission.submitted_at, submission.submitted_by, submission))
        if submission.returned_at:
            events.append(
                HistoryEvent(
                    "returned",
                    submission.returned_at,
                    submission.returned_by,
                    submission,
                    submission.return_comment,
                )
            )
    return events


def latest_return(assessment: Assessment) -> Submission | None:
    """The return the enterprise is answering now (while the assessment stays returned)."""
    if assessment.status != Assessment.Status.RETURNED:
        return None
    return (
        assessment.submissions.filter(returned_at__isnull=False)
        .select_related("returned_by")
        .defer("snapshot")
        .order_by("-number")
        .first()
    )


# --- Comparing two years ---------------------------------------------------------------------------


def earlier_assessment(assessment: Assessment) -> Assessment | None:
    """The enterprise's most recent assessment before this one's year."""
    return (
        Assessment.objects.filter(enterprise=assessment.enterprise_id, year__lt=assessment.year)
        .select_related("library")
        .order_by("-year")
        .first()
    )


@dataclass
class CompareRow:
    code: str
    label: str
    before: object
    after: object
    is_clause: bool
    depth: int = 0

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def delta(self) -> float | None:
        if isinstance(self.before, (int, float)) and isinstance(self.after, (int, float)):
            return round(self.after - self.before, 2)
        return None


def _answer_label(item: QuestionItem | None) -> str:
    if item is None:
        return "—"
    answer = item.answer
    if answer is None or not answer.is_given:
        return "—" if item.shown else "·"
    if answer.not_applicable:
        return str(Answer._meta.get_field("not_applicable").verbose_name)
    if answer.level is not None:
        return str(answer.level)
    if answer.choice:
        return str(Answer.Choice(answer.choice).label)
    value = answer.number.normalize() if answer.number != 0 else Decimal(0)
    return f"{format(value, 'f')} {item.unit}".strip()


@dataclass
class Comparison:
    rows: list[CompareRow]
    before: ScoreResult
    after: ScoreResult

    @property
    def changed_count(self) -> int:
        return sum(1 for row in self.rows if row.changed)


def comparison(current: Assessment, earlier: Assessment) -> Comparison:
    """Clause scores and answers of two assessments side by side, matched by clause and question
    code (the two may be pinned to different library versions)."""
    now, then = answering_page(current), answering_page(earlier)
    then_items = then.items
    rows = []
    for section in now.sections:
        for block in section.clauses:
            for depth, clause in enumerate([*block.path, block.clause]):
                if rows and any(r.is_clause and r.code == clause.code for r in rows):
                    continue
                rows.append(
                    CompareRow(
                        code=clause.code,
                        label=clause.title,
                        before=then.result.clauses.get(clause.code),
                        after=now.result.clauses.get(clause.code),
                        is_clause=True,
                        depth=depth,
                    )
                )
            for item in block.items:
                rows.append(
                    CompareRow(
                        code=item.question.code,
                        label=item.question.text,
                        before=_answer_label(then_items.get(item.question.code)),
                        after=_answer_label(item),
                        is_clause=False,
                        depth=len(block.path) + 1,
                    )
                )
    return Comparison(rows=rows, before=then.result, after=now.result)
