"""What the report page shows: the catalogue's groups with each indicator's value, last year's value,
problems and warnings, the progress per group, the derived ratios and what still blocks submission.

Built from a constant number of queries whatever the number of values, warnings or submissions:
the catalogue spec (cached), the values, the enterprise's other years, the warnings.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from innopilot.annual.models import AnnualReport, Indicator, PlausibilityWarning
from innopilot.annual.ratios import RatioResult, derived_ratios
from innopilot.annual.services import value_text
from innopilot.annual.spec import CatalogueSpec, GroupSpec, IndicatorSpec, catalogue_spec
from innopilot.annual.values import Problem, Value, blocking_problems, display, history_of, values_of

U = Indicator.Unit


def unit_suffix(indicator: IndicatorSpec) -> str:
    """The word after the input. The catalogue knows units, not counting words: people are counted
    in persons, durations ("…年限") in years, everything else (patents, marks, cases) in items."""
    if indicator.unit == U.WAN_YUAN:
        return _("10k yuan")
    if indicator.unit == U.PERCENT:
        return "%"
    if indicator.unit == U.COUNT:
        if "年限" in indicator.label_zh:
            return _("years")
        return _("persons") if indicator.group_code == "people" else _("items")
    return ""


def with_unit(indicator: IndicatorSpec, value: Value) -> str:
    """A value as people read it, with its counting word: 1,000.00 万元, 12 件."""
    shown = display(indicator, value)
    suffix = unit_suffix(indicator)
    return f"{shown} {suffix}" if value is not None and suffix and suffix != "%" else shown


def warning_text(indicator: IndicatorSpec, warning: PlausibilityWarning, limit: Decimal) -> str:
    """What the warning compared, in words."""
    reference = warning.reference or {}
    if warning.kind == PlausibilityWarning.Kind.CHANGE:
        previous = Decimal(reference.get("previous", "0"))
        return _(
            "%(value)s is %(change)s%% against %(year)s (%(previous)s): a change of more than %(limit)s%% "
            "is unusual."
        ) % {
            "value": with_unit(indicator, warning.value),
            "change": _signed(reference.get("change", "")),
            "year": reference.get("previous_year", ""),
            "previous": with_unit(indicator, previous),
            "limit": f"{limit * 100:.0f}",
        }
    return _(
        "%(value)s lies outside the range of most enterprises of the same industry in %(year)s "
        "(%(low)s – %(high)s, %(peers)s enterprises compared)."
    ) % {
        "value": with_unit(indicator, warning.value),
        "year": reference.get("year", ""),
        "low": display(indicator, Decimal(reference.get("low", "0"))),
        "high": with_unit(indicator, Decimal(reference.get("high", "0"))),
        "peers": reference.get("peers", ""),
    }


def _signed(change: str) -> str:
    return change if change.startswith("-") else f"+{change}"


@dataclass
class FieldView:
    indicator: IndicatorSpec
    value: Value
    previous: Value = None
    previous_year: int = 0
    error: str = ""  # why the value just typed was refused
    posted: str | None = None  # what was typed, kept in the input after a refusal
    notes: list[str] = field(default_factory=list)  # cross-field problems naming this field
    warnings: list[PlausibilityWarning] = field(default_factory=list)
    saved: bool = False
    retry: bool = False  # refused for a cross-field rule: try again when another value is saved

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def anchor(self) -> str:
        return f"f-{self.indicator.code}"

    @property
    def filled(self) -> bool:
        return self.value is not None

    @property
    def input(self) -> str:
        if self.posted is not None:
            return self.posted
        return value_text(self.indicator, self.value) or ""

    @property
    def shown(self) -> str:
        return display(self.indicator, self.value)

    @property
    def previous_shown(self) -> str | None:
        return None if self.previous is None else display(self.indicator, self.previous)

    @property
    def suffix(self) -> str:
        return unit_suffix(self.indicator)

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(value, self.indicator.choice_label(value)) for value, _zh, _en in self.indicator.choices]


@dataclass
class GroupView:
    group: GroupSpec
    fields: list[FieldView]

    @property
    def filled(self) -> int:
        return sum(1 for f in self.fields if f.filled)

    @property
    def required(self) -> int:
        return sum(1 for f in self.fields if f.indicator.required)

    @property
    def required_filled(self) -> int:
        return sum(1 for f in self.fields if f.indicator.required and f.filled)

    @property
    def has_problems(self) -> bool:
        return any(f.notes or f.error for f in self.fields)

    @property
    def complete(self) -> bool:
        return self.required_filled == self.required and not self.has_problems


@dataclass
class FormPage:
    report: AnnualReport
    spec: CatalogueSpec
    values: dict[str, Value]
    groups: list[GroupView]
    fields: dict[str, FieldView]
    ratios: list[RatioResult]
    problems: list[Problem]
    warnings: list[PlausibilityWarning]

    @property
    def unanswered(self) -> list[PlausibilityWarning]:
        return [w for w in self.warnings if not w.confirmed and not w.explanation.strip()]

    @property
    def filled(self) -> int:
        return sum(g.filled for g in self.groups)

    @property
    def total(self) -> int:
        return len(self.fields)

    @property
    def percent(self) -> int:
        return round(100 * self.filled / self.total) if self.total else 0

    @property
    def ready(self) -> bool:
        return not self.problems and not self.unanswered

    def related(self, code: str) -> list[FieldView]:
        """The other fields sharing a cross-field rule with ``code``: their notes change with it."""
        codes = {c for rule in self.spec.cross_rules if code in rule.codes for c in rule.codes} - {code}
        return [self.fields[c] for c in self.fields if c in codes]


def report_page(
    report: AnnualReport,
    *,
    values: Mapping[str, Value] | None = None,
    errors: Mapping[str, str] | None = None,
    posted: Mapping[str, str] | None = None,
    refused: list[Problem] = (),
) -> FormPage:
    """The page of one report. ``errors``/``posted`` carry a refused save (the value typed stays in
    its input); ``refused`` the cross-field rules it would have broken, noted at every field named."""
    spec = catalogue_spec(report.catalogue)
    values = dict(values_of(report, spec) if values is None else values)
    history = history_of(report)
    previous = history.get(report.year - 1, {})
    warnings = list(PlausibilityWarning.objects.filter(report=report).select_related("answered_by"))
    limit = spec.plausibility.change_ratio
    by_code: dict[str, FieldView] = {}
    for indicator in spec.indicators:
        by_code[indicator.code] = FieldView(
            indicator,
            values.get(indicator.code),
            previous=previous.get(indicator.code),
            previous_year=report.year - 1,
            error=(errors or {}).get(indicator.code, ""),
            posted=(posted or {}).get(indicator.code),
        )
    order = {indicator.pk: index for index, indicator in enumerate(spec.indicators)}
    warnings.sort(key=lambda w: (order.get(w.indicator_id, 0), w.kind))
    for warning in warnings:
        indicator = spec.by_pk[warning.indicator_id]
        warning.indicator_spec = indicator
        warning.text = warning_text(indicator, warning, limit)
        by_code[indicator.code].warnings.append(warning)
    problems = blocking_problems(spec, values)
    for problem in [p for p in problems if p.rule] + list(refused):
        for code in dict.fromkeys(problem.codes):
            view = by_code.get(code)
            if view is not None and problem.message not in view.notes and problem.message not in view.error:
                view.notes.append(problem.message)
    groups = [GroupView(group, [by_code[i.code] for i in group.indicators]) for group in spec.groups]
    return FormPage(
        report=report,
        spec=spec,
        values=values,
        groups=groups,
        fields=by_code,
        ratios=derived_ratios(spec, values, history, report.year),
        problems=problems,
        warnings=warnings,
    )
