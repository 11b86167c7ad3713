"""The readiness engine: pure Python, no ORM, so it is tested with plain inputs.

``evaluate(ruleset, inputs)`` runs every check of a ruleset (``schema.RulesetFile`` or its JSON, as
stored in ``ReadinessRuleset.content``) against one report's inputs and explains each rule: the
values it used, its condition or bands (the threshold, put into words by ``words.py``), pass or fail
or the points scored of the maximum, and whether an input was self-declared, missing or counted as
zero because it was left empty.

Logic is three-valued: a condition over a missing value is unknown (None), ``all`` is false as soon
as one part is false, ``any`` true as soon as one part is true. A direct pass counts only when it is
known to hold. A score is a range while some of its rules are unknown: the check passes when the
lowest possible score passes, fails when even the highest cannot come near, and is unknown between.
Outcomes: pass, near (within the check's margin: points short, or rules failed), fail, unknown.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from innopilot.annual.readiness.schema import (
    SIZE_CLASSES,
    Condition,
    ConditionsCheck,
    Group,
    Operand,
    Rule,
    RulesetFile,
    ScoreCheck,
    ScoreRule,
    SizeClassCheck,
    ruleset_from_content,
)

PASS, NEAR, FAIL, UNKNOWN = "pass", "near", "fail", "unknown"
SCORED, NOT_SCORED = "scored", "not_scored"  # the outcome of a point rule
CENT = Decimal("0.01")
ZERO = Decimal(0)
Truth = bool | None


@dataclass(frozen=True)
class YearData:
    """One year's reported values (by indicator code) and derived ratios (by ratio code, percent)."""

    values: Mapping[str, Any] = field(default_factory=dict)
    ratios: Mapping[str, Decimal | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Inputs:
    year: int  # the report's data year
    years: Mapping[int, YearData]  # the report's year and the enterprise's other reported years
    self_declared: frozenset[str] = frozenset()  # indicator and ratio codes no document proves
    industry_section: str = ""  # GB/T 4754 letter
    industry_division: str = ""  # two digits
    qualifications: frozenset[str] = frozenset()  # qualification type codes held on the day
    facts: Mapping[str, Decimal | None] = field(default_factory=dict)  # e.g. established_years


@dataclass(frozen=True)
class InputUsed:
    source: dict  # the operand as written in the ruleset (or {"qualification": …} / {"check": …})
    value: Decimal | str | None  # None: missing
    years: tuple[int, ...] = ()  # the years whose values it took
    missing_years: tuple[int, ...] = ()  # years of its window without a value
    zero_filled: tuple[str, ...] = ()  # indicator codes left empty and counted as zero
    self_declared: bool = False


@dataclass(frozen=True)
class RuleResult:
    code: str
    label: dict
    outcome: str  # pass / fail / unknown (conditions); scored / unknown / not_scored (points)
    inputs: tuple[InputUsed, ...] = ()
    condition: dict | None = None  # a condition rule's condition, for its threshold in words
    value: dict | None = None  # a point rule's operand for bands and items that name none
    bands: tuple[dict, ...] = ()  # a point rule's bands (or items) as written
    scoring: str = ""  # "bands" or "items" for point rules
    otherwise: Decimal | None = None
    matched: tuple[int, ...] = ()  # the band that gave the points, or the items that hold
    limits: dict | None = None  # a size measure's lower limits by class
    points: Decimal | None = None
    low: Decimal | None = None  # the fewest and most points possible while inputs are missing
    high: Decimal | None = None
    max_points: Decimal | None = None
    group: str | None = None
    self_declared: bool = False
    note: dict | None = None
    to_verify: dict | None = None
    threshold: dict | None = None  # the ruleset's own words for the threshold

    @property
    def missing(self) -> bool:
        return any(used.value is None for used in self.inputs)


@dataclass(frozen=True)
class GroupResult:
    code: str
    label: dict
    outcome: str  # pass / fail / unknown
    require: str = "all"
    rules: tuple[RuleResult, ...] = ()
    direct_passes: tuple[RuleResult, ...] = ()
    direct_pass: bool = False
    failed: int = 0  # rules that failed (1 for a failed "any" group)
    unknown: int = 0  # rules not known yet (a failed group's could fail too)
    points: Decimal | None = None  # score groups
    low: Decimal | None = None
    high: Decimal | None = None
    max_points: Decimal | None = None
    minimum: Decimal | None = None
    to_verify: dict | None = None


@dataclass(frozen=True)
class CheckResult:
    code: str
    kind: str
    label: dict
    outcome: str
    groups: tuple[GroupResult, ...] = ()
    rules: tuple[RuleResult, ...] = ()  # point rules and size measures
    direct_passes: tuple[RuleResult, ...] = ()
    direct_pass: bool = False
    score: Decimal | None = None  # None while some rule is unknown
    low: Decimal | None = None
    high: Decimal | None = None
    max_score: Decimal | None = None  # of the rules that are scored
    pass_total: Decimal | None = None
    near: dict | None = None
    failed: int = 0
    size_class: str | None = None  # "large" / "medium" / "small" / "micro"
    sector: dict | None = None  # {"code", "label", "to_verify"}
    description: dict | None = None
    basis: dict | None = None
    to_verify: dict | None = None

    @property
    def self_declared(self) -> bool:
        return any(rule.self_declared for rule in all_rules(self))

    @property
    def missing(self) -> bool:
        return any(rule.missing for rule in all_rules(self))


def all_rules(check: CheckResult) -> list[RuleResult]:
    rules = list(check.rules)
    for group in check.groups:
        rules += [*group.rules, *group.direct_passes]
    return rules + list(check.direct_passes)


def evaluate(ruleset: RulesetFile | Mapping, inputs: Inputs) -> list[CheckResult]:
    """Every check of the ruleset, in its order (a check may use an earlier check's outcome)."""
    if not isinstance(ruleset, RulesetFile):
        ruleset = ruleset_from_content(dict(ruleset))
    return _Evaluator(inputs).run(ruleset)


def as_json(value: Any) -> Any:
    """A result as JSON (decimals as text), for ``ReadinessResult.details`` and the pages."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_json(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [as_json(item) for item in value]
    if isinstance(value, frozenset | set):
        return sorted(as_json(item) for item in value)
    return value


# --- values -------------------------------------------------------------------------------------------


def _number(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _cent(value: Decimal) -> Decimal:
    return value.quantize(CENT)  # as annual.ratios rounds its percentages


def _written(model) -> dict:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)


def _compare(condition: Condition, value: Decimal | str | None) -> Truth:
    if value is None:
        return None
    if condition.one_of is not None:
        return str(value) in condition.one_of
    number = _number(value)
    if number is None:
        return None
    if condition.at_least is not None:
        return number >= condition.at_least
    if condition.more_than is not None:
        return number > condition.more_than
    if condition.at_most is not None:
        return number <= condition.at_most
    if condition.less_than is not None:
        return number < condition.less_than
    return number == Decimal(
        int(condition.equals) if isinstance(condition.equals, bool) else condition.equals
    )


def _all(truths: list[Truth]) -> Truth:
    if any(t is False for t in truths):
        return False
    return None if any(t is None for t in truths) else True


def _any(truths: list[Truth]) -> Truth:
    if any(t is True for t in truths):
        return True
    return None if any(t is None for t in truths) else False


class _Evaluator:
    def __init__(self, inputs: Inputs):
        self.inputs = inputs
        self.outcomes: dict[str, str] = {}
        self.used: dict[str, InputUsed] = {}

    def run(self, ruleset: RulesetFile) -> list[CheckResult]:
        results = []
        for check in ruleset.checks:
            if isinstance(check, SizeClassCheck):
                result = self._size_class(check)
            elif isinstance(check, ConditionsCheck):
                result = self._conditions(check)
            else:
                result = self._score(check)
            self.outcomes[check.code] = result.outcome
            results.append(result)
        return results

    # --- operands ---

    def _use(self, operand: Operand) -> InputUsed:
        source = _written(operand)
        key = repr(sorted(source.items()))
        if key not in self.used:
            self.used[key] = self._operand(operand, source)
        return self.used[key]

    def _codes(self, operand: Operand) -> list[str]:
        if operand.quotient is not None:
            return [*operand.quotient.numerator, *operand.quotient.denominator]
        return list(operand.indicator or ([operand.ratio] if operand.ratio else []))

    def _operand(self, operand: Operand, source: dict) -> InputUsed:
        inputs = self.inputs
        declared = any(code in inputs.self_declared for code in self._codes(operand))
        if operand.fact is not None:
            return InputUsed(source, _number(inputs.facts.get(operand.fact)))
        window = tuple(inputs.year - back for back in range(operand.years))
        zero_filled: set[str] = set()
        per_year: dict[int, Any] = {}
        for year in window:
            data = inputs.years.get(year)
            if data is None:
                continue
            if operand.ratio is not None:
                value = _number(data.ratios.get(operand.ratio))
            elif operand.quotient is not None:
                value = self._sums(data, operand, zero_filled)
            else:
                value = self._indicators(data, operand, zero_filled)
            if value is not None:
                per_year[year] = value
        taken = tuple(year for year in window if year in per_year)
        missing = tuple(year for year in window if year not in per_year)
        enough = len(taken) >= (operand.min_years or operand.years)
        value = self._combine(operand, [per_year[year] for year in taken]) if enough and taken else None
        return InputUsed(source, value, taken, missing, tuple(sorted(zero_filled)), declared)

    def _indicators(self, data: YearData, operand: Operand, zero_filled: set[str]) -> Decimal | str | None:
        codes = operand.indicator or []
        if len(codes) == 1 and isinstance(data.values.get(codes[0]), str):
            text = data.values[codes[0]]
            return text if text != "" else None  # a choice
        total = ZERO
        for code in codes:
            number = _number(data.values.get(code))
            if number is None:
                if not operand.missing_as_zero:
                    return None
                zero_filled.add(code)
                number = ZERO
            total += number
        return total

    def _sums(
        self, data: YearData, operand: Operand, zero_filled: set[str]
    ) -> tuple[Decimal, Decimal] | None:
        quotient = operand.quotient
        parts = []
        for codes in (quotient.numerator, quotient.denominator):
            summed = self._indicators(data, operand.model_copy(update={"indicator": codes}), zero_filled)
            if not isinstance(summed, Decimal):
                return None
            parts.append(summed)
        return parts[0], parts[1]

    def _combine(self, operand: Operand, values: list) -> Decimal | str | None:
        if operand.quotient is not None:
            numerator = sum((v[0] for v in values), ZERO)
            denominator = sum((v[1] for v in values), ZERO)
            if denominator == 0:
                return operand.quotient.when_zero
            return _cent(numerator * 100 / denominator)
        if len(values) == 1 and operand.combine is None:
            return values[0]
        numbers = [_number(v) for v in values]
        if any(n is None for n in numbers):
            return None
        if operand.combine == "sum":
            return sum(numbers, ZERO)
        if operand.combine == "mean":
            return _cent(sum(numbers, ZERO) / len(numbers))
        return min(numbers) if operand.combine == "min" else max(numbers)

    # --- conditions ---

    def _truth(self, condition: Condition, default: Operand | None = None) -> Truth:
        if condition.comparisons:
            return _compare(condition, self._use(condition.value or default).value)
        if condition.all_of:
            return _all([self._truth(part, default) for part in condition.all_of])
        if condition.any_of:
            return _any([self._truth(part, default) for part in condition.any_of])
        if condition.cases:
            for case in condition.cases:
                chosen = self._truth(case.when, default)
                if chosen is None:
                    return None
                if chosen:
                    return self._truth(case.then, default)
            return False
        if condition.qualification:
            held = [code for code in condition.qualification if code in self.inputs.qualifications]
            source = {"qualification": list(condition.qualification)}
            self.used[repr(source)] = InputUsed(source, ", ".join(held) if held else "")
            return bool(held)
        outcome = self.outcomes.get(condition.check, UNKNOWN)
        source = {"check": condition.check}
        self.used[repr(source)] = InputUsed(source, outcome)
        if outcome in condition.outcomes:
            return True
        return None if outcome == UNKNOWN else False

    def _rule(self, rule: Rule) -> tuple[RuleResult, Truth]:
        self.used = {}
        truth = self._truth(rule)
        inputs = tuple(self.used.values())
        condition = _written(rule)
        for name in ("code", "label", "note", "to_verify", "self_declared", "threshold"):
            condition.pop(name, None)
        result = RuleResult(
            code=rule.code,
            label=_written(rule.label),
            outcome=PASS if truth else FAIL if truth is False else UNKNOWN,
            inputs=inputs,
            condition=condition,
            self_declared=rule.self_declared or any(used.self_declared for used in inputs),
            note=_written(rule.note) if rule.note else None,
            to_verify=_written(rule.to_verify) if rule.to_verify else None,
            threshold=_written(rule.threshold) if rule.threshold else None,
        )
        return result, truth

    def _direct(self, rules: list[Rule]) -> tuple[tuple[RuleResult, ...], bool]:
        """Direct passes: one that is known to hold is enough; an unknown one does not count."""
        results = [self._rule(rule) for rule in rules]
        return tuple(result for result, _truth in results), any(truth is True for _result, truth in results)

    # --- size class ---

    def _size_class(self, check: SizeClassCheck) -> CheckResult:
        inputs = self.inputs
        base = _check_base(check)
        sector = next((s for s in check.sectors if inputs.industry_division in s.divisions), None) or next(
            (s for s in check.sectors if inputs.industry_section in s.sections), None
        )
        if not inputs.industry_section or sector is None:
            return CheckResult(**base, outcome=UNKNOWN)
        rules = []
        values: dict[str, Decimal | None] = {}
        for name, large_limit in sector.large.items():
            self.used = {}
            used = self._use(check.measures[name])
            values[name] = _number(used.value)
            below = _compare(Condition(less_than=large_limit), values[name])
            limits = {size: getattr(sector, size)[name] for size in SIZE_CLASSES}
            rules.append(
                RuleResult(
                    code=name,
                    label=_written(check.measures[name].label) if check.measures[name].label else {},
                    outcome=PASS if below else FAIL if below is False else UNKNOWN,
                    inputs=(used,),
                    condition={"value": used.source, "less_than": str(large_limit)},
                    limits=as_json(limits),
                    self_declared=used.self_declared,
                )
            )
        size = None
        for candidate in SIZE_CLASSES:
            limits = getattr(sector, candidate)
            holds = _all([_compare(Condition(at_least=limits[name]), values[name]) for name in limits])
            if holds is None:
                break
            if holds:
                size = candidate
                break
        else:
            size = "micro"
        large = size == "large" if size else None
        if size is None:  # the class is unknown; SME if a measure is known to be below the large limit
            large = False if any(rule.outcome == PASS for rule in rules) else None
        outcome = UNKNOWN if large is None else FAIL if large else PASS
        return CheckResult(
            **base,
            outcome=outcome,
            rules=tuple(rules),
            size_class=size,
            sector={
                "code": sector.code,
                "label": _written(sector.label),
                "to_verify": _written(sector.to_verify) if sector.to_verify else None,
            },
        )

    # --- conditions ---

    def _group(self, group: Group) -> GroupResult:
        results = [self._rule(rule) for rule in group.rules]
        direct, direct_pass = self._direct(group.direct_passes)
        truths = [truth for _result, truth in results]
        truth = True if direct_pass else (_all(truths) if group.require == "all" else _any(truths))
        failed = 0
        if truth is False:
            failed = sum(1 for t in truths if t is False) if group.require == "all" else 1
        unknown = 0 if truth is True else sum(1 for t in truths if t is None)
        return GroupResult(
            code=group.code,
            label=_written(group.label),
            outcome=PASS if truth else FAIL if truth is False else UNKNOWN,
            require=group.require,
            rules=tuple(result for result, _truth in results),
            direct_passes=direct,
            direct_pass=direct_pass,
            failed=failed,
            unknown=unknown,
            to_verify=_written(group.to_verify) if group.to_verify else None,
        )

    def _conditions(self, check: ConditionsCheck) -> CheckResult:
        groups = [self._group(group) for group in check.groups]
        direct, direct_pass = self._direct(check.direct_passes)
        failed = sum(group.failed for group in groups)
        unknown = any(group.unknown for group in groups)
        if direct_pass or all(group.outcome == PASS for group in groups):
            outcome = PASS
        elif failed > (check.near.failed_rules or 0):
            outcome = FAIL
        elif unknown:
            outcome = UNKNOWN
        else:
            outcome = NEAR
        return CheckResult(
            **_check_base(check),
            outcome=outcome,
            groups=tuple(groups),
            direct_passes=direct,
            direct_pass=direct_pass,
            failed=failed,
            near=_written(check.near),
        )

    # --- scores ---

    def _points(self, rule: ScoreRule) -> RuleResult:
        self.used = {}
        possible: list[Decimal] = []
        matched: list[int] = []
        unknown = False
        if rule.bands:
            # Every band is evaluated, so that the page shows every input; the first that holds counts.
            truths = [self._truth(band, rule.value) for band in rule.bands]
            for index, (band, truth) in enumerate(zip(rule.bands, truths, strict=True)):
                if truth is None:
                    unknown = True
                    possible.append(band.points)
                elif truth:
                    possible.append(band.points)
                    matched = [] if unknown else [index]
                    break
            else:
                possible.append(rule.otherwise)
            low, high = min(possible), max(possible)
        elif rule.items:
            held = ZERO
            open_points = ZERO
            for index, item in enumerate(rule.items):
                truth = self._truth(item, rule.value)
                if truth:
                    held += item.points
                    matched.append(index)
                elif truth is None:
                    unknown = True
                    open_points += item.points
            low, high = min(rule.max, held), min(rule.max, held + open_points)
        else:  # not scored
            low = high = ZERO
        inputs = tuple(self.used.values())
        if rule.not_scored:
            outcome, points = NOT_SCORED, None
        else:
            outcome, points = (UNKNOWN, None) if unknown else (SCORED, low)
        return RuleResult(
            code=rule.code,
            label=_written(rule.label),
            outcome=outcome,
            inputs=inputs,
            value=_written(rule.value) if rule.value else None,
            bands=tuple(_written(band) for band in rule.bands or rule.items or []),
            scoring="bands" if rule.bands else "items" if rule.items else "",
            otherwise=rule.otherwise if rule.bands else None,
            matched=tuple(matched),
            points=points,
            low=low,
            high=high,
            max_points=rule.max,
            group=rule.group,
            self_declared=rule.self_declared or any(used.self_declared for used in inputs),
            note=_written(rule.note) if rule.note else None,
            to_verify=_written(rule.to_verify) if rule.to_verify else None,
        )

    def _score(self, check: ScoreCheck) -> CheckResult:
        rules = [self._points(rule) for rule in check.rules]
        direct, direct_pass = self._direct(check.direct_passes)
        scored = [rule for rule in rules if rule.outcome != NOT_SCORED]
        low = sum((rule.low for rule in scored), ZERO)
        high = sum((rule.high for rule in scored), ZERO)
        complete = all(rule.outcome == SCORED for rule in scored)
        groups = []
        for group in check.groups:
            members = [rule for rule in scored if rule.group == group.code]
            group_low = sum((rule.low for rule in members), ZERO)
            group_high = sum((rule.high for rule in members), ZERO)
            group_complete = all(rule.outcome == SCORED for rule in members)
            enough = group_low >= group.minimum
            groups.append(
                GroupResult(
                    code=group.code,
                    label=_written(group.label),
                    outcome=PASS if enough else FAIL if group_high < group.minimum else UNKNOWN,
                    points=group_low if group_complete else None,
                    low=group_low,
                    high=group_high,
                    max_points=sum((rule.max_points for rule in members), ZERO),
                    minimum=group.minimum,
                )
            )

        def shortfall(total: Decimal, by_group: list[Decimal]) -> Decimal:
            gaps = [check.pass_total - total]
            gaps += [group.minimum - points for group, points in zip(check.groups, by_group, strict=True)]
            return max([ZERO, *gaps])

        at_low = shortfall(low, [group.low for group in groups])
        at_high = shortfall(high, [group.high for group in groups])
        margin = check.near.points or ZERO
        if direct_pass or at_low == 0:
            outcome = PASS
        elif at_high > margin:
            outcome = FAIL
        elif complete:
            outcome = NEAR
        else:
            outcome = UNKNOWN
        return CheckResult(
            **_check_base(check),
            outcome=outcome,
            groups=tuple(groups),
            rules=tuple(rules),
            direct_passes=direct,
            direct_pass=direct_pass,
            score=low if complete else None,
            low=low,
            high=high,
            max_score=sum((rule.max for rule in check.rules if not rule.not_scored), ZERO),
            pass_total=check.pass_total,
            near=_written(check.near),
        )


def _check_base(check) -> dict:
    return {
        "code": check.code,
        "kind": check.kind,
        "label": _written(check.label),
        "description": _written(check.description) if check.description else None,
        "basis": _written(check.basis) if check.basis else None,
        "to_verify": _written(check.to_verify) if check.to_verify else None,
    }
