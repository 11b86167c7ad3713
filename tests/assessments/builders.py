"""Submitted assessments built directly in the database (answers, a submission, clause scores), so
that results, reports and the officials' overview can be tested without driving the workflow."""

import datetime
import hashlib
from decimal import Decimal

from django.utils import timezone

from innopilot.assessments.models import Answer, Assessment, ClauseScore, Evidence, Submission
from innopilot.standards.models import Clause, Question, Section

# The small library's clauses and the section each belongs to.
SMALL_SECTIONS = {
    "4.1": Section.FRAMEWORK,
    "5.1": Section.STRATEGY,
    "6.2": Section.PROCESS,
    "A": Section.TOOLS,
}


def submitted_assessment(
    enterprise,
    library,
    *,
    year: int = 2025,
    clause_scores: dict[str, float],
    status: str = Assessment.Status.SUBMITTED,
    answers: dict[str, dict] | None = None,
    number: int = 1,
) -> Assessment:
    """An assessment of ``year`` whose latest submission scored ``clause_scores`` (clause code → 0–100);
    sections and the overall score are the means of their clauses, the level from the library's bands."""
    clauses = {c.code: c for c in Clause.objects.filter(library=library)}
    by_section: dict[str, list[float]] = {}
    for code, value in clause_scores.items():
        by_section.setdefault(clauses[code].section, []).append(value)
    sections = {key: round(sum(values) / len(values), 2) for key, values in by_section.items()}
    overall = round(sum(clause_scores.values()) / len(clause_scores), 2) if clause_scores else 0
    level = max(
        (band.level for band in library.grade_bands.all() if band.min_score <= Decimal(str(overall))),
        default=1,
    )
    assessment = Assessment.objects.create(
        enterprise=enterprise,
        year=year,
        library=library,
        status=status,
        submitted_at=timezone.now(),
        score=Decimal(str(overall)),
        level=level,
        section_scores=sections,
    )
    snapshot = {"clauses": clause_scores, "answered": sorted(answers or {})}
    Submission.objects.create(
        assessment=assessment,
        number=number,
        submitted_at=timezone.now(),
        snapshot=snapshot,
        content_hash=hashlib.sha256(repr(snapshot).encode()).hexdigest(),
        score=assessment.score,
        level=level,
    )
    ClauseScore.objects.bulk_create(
        ClauseScore(assessment=assessment, clause=clauses[code], score=Decimal(str(value)))
        for code, value in clause_scores.items()
    )
    questions = {q.code: q for q in Question.objects.filter(library=library)}
    for code, values in (answers or {}).items():
        evidence = values.pop("evidence", [])
        answer = Answer.objects.create(assessment=assessment, question=questions[code], **values)
        for name in evidence:
            Evidence.objects.create(
                answer=answer,
                file=f"evidence/{assessment.pk}/{name}",
                original_name=name,
                size=1000,
                refers_to=datetime.date(year, 6, 30),
            )
    return assessment
