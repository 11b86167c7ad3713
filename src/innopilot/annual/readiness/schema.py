"""The readiness ruleset file's format (pydantic), the checks pydantic cannot express, and where each
problem is (line and column, through the standard library's location helpers).

A ruleset is a list of checks. Each check is one of three kinds:

- ``size_class``: SME size by industry (工信部联企业〔2011〕300号): per sector the lower limits of each
  measure for the large, medium and small classes; below small is micro.
- ``conditions``: groups of rules, every group must hold; a group (or the whole check) may also be
  met by a direct pass.
- ``score``: point rules (bands or items), a total with minimums per score group, and direct passes.

Rules are conditions over operands (an indicator or a sum of indicators, a derived ratio, a quotient
computed here, a fact about the enterprise) over one or more years; ``engine.py`` evaluates them.
"""

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from innopilot.common.datafiles import DataFileError, Loc, parse_data_file
from innopilot.standards.schema import ShortText, Text

Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=48)]
Amount = Annotated[Decimal, Field(max_digits=16, decimal_places=2)]
Points = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
MAX_YEARS = 5  # the longest window a rule looks back over (this year and four before)
SIZE_CLASSES = ("large", "medium", "small")  # below "small" is micro
COMPARISONS = ("at_least", "more_than", "at_most", "less_than", "equals", "one_of")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)


class Quotient(_Strict):
    """100 × Σ numerator / Σ denominator over the operand's years (a percentage)."""

    numerator: list[Code] = Field(min_length=1)
    denominator: list[Code] = Field(min_length=1)
    when_zero: Amount | None = None  # the value when the denominator is zero (else: not computable)


class Operand(_Strict):
    """What a rule compares: exactly one of indicator (codes, summed), ratio, quotient or fact."""

    indicator: list[Code] | None = None
    ratio: Code | None = None
    quotient: Quotient | None = None
    fact: Literal["established_years"] | None = None
    years: Annotated[int, Field(ge=1, le=MAX_YEARS)] = 1  # this year and the years before it
    combine: Literal["sum", "mean", "min", "max"] | None = None  # how the years' values become one
    min_years: Annotated[int, Field(ge=1, le=MAX_YEARS)] | None = None  # default: every year
    missing_as_zero: bool = False  # an empty optional count means none
    label: Text | None = None

    @field_validator("indicator", mode="before")
    @classmethod
    def _one_code_as_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @property
    def form(self) -> str | None:
        forms = [
            name for name in ("indicator", "ratio", "quotient", "fact") if getattr(self, name) is not None
        ]
        return forms[0] if len(forms) == 1 else None


class Condition(_Strict):
    """A comparison (``value`` with one comparison), a combination (``all``, ``any``, ``cases``), a
    qualification held today, or another check's outcome."""

    label: Text | None = None
    value: Operand | None = None
    at_least: Amount | None = None
    more_than: Amount | None = None
    at_most: Amount | None = None
    less_than: Amount | None = None
    equals: Amount | bool | None = None  # yes/no indicators: true / false
    one_of: list[str] | None = Field(None, alias="in", min_length=1)  # choice values
    all_of: list["Condition"] | None = Field(None, alias="all", min_length=1)
    any_of: list["Condition"] | None = Field(None, alias="any", min_length=1)
    cases: list["Case"] | None = Field(None, min_length=1)
    qualification: list[Code] | None = Field(None, min_length=1)  # any of these types, held today
    check: Code | None = None  # an earlier check of the ruleset
    outcomes: list[Literal["pass", "near", "fail", "unknown"]] = Field(default=["pass"], min_length=1)

    @field_validator("one_of", mode="before")
    @classmethod
    def _as_words(cls, values: Any) -> Any:
        # YAML 1.1 reads an unquoted 3 as a number and yes as true: choice values are text.
        if not isinstance(values, list):
            return values
        return [str(v).lower() if isinstance(v, bool) else str(v) for v in values]

    @property
    def comparisons(self) -> list[str]:
        return [name for name in COMPARISONS if getattr(self, name) is not None]

    @property
    def forms(self) -> list[str]:
        forms = ["comparison"] if self.comparisons else []
        return forms + [
            name for name in ("all_of", "any_of", "cases", "qualification", "check") if getattr(self, name)
        ]


class Case(_Strict):
    when: Condition
    then: Condition


class Rule(Condition):
    """A row of a check: its own words, and marks for what the reader should know about it."""

    code: Code
    label: Text  # type: ignore[assignment]  # required on a rule
    note: Text | None = None
    to_verify: Text | None = None  # an assumption an official should check (domain.md "to verify")
    self_declared: bool = False  # mark the rule self-declared whatever its inputs
    threshold: Text | None = None  # the threshold in words, where the generated words would not do


class Band(Condition):
    points: Points


class ScoreRule(_Strict):
    """Points from the first band that holds (else ``otherwise``), or the sum of the items that hold
    (at most ``max``). ``value`` is the operand of comparisons that name none. A rule that is
    ``not_scored`` (its indicators are not known yet) is shown, worth nothing."""

    code: Code
    label: Text
    group: Code | None = None
    max: Points
    value: Operand | None = None
    bands: list[Band] | None = Field(None, min_length=1)
    items: list[Band] | None = Field(None, min_length=1)
    otherwise: Points = Decimal(0)
    not_scored: bool = False
    note: Text | None = None
    to_verify: Text | None = None
    self_declared: bool = False


class Near(_Strict):
    """How close counts as "nearly passes": points short of every minimum (score checks) or rules
    failed (condition checks)."""

    points: Points | None = None
    failed_rules: Annotated[int, Field(ge=0)] | None = None


class _CheckBase(_Strict):
    code: Code
    label: ShortText
    description: Text | None = None
    basis: Text | None = None  # the regulation the check follows
    to_verify: Text | None = None


class Sector(_Strict):
    code: Code
    label: ShortText
    sections: list[Annotated[str, Field(pattern=r"^[A-T]$")]] = []
    divisions: list[Annotated[str, Field(pattern=r"^\d\d$")]] = []  # before sections: more precise
    large: dict[Code, Amount]
    medium: dict[Code, Amount]
    small: dict[Code, Amount]
    to_verify: Text | None = None


class SizeClassCheck(_CheckBase):
    kind: Literal["size_class"]
    measures: dict[Code, Operand] = Field(min_length=1)
    sectors: list[Sector] = Field(min_length=1)


class Group(_Strict):
    code: Code
    label: ShortText
    require: Literal["all", "any"] = "all"
    rules: list[Rule] = Field(min_length=1)
    direct_passes: list[Rule] = []
    to_verify: Text | None = None


class ConditionsCheck(_CheckBase):
    kind: Literal["conditions"]
    groups: list[Group] = Field(min_length=1)
    direct_passes: list[Rule] = []
    near: Near = Near(failed_rules=1)


class ScoreGroup(_Strict):
    code: Code
    label: ShortText
    minimum: Points = Decimal(0)


class ScoreCheck(_CheckBase):
    kind: Literal["score"]
    groups: list[ScoreGroup] = []
    rules: list[ScoreRule] = Field(min_length=1)
    pass_total: Points
    direct_passes: list[Rule] = []
    near: Near = Near(points=Decimal(10))


Condition.model_rebuild()
Rule.model_rebuild()
Band.model_rebuild()

AnyCheck = Annotated[SizeClassCheck | ConditionsCheck | ScoreCheck, Field(discriminator="kind")]
KINDS = ("size_class", "conditions", "score")


class RulesetFile(_Strict):
    urn: Annotated[str, Field(pattern=r"^urn:[a-z0-9][a-z0-9-]*:\S+$", max_length=200)]
    version: Annotated[int, Field(ge=1)]
    name: ShortText
    description: Text | None = None
    checks: list[AnyCheck] = Field(min_length=1)


# --- checks pydantic cannot express -----------------------------------------------------------------


def _check(ruleset: RulesetFile) -> Iterator[tuple[Loc, str]]:
    seen: set[str] = set()
    for index, check in enumerate(ruleset.checks):
        loc = ("checks", index)
        if check.code in seen:
            yield (*loc, "code"), _("check code %(code)s appears twice") % {"code": check.code}
        if isinstance(check, SizeClassCheck):
            yield from _check_size(check, loc)
        elif isinstance(check, ConditionsCheck):
            yield from _check_conditions(check, loc, seen)
        else:
            yield from _check_score(check, loc, seen)
        seen.add(check.code)


def _check_size(check: SizeClassCheck, loc: Loc) -> Iterator[tuple[Loc, str]]:
    for name, operand in check.measures.items():
        yield from _check_operand(operand, (*loc, "measures", name))
    sections: set[str] = set()
    divisions: set[str] = set()
    for index, sector in enumerate(check.sectors):
        sloc = (*loc, "sectors", index)
        if not sector.sections and not sector.divisions:
            yield sloc, _("a sector needs GB/T 4754 sections or divisions")
        for field, codes, taken in (
            ("sections", sector.sections, sections),
            ("divisions", sector.divisions, divisions),
        ):
            for position, code in enumerate(codes):
                if code in taken:
                    yield (
                        (*sloc, field, position),
                        _("%(code)s belongs to an earlier sector") % {"code": code},
                    )
                taken.add(code)
        limits = [getattr(sector, size) for size in SIZE_CLASSES]
        for size, measures in zip(SIZE_CLASSES, limits, strict=True):
            for name in measures:
                if name not in check.measures:
                    yield (
                        (*sloc, size, name),
                        _("“%(name)s” is not one of the check's measures") % {"name": name},
                    )
        if not (set(limits[0]) == set(limits[1]) == set(limits[2])) or not limits[0]:
            yield sloc, _("large, medium and small need limits for the same measures")
            continue
        for size, upper, lower in (
            (SIZE_CLASSES[1], limits[0], limits[1]),
            (SIZE_CLASSES[2], limits[1], limits[2]),
        ):
            for name, limit in lower.items():
                if limit >= upper[name]:
                    yield (*sloc, size, name), _("each class's limit must be below the larger class's")


def _check_conditions(check: ConditionsCheck, loc: Loc, earlier: set[str]) -> Iterator[tuple[Loc, str]]:
    if check.near.points is not None:
        yield (*loc, "near", "points"), _("a condition check counts failed rules, not points")
    if check.near.failed_rules is None:
        yield (*loc, "near"), _("“%(field)s” is required") % {"field": "failed_rules"}
    codes: set[str] = set()
    for index, group in enumerate(check.groups):
        gloc = (*loc, "groups", index)
        if group.code in codes:
            yield (*gloc, "code"), _("group code %(code)s appears twice") % {"code": group.code}
        codes.add(group.code)
        yield from _check_rules(group.rules, (*gloc, "rules"), codes, earlier)
        yield from _check_rules(group.direct_passes, (*gloc, "direct_passes"), codes, earlier)
    yield from _check_rules(check.direct_passes, (*loc, "direct_passes"), codes, earlier)


def _check_score(check: ScoreCheck, loc: Loc, earlier: set[str]) -> Iterator[tuple[Loc, str]]:
    if check.near.failed_rules is not None:
        yield (*loc, "near", "failed_rules"), _("a score check counts points, not failed rules")
    if check.near.points is None:
        yield (*loc, "near"), _("“%(field)s” is required") % {"field": "points"}
    groups = {group.code for group in check.groups}
    codes: set[str] = set()
    total = Decimal(0)
    for index, rule in enumerate(check.rules):
        rloc = (*loc, "rules", index)
        if rule.code in codes:
            yield (*rloc, "code"), _("rule code %(code)s appears twice") % {"code": rule.code}
        codes.add(rule.code)
        if rule.group is not None and rule.group not in groups:
            yield (*rloc, "group"), _("“%(code)s” is not one of the check's groups") % {"code": rule.group}
        total += rule.max
        if rule.value is not None:
            yield from _check_operand(rule.value, (*rloc, "value"))
        yield from _check_score_rule(rule, rloc, earlier)
    if total != 100:
        yield (*loc, "rules"), _("the rules' maximum points add up to %(total)s, not 100") % {"total": total}
    if check.pass_total > total:
        yield (*loc, "pass_total"), _("more points than the rules can give")
    for index, group in enumerate(check.groups):
        reachable = sum(
            (r.max for r in check.rules if r.group == group.code and not r.not_scored), Decimal(0)
        )
        if group.minimum > reachable:
            yield (*loc, "groups", index, "minimum"), _("more points than the group's rules can give")
    yield from _check_rules(check.direct_passes, (*loc, "direct_passes"), codes, earlier)


def _check_score_rule(rule: ScoreRule, loc: Loc, earlier: set[str]) -> Iterator[tuple[Loc, str]]:
    if rule.not_scored:
        if rule.bands or rule.items:
            yield loc, _("a rule that is not scored has neither bands nor items")
        return
    if (rule.bands is None) == (rule.items is None):
        yield loc, _("a scored rule needs either bands or items")
        return
    field = "bands" if rule.bands is not None else "items"
    for index, band in enumerate(rule.bands or rule.items or []):
        bloc = (*loc, field, index)
        if band.points > rule.max and field == "bands":
            yield (*bloc, "points"), _("more points than the rule's maximum")
        yield from _check_condition(band, bloc, earlier, default=rule.value)
    if rule.otherwise > rule.max:
        yield (*loc, "otherwise"), _("more points than the rule's maximum")
    if field == "items" and sum((item.points for item in rule.items or []), Decimal(0)) < rule.max:
        yield (*loc, "items"), _("the items cannot reach the rule's maximum")


def _check_rules(
    rules: list[Rule], loc: Loc, codes: set[str], earlier: set[str]
) -> Iterator[tuple[Loc, str]]:
    for index, rule in enumerate(rules):
        rloc = (*loc, index)
        if rule.code in codes:
            yield (*rloc, "code"), _("rule code %(code)s appears twice") % {"code": rule.code}
        codes.add(rule.code)
        yield from _check_condition(rule, rloc, earlier)


def _check_condition(
    condition: Condition, loc: Loc, earlier: set[str], default: Operand | None = None
) -> Iterator[tuple[Loc, str]]:
    forms = condition.forms
    if len(forms) != 1:
        yield (
            loc,
            _(
                "a condition is exactly one of: a comparison (value with at_least, more_than, at_most, "
                "less_than, equals or in), all, any, cases, qualification, check"
            ),
        )
        return
    form = forms[0]
    if form == "comparison":
        if len(condition.comparisons) > 1:
            yield loc, _("one comparison per condition: combine several with “all”")
        operand = condition.value or default
        if operand is None:
            yield loc, _("a comparison needs a “value”")
        else:
            if condition.value is not None:  # a rule's own value is checked once, with the rule
                yield from _check_operand(operand, (*loc, "value"))
            numeric = operand.form != "indicator" or operand.years > 1 or len(operand.indicator or []) > 1
            if condition.one_of is not None and numeric:
                yield (*loc, "in"), _("“in” compares the choice of one indicator in one year")
    elif condition.value is not None:
        yield (*loc, "value"), _("only a comparison has a “value”")
    if form == "check" and condition.check not in earlier:
        yield (
            (*loc, "check"),
            _("the check must name an earlier check, not %(code)s") % {"code": condition.check},
        )
    for name, alias in (("all_of", "all"), ("any_of", "any")):
        for index, part in enumerate(getattr(condition, name) or []):
            yield from _check_condition(part, (*loc, alias, index), earlier, default)
    for index, case in enumerate(condition.cases or []):
        yield from _check_condition(case.when, (*loc, "cases", index, "when"), earlier, default)
        yield from _check_condition(case.then, (*loc, "cases", index, "then"), earlier, default)


def _check_operand(operand: Operand, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if operand.form is None:
        yield loc, _("a value is exactly one of: indicator, ratio, quotient, fact")
        return
    if operand.form == "quotient":
        if operand.combine is not None:
            yield (*loc, "combine"), _("a quotient over several years is the quotient of the totals")
    elif operand.years > 1 and operand.combine is None:
        yield (*loc, "years"), _("several years need “combine”: sum, mean, min or max")
    elif operand.years == 1 and operand.combine is not None:
        yield (*loc, "combine"), _("“combine” needs several years")
    if operand.form == "fact" and operand.years > 1:
        yield (*loc, "years"), _("a fact about the enterprise has no years")
    if operand.min_years is not None and operand.min_years > operand.years:
        yield (*loc, "min_years"), _("more years than the window holds")
    if operand.missing_as_zero and operand.form not in ("indicator", "quotient"):
        yield (*loc, "missing_as_zero"), _("only reported values can count as zero when empty")


# --- parsing ------------------------------------------------------------------------------------------


class RulesetFileError(DataFileError):
    """A ruleset file that cannot be loaded: every problem with its line and column."""


def _in_file_terms(error: dict) -> dict:
    """A pydantic error as the file reads: the check kind's tag pydantic inserts after ``checks, n``
    is not in the file, and an unknown kind is a choice among the kinds."""
    loc = list(error["loc"])
    if error["type"] in ("union_tag_not_found", "union_tag_invalid"):
        expected = ", ".join(f"'{kind}'" for kind in KINDS)
        return {
            "type": "literal_error",
            "loc": (*loc, "kind"),
            "input": error["input"],
            "ctx": {"expected": expected},
        }
    if len(loc) > 2 and loc[0] == "checks" and loc[2] in KINDS:
        del loc[2]
    details = {"type": error["type"], "loc": tuple(loc), "input": error["input"]}
    if "ctx" in error:
        details["ctx"] = error["ctx"]
    return details


class _AsWritten:
    """``RulesetFile`` for ``parse_data_file``, with its errors' paths in the file's terms."""

    @staticmethod
    def model_validate(raw: Any) -> "RulesetFile":
        try:
            return RulesetFile.model_validate(raw)
        except ValidationError as error:
            details = [_in_file_terms(e) for e in error.errors()]
            raise ValidationError.from_exception_data(error.title, details) from None


def _unknown_qualifications(ruleset: RulesetFile, known: set[str]) -> Iterator[tuple[Loc, str]]:
    def walk(node, loc: Loc) -> Iterator[tuple[Loc, str]]:
        if isinstance(node, dict):
            for index, code in enumerate(node.get("qualification") or []):
                if code not in known:
                    yield (
                        (*loc, "qualification", index),
                        _("unknown qualification type “%(code)s”") % {"code": code},
                    )
            for key, value in node.items():
                yield from walk(value, (*loc, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, (*loc, index))

    yield from walk(ruleset.model_dump(by_alias=True, exclude_none=True), ())


def ruleset_parse(
    text: str, *, source: str, qualifications: set[str] | None = None
) -> tuple[RulesetFile, Any]:
    """The validated ruleset and its raw data, or ``RulesetFileError`` with every problem's line.
    ``qualifications``: the directory's qualification type codes the rules may name (unchecked if None)."""

    def check(ruleset: RulesetFile) -> Iterator[tuple[Loc, str]]:
        yield from _check(ruleset)
        if qualifications is not None:
            yield from _unknown_qualifications(ruleset, qualifications)

    return parse_data_file(text, source=source, schema=_AsWritten, check=check, error=RulesetFileError)


def ruleset_from_content(content: dict) -> RulesetFile:
    """A loaded ruleset (``ReadinessRuleset.content``, validated when it was loaded)."""
    return RulesetFile.model_validate(content)
