"""Reading, storing and checking indicator values: one value as typed (form or Excel cell), and a
report's values against the catalogue's required fields and cross-field rules.

A value is ``Decimal`` for numeric units (yes/no as 1/0, a year as the year), ``str`` for choices and
text, ``None`` when empty. Messages are in the active language and name every field involved.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from innopilot.annual.models import AnnualReport, CorrectionRequest, IndicatorValue, ReportSubmission
from innopilot.annual.spec import CatalogueSpec, CrossRule, IndicatorSpec, catalogue_spec
from innopilot.common.errors import DomainError
from innopilot.common.i18n import is_english
from innopilot.directory.imports.parsing import CellError, clean_text, lookup_key, parse_bool

Value = Decimal | str | None
# Reports whose values the enterprise stands by: submitted (the district will read them) or accepted.
# A draft is not finished, a returned report was sent back to be fixed, and the values of a report
# under correction are being edited (its accepted version still stands: ``accepted_values``).
SETTLED = (AnnualReport.Status.SUBMITTED, AnnualReport.Status.ACCEPTED)
LARGEST = Decimal("1e13")  # DecimalField(max_digits=16, decimal_places=2)
_UNIT_WORDS = re.compile(r"(万元|元|件|人|项|个|名|年|%|％)$")
_OPERATORS = {
    "le": (lambda a, b: a <= b),
    "lt": (lambda a, b: a < b),
    "ge": (lambda a, b: a >= b),
    "gt": (lambda a, b: a > b),
    "eq": (lambda a, b: a == b),
}


class ValueProblem(DomainError):
    """A value that cannot be stored: the message says what to write instead."""


@dataclass(frozen=True)
class Problem:
    """A report-level problem that blocks submission: the indicators involved and what is wrong."""

    codes: tuple[str, ...]
    message: str
    rule: str = ""  # the cross-field rule's code, or "" for a missing required value


def _number(indicator: IndicatorSpec, raw: Any) -> Decimal | None:
    if isinstance(raw, bool):
        raw = int(raw)
    if isinstance(raw, float):
        raw = repr(raw)  # 12.3 stays 12.3, without binary noise
    text = _UNIT_WORDS.sub("", clean_text(raw).replace(",", "").replace(" ", ""))
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueProblem(_("Write a number.")) from None
    if not number.is_finite() or abs(number) >= LARGEST:
        raise ValueProblem(_("This number is too large."))
    places = indicator.decimal_places
    if number != number.quantize(Decimal(1).scaleb(-places), rounding="ROUND_DOWN"):
        if places == 0:
            raise ValueProblem(_("Write a whole number."))
        raise ValueProblem(_("Write at most %(places)s decimal places.") % {"places": places})
    return number.quantize(Decimal(1).scaleb(-places))


def _check_range(indicator: IndicatorSpec, number: Decimal) -> None:
    if indicator.min_value is not None and number < indicator.min_value:
        raise ValueProblem(
            _("Write a value of at least %(minimum)s.") % {"minimum": display(indicator, indicator.min_value)}
        )
    if indicator.max_value is not None and number > indicator.max_value:
        raise ValueProblem(
            _("Write a value of at most %(maximum)s.") % {"maximum": display(indicator, indicator.max_value)}
        )


def _choice(indicator: IndicatorSpec, raw: Any) -> str | None:
    key = lookup_key(raw)
    if not key:
        return None
    for value, zh, en in indicator.choices:
        if key in {lookup_key(value), lookup_key(zh), lookup_key(en)}:
            return value
    names = "、".join(indicator.choice_label(value) for value, _zh, _en in indicator.choices)
    raise ValueProblem(_("Choose one of: %(choices)s.") % {"choices": names})


def parse_value(indicator: IndicatorSpec, raw: Any) -> Value:
    """The value to store for what the user typed (or an Excel cell held), or ``ValueProblem``."""
    unit = indicator.unit
    if unit == "text":
        text = clean_text(raw)
        if len(text) > 500:
            raise ValueProblem(_("Write at most 500 characters."))
        return text or None
    if unit == "choice":
        return _choice(indicator, raw)
    if unit == "yes_no":
        if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool) and raw in (0, 1):
            return Decimal(int(raw))
        try:
            answer = parse_bool(raw)
        except CellError:
            raise ValueProblem(_("Answer yes (是) or no (否).")) from None
        return None if answer is None else Decimal(int(answer))
    number = _number(indicator, raw)
    if number is not None:
        _check_range(indicator, number)
    return number


def stored(indicator: IndicatorSpec, value: Value) -> dict[str, Any]:
    """The ``IndicatorValue`` fields that hold ``value``."""
    if indicator.is_numeric:
        return {"number": value, "text": ""}
    return {"number": None, "text": value or ""}


def read(indicator: IndicatorSpec, number: Decimal | None, text: str) -> Value:
    return number if indicator.is_numeric else (text or None)


def display(indicator: IndicatorSpec, value: Value) -> str:
    """A value as people read it: 1,234.50 万元, 12 人, 3.50%, 是/否, a choice's label."""
    if value is None or value == "":
        return "—"
    unit = indicator.unit
    if unit == "yes_no":
        return _("yes") if value else _("no")
    if unit == "choice":
        return indicator.choice_label(str(value))
    if unit == "text":
        return str(value)
    if unit == "year":
        return str(int(value))
    number = f"{value:,.{indicator.decimal_places}f}"
    if unit == "percent":
        return f"{number}%"
    return number


def values_of(report: AnnualReport, spec: CatalogueSpec | None = None) -> dict[str, Value]:
    """The report's values by indicator code (one query; empty values left out)."""
    spec = spec or catalogue_spec(report.catalogue)
    by_pk = spec.by_pk
    values = {}
    for indicator_id, number, text in IndicatorValue.objects.filter(report=report).values_list(
        "indicator_id", "number", "text"
    ):
        indicator = by_pk[indicator_id]
        value = read(indicator, number, text)
        if value is not None:
            values[indicator.code] = value
    return values


def value_from_text(indicator: IndicatorSpec, text: str | None) -> Value:
    """A value as a submission's snapshot keeps it (``services.value_text``), read back."""
    if text is None or text == "":
        return None
    return Decimal(text) if indicator.is_numeric else text


def snapshot_values(spec: CatalogueSpec, snapshot: Mapping) -> dict[str, Value]:
    """The values frozen in a submission's snapshot, by code (codes the catalogue lacks left out)."""
    values = {}
    for code, text in snapshot.get("values", {}).items():
        indicator = spec.by_code.get(code)
        value = None if indicator is None else value_from_text(indicator, text)
        if value is not None:
            values[code] = value
    return values


def accepted_values(report: AnnualReport, spec: CatalogueSpec | None = None) -> dict[str, Value]:
    """The values of the report's latest accepted version (one query; empty if it has none): what
    still stands while a correction is being edited."""
    spec = spec or catalogue_spec(report.catalogue)
    accepted = (
        ReportSubmission.objects.filter(report=report, decision=ReportSubmission.Decision.ACCEPTED)
        .order_by("-number")
        .values_list("snapshot", flat=True)
        .first()
    )
    return snapshot_values(spec, accepted or {})


def history_of(report: AnnualReport) -> dict[int, dict[str, Value]]:
    """The enterprise's other years' settled values by year and indicator code (two queries), for
    change warnings, growth and the readiness look-back: only years it submitted or the district
    accepted (``SETTLED``) — a draft or a returned year would compare with values nobody stands by.
    A year under correction counts with its accepted version, not with the values being edited.
    Codes are stable across catalogue versions, so years pinned to different catalogues compare by code."""
    rows = IndicatorValue.objects.filter(
        report__enterprise=report.enterprise_id, report__status__in=SETTLED
    ).exclude(report=report)
    history: dict[int, dict[str, Value]] = {}
    for year, code, number, text in rows.values_list("report__year", "indicator__code", "number", "text"):
        value = number if number is not None else (text or None)
        if value is not None:
            history.setdefault(year, {})[code] = value
    corrections = (
        CorrectionRequest.objects.filter(
            report__enterprise=report.enterprise_id,
            report__status=AnnualReport.Status.CORRECTING,
            status=CorrectionRequest.Status.OPEN,
        )
        .exclude(report=report)
        .select_related("base", "report__catalogue")
    )
    for correction in corrections:
        values = snapshot_values(catalogue_spec(correction.report.catalogue), correction.base.snapshot)
        if values:
            history[correction.report.year] = values
    return history


def total_of(codes, values: Mapping[str, Value]) -> Decimal | None:
    """The sum of the codes' values, or None while any of them is empty."""
    parts = [values.get(code) for code in codes]
    if any(part is None or isinstance(part, str) for part in parts):
        return None
    return sum(parts, Decimal(0))


def _side(spec: CatalogueSpec, codes: tuple[str, ...], values: Mapping[str, Value]) -> str:
    by_code = spec.by_code
    parts = [f"{by_code[code].label}（{display(by_code[code], values.get(code))}）" for code in codes]
    return " + ".join(parts)


_RELATIONS = {
    "le": gettext_noop("%(left)s cannot be greater than %(right)s."),
    "lt": gettext_noop("%(left)s must be less than %(right)s."),
    "ge": gettext_noop("%(left)s cannot be less than %(right)s."),
    "gt": gettext_noop("%(left)s must be greater than %(right)s."),
    "eq": gettext_noop("%(left)s must equal %(right)s."),
}


def _rule_message(spec: CatalogueSpec, rule: CrossRule, values: Mapping[str, Value]) -> str:
    sides = {"left": _side(spec, rule.left, values), "right": _side(spec, rule.right, values)}
    own = rule.message_en if is_english() and rule.message_en else rule.message_zh
    generic = _(_RELATIONS[rule.op]) % sides
    return f"{generic} {own}" if own else generic


def cross_field_problems(spec: CatalogueSpec, values: Mapping[str, Value]) -> list[Problem]:
    """Every cross-field rule broken by the values (a rule with an empty side is not checked yet)."""
    problems = []
    for rule in spec.cross_rules:
        left, right = total_of(rule.left, values), total_of(rule.right, values)
        if left is None or right is None or _OPERATORS[rule.op](left, right):
            continue
        problems.append(Problem(codes=rule.codes, message=_rule_message(spec, rule, values), rule=rule.code))
    return problems


def missing_required(spec: CatalogueSpec, values: Mapping[str, Value]) -> list[Problem]:
    return [
        Problem(codes=(indicator.code,), message=_("%(field)s is required.") % {"field": indicator.label})
        for indicator in spec.indicators
        if indicator.required and values.get(indicator.code) in (None, "")
    ]


def blocking_problems(spec: CatalogueSpec, values: Mapping[str, Value]) -> list[Problem]:
    """What must be fixed before the report can be submitted, in the form's order."""
    order = {indicator.code: index for index, indicator in enumerate(spec.indicators)}
    problems = missing_required(spec, values) + cross_field_problems(spec, values)
    return sorted(problems, key=lambda problem: min(order.get(code, 0) for code in problem.codes))
