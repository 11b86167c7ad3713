"""Writes to annual reports: start a year, save values, answer plausibility warnings, submit, return,
accept, and corrections after acceptance.

Every write checks the actor's rights here as well as in the view, runs in one transaction and reaches
the audit trail (auditlog's signals, with the actor set by ``audited_as`` also outside a request).
Writes lock the report row, so a double click or two tabs cannot submit twice or change a value while
it is being frozen.

Workflow: draft → submitted → accepted, or → returned → (edited) → submitted again. After acceptance a
change is a correction: requested (report "correcting", editable) → submitted → accepted as the new
version, or rejected (the accepted values come back). Every submission keeps its frozen snapshot.
"""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.annual import notifications, signals
from innopilot.annual.models import (
    AnnualReport,
    CorrectionRequest,
    IndicatorValue,
    PlausibilityWarning,
    ReportingYear,
    ReportSubmission,
)
from innopilot.annual.plausibility import refresh_warnings
from innopilot.annual.ratios import ratio_values
from innopilot.annual.spec import CatalogueSpec, IndicatorSpec, catalogue_spec
from innopilot.annual.values import (
    Problem,
    Value,
    ValueProblem,
    blocking_problems,
    cross_field_problems,
    display,
    history_of,
    parse_value,
    read,
    stored,
    value_from_text,
    values_of,
)
from innopilot.assessments.services import canonical_json
from innopilot.common.audit import audited_as
from innopilot.common.errors import DomainError

Status = AnnualReport.Status
Decision = ReportSubmission.Decision
MAX_COMMENT = 2000


class ValueRefused(DomainError):
    """One value that cannot be stored: unreadable, out of range, or breaking a cross-field rule
    (``problems`` then names the rules and every field involved)."""

    def __init__(self, message: str, *, field: str, problems: tuple[Problem, ...] = ()):
        super().__init__(message, field=field)
        self.problems = problems


class ValuesRefused(DomainError):
    """The whole form posted at once (without JavaScript) and nothing was saved: the problem of each
    field (``errors``) and the cross-field rules broken (``problems``)."""

    def __init__(self, errors: dict[str, str], problems: list[Problem]):
        count = len(errors) + len(problems)
        super().__init__(_("Nothing was saved: %(count)s entries need correcting.") % {"count": count})
        self.errors = errors
        self.problems = problems


class SubmitRefused(DomainError):
    """What still stands in the way of submitting: blocking problems and unanswered warnings."""

    def __init__(self, message: str, *, problems=(), warnings=()):
        super().__init__(message)
        self.problems = list(problems)
        self.warnings = list(warnings)


@dataclass(frozen=True)
class SavedValue:
    """The value stored for one indicator, and all the report's values after the save."""

    code: str
    value: Value
    values: dict[str, Value]


@dataclass(frozen=True)
class DiffRow:
    code: str
    label: str
    before: str
    after: str


# --- Helpers ------------------------------------------------------------------------------------------


def locked_report(report: AnnualReport) -> AnnualReport:
    """The report row locked for this transaction, with its current status. Every write to a report
    (here and the Excel upload) takes this lock first, so a check made under it still holds when
    the write commits."""
    return (
        AnnualReport.objects.select_for_update(of=("self",))
        .select_related("enterprise__managing_unit", "catalogue")
        .get(pk=report.pk)
    )


def _require_editable(actor: User, report: AnnualReport) -> None:
    if access.can_edit_annual_report(actor, report):
        return
    if access.can_report_annual_data(actor) and report.enterprise_id == actor.enterprise_id:
        if report.status == Status.SUBMITTED:
            raise DomainError(_("This report has been submitted; its values can no longer be changed."))
        if report.status == Status.ACCEPTED:
            raise DomainError(_("This report has been accepted; to change it, request a correction."))
    raise DomainError(_("You may not change this report."))


def _clean_text(text: str, *, required: str, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(required, field=field)
    if len(text) > MAX_COMMENT:
        raise DomainError(_("Keep the text under 2,000 characters."), field=field)
    return text


def value_text(indicator: IndicatorSpec, value: Value) -> str | None:
    """A value as the snapshot keeps it: numbers with the indicator's decimal places ("1234.50",
    "12"), choices and text as they are; None when empty. The same on every database."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return str(value.quantize(Decimal(1).scaleb(-indicator.decimal_places)))
    return value


def _write(actor: User, report: AnnualReport, spec: CatalogueSpec, changes: Mapping[str, Value]) -> list[str]:
    """Store the changed values (None removes one), one audited row each; returns the codes changed."""
    indicators = [spec.by_code[code] for code in changes]
    rows = {
        row.indicator_id: row
        for row in IndicatorValue.objects.filter(report=report, indicator__in=[i.pk for i in indicators])
    }
    changed = []
    with audited_as(actor):
        for indicator in indicators:
            value, row = changes[indicator.code], rows.get(indicator.pk)
            current = None if row is None else read(indicator, row.number, row.text)
            if current == value:
                continue
            changed.append(indicator.code)
            if value is None:
                row.delete()
                continue
            row = row or IndicatorValue(report=report, indicator_id=indicator.pk)
            for name, column in stored(indicator, value).items():
                setattr(row, name, column)
            row.updated_by = actor
            row.save()
    return changed


def _with(values: Mapping[str, Value], changes: Mapping[str, Value]) -> dict[str, Value]:
    merged = dict(values) | dict(changes)
    return {code: value for code, value in merged.items() if value is not None}


def _broken_rules(spec: CatalogueSpec, values: Mapping[str, Value], codes) -> list[Problem]:
    """The cross-field rules involving any of ``codes`` that ``values`` break."""
    codes = set(codes)
    return [problem for problem in cross_field_problems(spec, values) if codes & set(problem.codes)]


# --- Starting and filling in ----------------------------------------------------------------------------


def report_start(actor: User, year: int) -> AnnualReport:
    """Start the actor's enterprise's report for an open data year, pinned to the year's catalogue."""
    if not access.can_report_annual_data(actor):
        raise DomainError(_("Only an enterprise's own users can report its annual data."))
    taken = _("Your enterprise already has a report for %(year)s.") % {"year": year}
    try:
        with audited_as(actor), transaction.atomic():
            # The year's row stays locked until the report exists: the city's change of the year's
            # catalogue (``years.reporting_year_update``) locks it too, so it either comes first and
            # the report is pinned to the new catalogue, or comes after and sees the report.
            reporting_year = (
                ReportingYear.objects.select_for_update(of=("self",))
                .select_related("catalogue")
                .filter(year=year)
                .first()
            )
            if reporting_year is None or reporting_year.status != ReportingYear.Status.OPEN:
                raise DomainError(
                    _("The data year %(year)s is not open for reporting.") % {"year": year}, field="year"
                )
            if AnnualReport.objects.filter(enterprise=actor.enterprise_id, year=year).exists():
                raise DomainError(taken, field="year")
            return AnnualReport.objects.create(
                enterprise_id=actor.enterprise_id,
                year=year,
                catalogue=reporting_year.catalogue,
                created_by=actor,
            )
    except IntegrityError:  # a second click that raced the first past the check above
        raise DomainError(taken, field="year") from None


@transaction.atomic
def value_save(actor: User, report: AnnualReport, code: str, raw: Any) -> SavedValue:
    """Save one indicator's value as typed (an empty input clears it). Refused with a message in the
    user's language when it cannot be read or breaks a cross-field rule (the message names both
    fields). The indicator's plausibility warnings follow the new value."""
    report = locked_report(report)
    _require_editable(actor, report)
    spec = catalogue_spec(report.catalogue)
    indicator = spec.by_code.get(code)
    if indicator is None:
        raise DomainError(_("This indicator is not part of the report."), field=code)
    try:
        value = parse_value(indicator, raw)
    except ValueProblem as problem:
        raise ValueRefused(problem.message, field=code) from None
    values = _with(values_of(report, spec), {code: value})
    broken = _broken_rules(spec, values, {code})
    if broken:
        message = " ".join(problem.message for problem in broken)
        raise ValueRefused(message, field=code, problems=tuple(broken))
    if _write(actor, report, spec, {code: value}):
        with audited_as(actor):
            refresh_warnings(report, values=values, codes=[code])
    return SavedValue(code=code, value=value, values=values)


@transaction.atomic
def report_values_save(actor: User, report: AnnualReport, raw: Mapping[str, Any]) -> dict[str, Value]:
    """Save every posted field at once (the form without JavaScript), all or nothing: one unreadable
    value or one broken cross-field rule and nothing is stored. Returns the report's values."""
    report = locked_report(report)
    _require_editable(actor, report)
    spec = catalogue_spec(report.catalogue)
    errors, parsed = {}, {}
    for code, text in raw.items():
        indicator = spec.by_code.get(code)
        if indicator is None:
            continue  # the CSRF token, the button
        try:
            parsed[code] = parse_value(indicator, text)
        except ValueProblem as problem:
            errors[code] = problem.message
    values = _with(values_of(report, spec), {c: v for c, v in parsed.items() if c not in errors})
    broken = _broken_rules(spec, values, parsed)
    if errors or broken:
        raise ValuesRefused(errors, broken)
    changed = _write(actor, report, spec, parsed)
    if changed:
        with audited_as(actor):
            refresh_warnings(report, values=values, codes=changed)
    return values


@transaction.atomic
def warning_answer(
    actor: User, warning: PlausibilityWarning, explanation: str = "", confirm: bool = False
) -> PlausibilityWarning:
    """The enterprise explains an unusual value in words, or confirms it is right (or both); one of the
    two is needed before the report can be submitted. The district reads the answer."""
    report = locked_report(warning.report)
    _require_editable(actor, report)
    explanation = (explanation or "").strip()
    if len(explanation) > MAX_COMMENT:
        raise DomainError(_("Keep the text under 2,000 characters."), field="explanation")
    if not explanation and not confirm:
        raise DomainError(_("Explain the value, or confirm that it is correct."), field="explanation")
    warning = PlausibilityWarning.objects.filter(pk=warning.pk, report=report).first()
    if warning is None:  # the value changed meanwhile and the warning went away
        raise DomainError(_("This warning no longer applies."))
    warning.explanation = explanation
    warning.confirmed = bool(confirm)
    warning.answered_by = actor
    warning.answered_at = timezone.now()
    with audited_as(actor):
        warning.save()
    return warning


# --- Submitting -------------------------------------------------------------------------------------


def snapshot_of(
    report: AnnualReport,
    spec: CatalogueSpec,
    values: Mapping[str, Value],
    history: Mapping[int, Mapping[str, Value]],
    warnings: list[PlausibilityWarning],
) -> dict:
    """The frozen content of a submission. Its hash depends on the content alone (not on the time or
    the submission's number), so two submissions of the same data have the same hash."""
    by_pk = spec.by_pk
    ratios = ratio_values(spec, values, history, report.year)
    frozen_warnings = sorted(
        (
            {
                "indicator": by_pk[warning.indicator_id].code,
                "kind": warning.kind,
                "value": value_text(by_pk[warning.indicator_id], warning.value),
                "reference": warning.reference,
                "explanation": warning.explanation,
                "confirmed": warning.confirmed,
            }
            for warning in warnings
        ),
        key=lambda item: (item["indicator"], item["kind"]),
    )
    return {
        "catalogue": {"urn": spec.urn, "version": spec.version},
        "enterprise": report.enterprise.uscc,
        "year": report.year,
        "values": {
            indicator.code: value_text(indicator, values[indicator.code])
            for indicator in spec.indicators
            if values.get(indicator.code) is not None
        },
        "ratios": {code: None if value is None else str(value) for code, value in ratios.items()},
        "warnings": frozen_warnings,
    }


def _is_late(report: AnnualReport, when) -> bool:
    """After the year's deadline day (Asia/Shanghai); the deadline day itself is on time."""
    deadline = ReportingYear.objects.filter(year=report.year).values_list("deadline", flat=True).first()
    return deadline is not None and timezone.localdate(when) > deadline


def _unanswered(warnings: list[PlausibilityWarning]) -> list[PlausibilityWarning]:
    return [warning for warning in warnings if not warning.confirmed and not warning.explanation.strip()]


def report_submit(actor: User, report: AnnualReport) -> ReportSubmission:
    """Freeze the values, derived ratios and answered warnings in a numbered submission with the
    SHA-256 of its canonical JSON. Refused while a required value is missing, a cross-field rule is
    broken or a warning is unanswered (the message lists them all)."""
    with transaction.atomic():
        # Peer bands may have moved since the values were saved: the warnings are brought up to date
        # first, and kept even when the submission is then refused, so the page shows them.
        locked = locked_report(report)
        _require_editable(actor, locked)
        with audited_as(actor):
            refresh_warnings(locked)
    with transaction.atomic():
        report = locked_report(report)
        _require_editable(actor, report)
        spec = catalogue_spec(report.catalogue)
        values = values_of(report, spec)
        problems = blocking_problems(spec, values)
        warnings = list(PlausibilityWarning.objects.filter(report=report))
        unanswered = _unanswered(warnings)
        if problems or unanswered:
            raise SubmitRefused(_refusal(spec, problems, unanswered), problems=problems, warnings=unanswered)
        now = timezone.now()
        correction = None
        if report.status == Status.CORRECTING:
            correction = report.corrections.filter(status=CorrectionRequest.Status.OPEN).first()
        snapshot = snapshot_of(report, spec, values, history_of(report), warnings)
        with audited_as(actor):
            submission = ReportSubmission.objects.create(
                report=report,
                number=report.submissions.count() + 1,
                submitted_by=actor,
                submitted_at=now,
                snapshot=snapshot,
                content_hash=hashlib.sha256(canonical_json(snapshot)).hexdigest(),
                # A correction comes after acceptance by nature: it is never "late".
                is_late=correction is None and _is_late(report, now),
                correction=correction,
            )
            if correction is not None:
                correction.status = CorrectionRequest.Status.SUBMITTED
                correction.save()
            if report.first_submitted_at is None:
                report.first_submitted_at = now
                report.is_late = submission.is_late  # only the first submission decides
            report.status = Status.SUBMITTED
            report.submitted_at = now
            report.save()
        notifications.notify_submitted(report, submission, correction)
        signals.report_submitted.send(sender=AnnualReport, report=report, submission=submission)
    return submission


def _refusal(spec: CatalogueSpec, problems: list[Problem], unanswered: list[PlausibilityWarning]) -> str:
    parts = [problem.message for problem in problems]
    if unanswered:
        labels = "、".join(dict.fromkeys(spec.by_pk[w.indicator_id].label for w in unanswered))
        parts.append(_("Explain or confirm the warnings on: %(fields)s.") % {"fields": labels})
    count = len(problems) + len(unanswered)
    return _("The report cannot be submitted yet (%(count)s items): %(items)s") % {
        "count": count,
        "items": " ".join(parts),
    }


# --- The district's review ------------------------------------------------------------------------------


def _pending(report: AnnualReport) -> ReportSubmission:
    return report.submissions.select_related("correction").order_by("-number").first()


def _require_review(actor: User, report: AnnualReport, action: str) -> ReportSubmission:
    if not access.can_review_annual_report(actor, report):
        if report.status != Status.SUBMITTED:
            raise DomainError(_("Only a submitted report awaits a decision."))
        raise DomainError(_("Only the enterprise's managing district can review its report."))
    submission = _pending(report)
    is_correction = submission.correction_id is not None
    if action == "return" and is_correction:
        raise DomainError(_("A correction is accepted or rejected, not returned."))
    if action == "reject" and not is_correction:
        raise DomainError(_("Only a correction can be rejected; return the report instead."))
    return submission


def _decide(actor: User, submission: ReportSubmission, decision: str, comment: str = "") -> None:
    submission.decision = decision
    submission.decided_by = actor
    submission.decided_at = timezone.now()
    submission.comment = comment
    submission.save()


@transaction.atomic
def report_return(actor: User, report: AnnualReport, comment: str) -> ReportSubmission:
    """The managing district returns the latest submission with a comment; the enterprise corrects
    its values and submits again."""
    report = locked_report(report)
    submission = _require_review(actor, report, "return")
    comment = _clean_text(comment, required=_("Say what the enterprise should correct."), field="comment")
    with audited_as(actor):
        _decide(actor, submission, Decision.RETURNED, comment)
        report.status = Status.RETURNED
        report.save()
    notifications.notify_decided(report, submission)
    return submission


@transaction.atomic
def report_accept(actor: User, report: AnnualReport) -> ReportSubmission:
    """The managing district accepts the latest submission (a first version or a correction)."""
    report = locked_report(report)
    submission = _require_review(actor, report, "accept")
    now = timezone.now()
    with audited_as(actor):
        _decide(actor, submission, Decision.ACCEPTED)
        if submission.correction is not None:
            submission.correction.status = CorrectionRequest.Status.ACCEPTED
            submission.correction.save()
        report.status = Status.ACCEPTED
        report.accepted_at = now
        report.accepted_by = actor
        report.save()
    notifications.notify_decided(report, submission)
    signals.report_accepted.send(sender=AnnualReport, report=report, submission=submission)
    return submission


# --- Corrections after acceptance -------------------------------------------------------------------------


@transaction.atomic
def correction_request(actor: User, report: AnnualReport, reason: str) -> CorrectionRequest:
    """The enterprise asks to change accepted data, saying why; the report becomes editable again and
    the managing district is told. The accepted version stays as it is until the district accepts
    the correction."""
    report = locked_report(report)
    if not access.can_request_annual_correction(actor, report):
        if access.can_report_annual_data(actor) and report.enterprise_id == actor.enterprise_id:
            raise DomainError(_("Only an accepted report can be corrected; this one can be edited directly."))
        raise DomainError(_("Only the enterprise's own users can ask to correct its report."))
    reason = _clean_text(reason, required=_("Say what you want to correct and why."), field="reason")
    base = report.submissions.filter(decision=Decision.ACCEPTED).order_by("-number").first()
    if base is None:
        raise DomainError(_("This report has no accepted version to correct."))
    with audited_as(actor):
        correction = CorrectionRequest.objects.create(
            report=report, reason=reason, base=base, requested_by=actor
        )
        report.status = Status.CORRECTING
        report.save()
    notifications.notify_correction_requested(report, correction)
    return correction


@transaction.atomic
def correction_reject(actor: User, report: AnnualReport, comment: str) -> ReportSubmission:
    """The district rejects a submitted correction: the values (and the warnings' answers) of the
    accepted version it corrected come back, and the report is accepted as before. Both versions stay
    in the history. ``signals.report_restored`` then brings what follows the values back too: the
    readiness results and, once committed, the year's peer bands."""
    report = locked_report(report)
    submission = _require_review(actor, report, "reject")
    comment = _clean_text(comment, required=_("Say why the correction is rejected."), field="comment")
    correction = submission.correction
    spec = catalogue_spec(report.catalogue)
    base = correction.base.snapshot
    accepted = {
        indicator.code: value_from_text(indicator, base["values"].get(indicator.code))
        for indicator in spec.indicators
    }
    current = values_of(report, spec)
    changes = {code: value for code, value in accepted.items() if current.get(code) != value}
    with audited_as(actor):
        _decide(actor, submission, Decision.REJECTED, comment)
        correction.status = CorrectionRequest.Status.REJECTED
        correction.save()
        _write(actor, report, spec, changes)
        restored = _with(accepted, {})
        warnings = refresh_warnings(report, values=restored)
        _restore_answers(spec, warnings, base.get("warnings", []), correction.base)
        report.status = Status.ACCEPTED
        report.save()
    notifications.notify_decided(report, submission)
    signals.report_restored.send(sender=AnnualReport, report=report, submission=submission)
    return submission


def _restore_answers(spec, warnings, frozen: list[dict], base: ReportSubmission) -> None:
    """Give the restored values' warnings back the answers they had in the accepted version."""
    answers = {(item["indicator"], item["kind"], item["value"]): item for item in frozen}
    for warning in warnings:
        indicator = spec.by_pk[warning.indicator_id]
        item = answers.get((indicator.code, warning.kind, value_text(indicator, warning.value)))
        if item is None or (warning.explanation, warning.confirmed) == (
            item["explanation"],
            item["confirmed"],
        ):
            continue
        warning.explanation, warning.confirmed = item["explanation"], item["confirmed"]
        warning.answered_by, warning.answered_at = base.submitted_by, base.submitted_at
        warning.save()


# --- Comparing versions -----------------------------------------------------------------------------------


def submission_diff(
    before: ReportSubmission, after: ReportSubmission, spec: CatalogueSpec | None = None
) -> list[DiffRow]:
    """The indicators whose values differ between two submissions, in the catalogue's order, with
    each value as people read it."""
    spec = spec or catalogue_spec(after.report.catalogue)
    old, new = before.snapshot.get("values", {}), after.snapshot.get("values", {})
    rows = []
    known = set()
    for indicator in spec.indicators:
        known.add(indicator.code)
        a, b = old.get(indicator.code), new.get(indicator.code)
        if a != b:
            rows.append(
                DiffRow(
                    indicator.code,
                    indicator.label,
                    display(indicator, value_from_text(indicator, a)),
                    display(indicator, value_from_text(indicator, b)),
                )
            )
    for code in sorted((set(old) | set(new)) - known):  # retired from the catalogue: shown as stored
        if old.get(code) != new.get(code):
            rows.append(DiffRow(code, code, old.get(code) or "—", new.get(code) or "—"))
    return rows
