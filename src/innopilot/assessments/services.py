"""Writes to assessments: start (prefilled from last year), answers, evidence, submit and return.

Every write checks the actor's rights here as well as in the view, runs in one transaction and
reaches the audit trail: auditlog's signals for single saves, our own ``LogEntry`` rows for bulk ones.
Answering, submitting and returning lock the assessment row, so a double click or two tabs cannot
submit twice or change an answer while it is being frozen.
"""

import datetime
import hashlib
import json
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.assessments.models import Answer, Assessment, ClauseScore, Evidence, Submission
from innopilot.assessments.scores import assessment_score
from innopilot.common import uploads
from innopilot.common.audit import audit_bulk_created, audited_as
from innopilot.common.errors import DomainError
from innopilot.standards.models import Clause, Question, StandardLibrary

# The bundled ISO 56005 library; a new assessment is pinned to its latest loaded version.
DEFAULT_LIBRARY_URN = "urn:innopilot:library:iso56005-assessment"
FIRST_YEAR = 2020
EVIDENCE_FORMATS = ("pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "ppt", "pptx", "jpg", "jpeg", "png")
OPEN_STATUSES = (Assessment.Status.DRAFT, Assessment.Status.RETURNED)


def _locked(assessment: Assessment) -> Assessment:
    """The assessment row locked for this transaction, with its current status."""
    return (
        Assessment.objects.select_for_update().select_related("enterprise", "library").get(pk=assessment.pk)
    )


def _require_open(actor: User, assessment: Assessment) -> None:
    if not access.can_edit_assessment(actor, assessment):
        if (
            assessment.status == Assessment.Status.SUBMITTED
            and assessment.enterprise_id == actor.enterprise_id
        ):
            raise DomainError(_("This assessment has been submitted; its answers can no longer be changed."))
        raise DomainError(_("You may not change this assessment."))


# --- Starting ------------------------------------------------------------------------------------


def latest_library(urn: str = DEFAULT_LIBRARY_URN) -> StandardLibrary | None:
    return StandardLibrary.objects.filter(urn=urn).order_by("-version").first()


@transaction.atomic
def assessment_start(
    *, actor: User, year: int | None = None, library: StandardLibrary | None = None
) -> Assessment:
    """Start the actor's enterprise's assessment for ``year`` (default: this year), pinned to
    ``library`` (default: the latest version of the bundled ISO 56005 library). A later year starts
    from the most recent earlier assessment: its answers are copied where the question still exists
    and marked for review."""
    if not access.can_start_assessment(actor):
        raise DomainError(_("Only an enterprise's own users can start its assessment."))
    this_year = timezone.localdate().year
    year = this_year if year is None else year
    if not FIRST_YEAR <= year <= this_year:
        raise DomainError(
            _("Choose a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": this_year},
            field="year",
        )
    enterprise = actor.enterprise
    if Assessment.objects.filter(enterprise=enterprise, year=year).exists():
        raise DomainError(
            _("Your enterprise already has an assessment for %(year)s.") % {"year": year}, field="year"
        )
    library = library or latest_library()
    if library is None:
        raise DomainError(_("The assessment standard has not been loaded yet; please contact the platform."))
    previous = Assessment.objects.filter(enterprise=enterprise, year__lt=year).order_by("-year").first()
    try:
        with audited_as(actor), transaction.atomic():
            assessment = Assessment.objects.create(
                enterprise=enterprise, year=year, library=library, previous=previous, created_by=actor
            )
    except IntegrityError:  # a second click that raced the first past the check above
        raise DomainError(
            _("Your enterprise already has an assessment for %(year)s.") % {"year": year}, field="year"
        ) from None
    if previous is not None:
        _prefill(assessment, previous, actor)
    return assessment


def _prefill(assessment: Assessment, previous: Assessment, actor: User) -> None:
    questions = {q.code: q for q in Question.objects.filter(library=assessment.library)}
    copies = []
    for old in previous.answers.select_related("question"):
        question = questions.get(old.question.code)
        if question is None or question.kind != old.question.kind or not old.is_given:
            continue
        copies.append(
            Answer(
                assessment=assessment,
                question=question,
                level=old.level,
                choice=old.choice,
                number=old.number,
                not_applicable=old.not_applicable and question.allows_not_applicable,
                comment=old.comment,
                prefilled=True,
                updated_by=actor,
            )
        )
    created = Answer.objects.bulk_create(copies)
    note = f"prefilled from the {previous.year} assessment (#{previous.pk})"
    audit_bulk_created(created, actor=actor, source=note)


# --- Answering -----------------------------------------------------------------------------------


def _checked_value(question: Question, value: Any) -> dict[str, Any]:
    """The answer's columns for ``value`` (already parsed by the form), or a DomainError."""
    columns: dict[str, Any] = {"level": None, "choice": "", "number": None}
    if value is None or value == "":
        return columns
    if question.kind == Question.Kind.MATURITY:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4:
            raise DomainError(_("Choose a level from 0 to 4."), field="value")
        columns["level"] = value
    elif question.kind == Question.Kind.YES_PARTLY_NO:
        if value not in Answer.Choice.values:
            raise DomainError(_("Choose yes, partly or no."), field="value")
        columns["choice"] = value
    else:
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise DomainError(_("Enter a number."), field="value") from None
        if not number.is_finite() or number < 0:
            raise DomainError(_("Enter a number of 0 or more."), field="value")
        if number >= Decimal("1e12"):
            raise DomainError(_("This number is too large."), field="value")
        columns["number"] = number.quantize(Decimal("0.01"))
    return columns


@transaction.atomic
def answer_save(
    *,
    actor: User,
    assessment: Assessment,
    question: Question,
    value: Any = None,
    not_applicable: bool = False,
    comment: str = "",
) -> Answer | None:
    """Save one question's answer as it is given: a value of the question's kind or "not applicable"
    (only where the question allows it), and a comment. An empty answer without comment or evidence
    is removed; saving also confirms a prefilled answer."""
    assessment = _locked(assessment)
    _require_open(actor, assessment)
    if question.library_id != assessment.library_id:
        raise DomainError(_("This question is not part of the assessment."))
    if not_applicable and not question.allows_not_applicable:
        raise DomainError(_("This question cannot be answered “not applicable”."), field="not_applicable")
    columns = _checked_value(question, None if not_applicable else value)
    comment = (comment or "").strip()
    if len(comment) > 2000:
        raise DomainError(_("Keep the comment under 2,000 characters."), field="comment")
    answer = Answer.objects.filter(assessment=assessment, question=question).first()
    empty = not not_applicable and all(v in (None, "") for v in columns.values()) and not comment
    with audited_as(actor):
        if empty and (answer is None or not answer.evidence.exists()):
            if answer is not None:
                answer.delete()
            return None
        answer = answer or Answer(assessment=assessment, question=question)
        for name, column_value in columns.items():
            setattr(answer, name, column_value)
        answer.not_applicable = not_applicable
        answer.comment = comment
        answer.prefilled = False
        answer.updated_by = actor
        answer.save()
    return answer


# --- Evidence ------------------------------------------------------------------------------------


def evidence_add(
    *,
    actor: User,
    assessment: Assessment,
    question: Question,
    file: UploadedFile,
    refers_to: datetime.date | None,
    description: str = "",
) -> Evidence:
    """Attach an evidence file to a question's answer (an empty answer is created if needed).
    The file is checked by extension and content and stored under a random name."""
    if question.library_id != assessment.library_id:
        raise DomainError(_("This question is not part of the assessment."))
    wrong_type = _("Evidence must be a PDF, OFD, Word, WPS, Excel, PowerPoint, JPG or PNG file.")
    problem = uploads.file_problem(
        file.name,
        file.size,
        file,
        allowed=EVIDENCE_FORMATS,
        max_mb=settings.EVIDENCE_MAX_MB,
        wrong_type=wrong_type,
    )
    if problem:
        raise DomainError(problem, field="file")
    if refers_to is None:
        raise DomainError(_("Enter the date the evidence refers to."), field="refers_to")
    if refers_to > timezone.localdate():
        raise DomainError(_("The date the evidence refers to cannot be in the future."), field="refers_to")
    description = " ".join((description or "").split())
    if len(description) > Evidence._meta.get_field("description").max_length:
        raise DomainError(_("Keep the description under 200 characters."), field="description")
    digest = uploads.sha256_of(file)
    stored = ""
    try:
        with audited_as(actor), transaction.atomic():
            assessment = _locked(assessment)
            _require_open(actor, assessment)
            answer, _created = Answer.objects.get_or_create(
                assessment=assessment, question=question, defaults={"updated_by": actor}
            )
            evidence = Evidence(
                answer=answer,
                original_name=uploads.display_name(
                    file.name, Evidence._meta.get_field("original_name").max_length
                ),
                size=file.size,
                sha256=digest,
                refers_to=refers_to,
                description=description,
                uploaded_by=actor,
            )
            evidence.file.save(file.name, file, save=False)
            stored = evidence.file.name
            evidence.save()
    except Exception:
        if stored:
            Evidence._meta.get_field("file").storage.delete(stored)
        raise
    return evidence


@transaction.atomic
def evidence_delete(*, actor: User, evidence: Evidence) -> None:
    """Remove an evidence file while the assessment is open; the file goes once the removal commits."""
    assessment = _locked(evidence.answer.assessment)
    _require_open(actor, assessment)
    name, storage = evidence.file.name, evidence.file.storage
    with audited_as(actor):
        evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- Submitting and returning ----------------------------------------------------------------------


def canonical_json(data: Any) -> bytes:
    """The form the content hash is taken of: sorted keys, no whitespace, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def answer_value(answer: Answer) -> int | str | float | None:
    """The answer's value in the question's own terms: a level, "yes"/"partly"/"no" or a number."""
    if answer.level is not None:
        return answer.level
    if answer.choice:
        return answer.choice
    if answer.number is not None:
        return float(answer.number)
    return None


def snapshot_of(
    assessment: Assessment,
    answers: list[Answer],
    result,
    number: int,
    evidence_by_question: dict[str, list] | None = None,
) -> dict:
    """The frozen content of a submission: every shown, given answer with its evidence's names and
    hashes, and the scores. ``evidence_by_question`` saves the per-answer evidence query (bulk writers)."""
    shown = set(result.shown)
    frozen = []
    for answer in answers:
        if answer.question.code not in shown or not answer.is_given:
            continue
        if evidence_by_question is None:
            evidence = answer.evidence.all()
        else:
            evidence = evidence_by_question.get(answer.question.code, [])
        frozen.append(
            {
                "question": answer.question.code,
                "value": None if answer.not_applicable else answer_value(answer),
                "not_applicable": answer.not_applicable,
                "comment": answer.comment,
                "evidence": [
                    {"name": e.original_name, "sha256": e.sha256, "refers_to": e.refers_to.isoformat()}
                    for e in evidence
                ],
            }
        )
    return {
        "library": {"urn": assessment.library.urn, "version": assessment.library.version},
        "enterprise": assessment.enterprise.uscc,
        "year": assessment.year,
        "submission": number,
        "answers": frozen,
        "scores": {
            "clauses": {code: _rounded(value) for code, value in result.clauses.items()},
            "sections": {key: _rounded(value) for key, value in result.sections.items()},
            "overall": _rounded(result.overall),
            "level": result.level,
        },
    }


@transaction.atomic
def assessment_submit(*, actor: User, assessment: Assessment) -> Submission:
    """Freeze the answers and scores in a numbered submission with the hash of its canonical JSON.
    Refused while any shown question is unanswered (the error names how many)."""
    assessment = _locked(assessment)
    _require_open(actor, assessment)
    answers = list(
        assessment.answers.select_related("question")
        .prefetch_related("evidence")
        .order_by("question__sort_order")
    )
    result = assessment_score(assessment, answers=answers)
    if result.unanswered:
        raise DomainError(
            _("%(count)s shown questions are still unanswered: %(codes)s.")
            % {"count": len(result.unanswered), "codes": "、".join(result.unanswered)}
        )
    if result.level is None:
        raise DomainError(_("Answer at least one question before submitting."))
    number = assessment.submissions.count() + 1
    snapshot = snapshot_of(assessment, answers, result, number)
    now = timezone.now()
    score = Decimal(str(round(result.overall, 2)))
    with audited_as(actor):
        submission = Submission.objects.create(
            assessment=assessment,
            number=number,
            submitted_by=actor,
            submitted_at=now,
            snapshot=snapshot,
            content_hash=hashlib.sha256(canonical_json(snapshot)).hexdigest(),
            score=score,
            level=result.level,
        )
        assessment.status = Assessment.Status.SUBMITTED
        assessment.submitted_at = now
        assessment.score = score
        assessment.level = result.level
        assessment.section_scores = snapshot["scores"]["sections"]
        assessment.save()
    clause_ids = dict(Clause.objects.filter(library=assessment.library).values_list("code", "pk"))
    ClauseScore.objects.filter(assessment=assessment).delete()
    ClauseScore.objects.bulk_create(
        ClauseScore(assessment=assessment, clause_id=clause_ids[code], score=Decimal(str(round(value, 2))))
        for code, value in result.clauses.items()
        if value is not None and code in clause_ids
    )
    return submission


@transaction.atomic
def assessment_return(*, actor: User, assessment: Assessment, comment: str) -> Submission:
    """The managing district returns the latest submission with a comment; the enterprise may then
    correct its answers and submit again."""
    assessment = _locked(assessment)
    if not access.can_return_assessment(actor, assessment):
        if assessment.status != Assessment.Status.SUBMITTED:
            raise DomainError(_("Only a submitted assessment can be returned."))
        raise DomainError(_("Only the enterprise's managing district can return its assessment."))
    comment = (comment or "").strip()
    if not comment:
        raise DomainError(_("Say what the enterprise should correct."), field="comment")
    if len(comment) > 2000:
        raise DomainError(_("Keep the comment under 2,000 characters."), field="comment")
    submission = assessment.submissions.order_by("-number").first()
    with audited_as(actor):
        submission.returned_at = timezone.now()
        submission.returned_by = actor
        submission.return_comment = comment
        submission.save()
        assessment.status = Assessment.Status.RETURNED
        assessment.save()
    return submission
