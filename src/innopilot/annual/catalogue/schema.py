"""The indicator catalogue file's format (pydantic) and the checks pydantic cannot express.

``catalogue_parse(text, source=…)`` returns the validated file or raises ``CatalogueFileError`` listing
every problem as ``第N行第M列：…`` (``common.datafiles`` finds the lines). The stored JSON of cross-field
rules, ratios and plausibility parameters is made here too (``stored_*``), so the loader writes exactly
what ``annual.spec`` reads.
"""

import datetime
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, field_validator

from innopilot.annual.models import Indicator
from innopilot.common.datafiles import Check, DataFileError, Loc, parse_data_file

Unit = Indicator.Unit
# Units whose values are amounts: summed in cross-field rules, divided in ratios, totalled on overviews
# and compared with the previous year and the peers.
MEASURE_UNITS = (Unit.WAN_YUAN, Unit.COUNT, Unit.PERCENT)
RANGE_UNITS = (*MEASURE_UNITS, Unit.YEAR)
# Decimal places each unit allows, and the default when the file does not say.
MAX_DECIMALS = {Unit.WAN_YUAN: 2, Unit.PERCENT: 2}
CODE = r"^[a-z][a-z0-9_]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _text(max_length: int | None = None):
    return Annotated[str, Field(min_length=1, max_length=max_length)]


def _code(max_length: int):
    return Annotated[str, Field(pattern=CODE, max_length=max_length)]


Amount = Annotated[Decimal, Field(max_digits=16, decimal_places=2)]  # as IndicatorValue.number holds it


class Text(_Strict):
    zh: _text()
    en: str = ""


class Label(_Strict):
    zh: _text(200)
    en: Annotated[str, Field(max_length=200)] = ""


class GroupName(_Strict):
    zh: _text(64)
    en: Annotated[str, Field(max_length=128)] = ""


class ChoiceSchema(_Strict):
    value: Annotated[str, Field(pattern=r"^[A-Za-z0-9_]+$", max_length=32)]
    zh: _text(100)
    en: Annotated[str, Field(max_length=100)] = ""

    @field_validator("value", mode="before")
    @classmethod
    def _as_written(cls, value: Any) -> Any:
        # YAML reads an unquoted 3 as a number: a choice's value is the text as written.
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class IndicatorSchema(_Strict):
    code: _code(48)
    label: Label
    unit: Literal[tuple(Unit.values)]  # type: ignore[valid-type]
    help: Text
    required: bool = False
    min: Amount | None = None
    max: Amount | None = None
    decimal_places: Annotated[int, Field(ge=0, le=2)] | None = None
    choices: list[ChoiceSchema] | None = None
    is_key: bool = False
    checks_plausibility: bool = False
    self_declared: bool = False
    # The column each downstream programme gives this indicator, e.g. {"miit_tiers": "研发费用总额"}.
    downstream: dict[_code(32), _text(100)] = {}

    @property
    def places(self) -> int:
        if self.decimal_places is not None:
            return self.decimal_places
        return MAX_DECIMALS.get(self.unit, 0)


class GroupSchema(_Strict):
    code: _code(32)
    name: GroupName
    indicators: list[IndicatorSchema] = Field(min_length=1)


class CrossRuleSchema(_Strict):
    """``sum(left) op sum(right)``, e.g. rd_staff ≤ employees."""

    code: _code(64)
    left: list[str] = Field(min_length=1)
    op: Literal["le", "lt", "ge", "gt", "eq"]
    right: list[str] = Field(min_length=1)
    message: Text | None = None  # none: the generic message naming both sides


class RatioSchema(_Strict):
    """A derived percentage: ``ratio`` = sum(numerator) / sum(denominator); ``growth`` = the change of
    one indicator against the previous year (``years: 2``: the average of the last two yearly changes)."""

    code: _code(48)
    kind: Literal["ratio", "growth"]
    label: Label
    numerator: list[str] | None = None
    denominator: list[str] | None = None
    indicator: str | None = None
    years: Annotated[int, Field(ge=1, le=2)] | None = None


class PlausibilitySchema(_Strict):
    # A change of more than this fraction against the previous year is a warning (0.5 = 50%).
    change_ratio: Annotated[Decimal, Field(gt=0, max_digits=6, decimal_places=4)]
    low_percentile: Annotated[int, Field(ge=0, le=100)]
    high_percentile: Annotated[int, Field(ge=0, le=100)]
    min_peers: Annotated[int, Field(ge=1)]  # fewer reports in the division and year: no peer warning


class CatalogueFile(_Strict):
    urn: Annotated[str, Field(pattern=r"^urn:[a-z0-9][a-z0-9-]*:\S+$", max_length=200)]
    version: Annotated[int, Field(ge=1)]
    name: Label
    description: Text | None = None
    published_on: datetime.date | None = None
    plausibility: PlausibilitySchema
    groups: list[GroupSchema] = Field(min_length=1)
    cross_rules: list[CrossRuleSchema] = []
    ratios: list[RatioSchema] = []

    def indicators(self) -> Iterator[tuple[GroupSchema, IndicatorSchema, Loc]]:
        """Every indicator in file order with its group and its path in the file."""
        for group_index, group in enumerate(self.groups):
            for index, indicator in enumerate(group.indicators):
                yield group, indicator, ("groups", group_index, "indicators", index)


class CatalogueFileError(DataFileError):
    """A catalogue file that cannot be loaded: every problem, the first in the file first."""


# --- checks pydantic cannot express -----------------------------------------------------------------


def _check(catalogue: CatalogueFile) -> Check:
    indicators = list(catalogue.indicators())
    yield from _unique(
        ((group.code, ("groups", index, "code")) for index, group in enumerate(catalogue.groups)),
        _("group code %(code)s appears twice"),
    )
    yield from _unique(
        ((indicator.code, (*loc, "code")) for _group, indicator, loc in indicators),
        _("indicator code %(code)s appears twice"),
    )
    for _group, indicator, loc in indicators:
        yield from _check_indicator(indicator, loc)
    units = {indicator.code: indicator.unit for _group, indicator, _loc in indicators}
    yield from _unique(
        ((rule.code, ("cross_rules", index, "code")) for index, rule in enumerate(catalogue.cross_rules)),
        _("rule code %(code)s appears twice"),
    )
    for index, rule in enumerate(catalogue.cross_rules):
        yield from _check_rule(rule, ("cross_rules", index), units)
    yield from _unique(
        ((ratio.code, ("ratios", index, "code")) for index, ratio in enumerate(catalogue.ratios)),
        _("ratio code %(code)s appears twice"),
    )
    for index, ratio in enumerate(catalogue.ratios):
        yield from _check_ratio(ratio, ("ratios", index), units)
    plausibility = catalogue.plausibility
    if plausibility.low_percentile >= plausibility.high_percentile:
        yield ("plausibility", "high_percentile"), _("must be above the low percentile")


def _unique(codes: Iterable[tuple[str, Loc]], message: str) -> Check:
    """Each code's second and later appearances."""
    seen: set[str] = set()
    for code, loc in codes:
        if code in seen:
            yield loc, message % {"code": code}
        seen.add(code)


def _check_indicator(indicator: IndicatorSchema, loc: Loc) -> Check:
    unit, places = indicator.unit, indicator.places
    if indicator.decimal_places is not None and indicator.decimal_places > MAX_DECIMALS.get(unit, 0):
        yield (
            (*loc, "decimal_places"),
            _("a %(unit)s value has at most %(places)s decimal places")
            % {
                "unit": Unit(unit).label,
                "places": MAX_DECIMALS.get(unit, 0),
            },
        )
    if unit == Unit.CHOICE:
        choices = indicator.choices or []
        if len(choices) < 2:
            where = (*loc, "choices") if indicator.choices is not None else loc
            yield where, _("a choice needs at least two choices")
        yield from _unique(
            ((choice.value, (*loc, "choices", index, "value")) for index, choice in enumerate(choices)),
            _("choice %(code)s appears twice"),
        )
    elif indicator.choices is not None:
        yield (*loc, "choices"), _("only an indicator with the unit “choice” has choices")
    for bound in ("min", "max"):
        value = getattr(indicator, bound)
        if value is None:
            continue
        if unit not in RANGE_UNITS:
            yield (*loc, bound), _("only numbers and years have a range")
        elif value != round(value, places):
            yield (
                (*loc, bound),
                _("has more decimal places than the indicator (%(places)s)") % {"places": places},
            )
        elif unit == Unit.PERCENT and not 0 <= value <= 100:
            yield (*loc, bound), _("a percentage lies between 0 and 100")
        elif unit == Unit.COUNT and value < 0:
            yield (*loc, bound), _("a count is never negative")
    if indicator.min is not None and indicator.max is not None and indicator.min > indicator.max:
        yield (*loc, "max"), _("the maximum must not be below the minimum")
    for flag in ("is_key", "checks_plausibility"):
        if getattr(indicator, flag) and unit not in MEASURE_UNITS:
            yield (
                (*loc, flag),
                _("only amounts, counts and percentages can be %(what)s")
                % {"what": _("key indicators") if flag == "is_key" else _("checked for plausibility")},
            )


def _measures(codes: list[str], loc: Loc, units: dict[str, str]) -> Iterator[tuple[Loc, str]]:
    for index, code in enumerate(codes):
        if code not in units:
            yield (*loc, index), _("“%(code)s” is not an indicator of this catalogue") % {"code": code}
        elif units[code] not in MEASURE_UNITS:
            yield (*loc, index), _("“%(code)s” is not an amount, a count or a percentage") % {"code": code}


def _one_unit(codes: list[str], loc: Loc, units: dict[str, str], what: str) -> Check:
    found = {units[code] for code in codes if units.get(code) in MEASURE_UNITS}
    if len(found) > 1:
        yield (
            loc,
            _("%(what)s mixes units (%(units)s): compare like with like")
            % {
                "what": what,
                "units": ", ".join(sorted(str(Unit(unit).label) for unit in found)),
            },
        )


def _check_rule(rule: CrossRuleSchema, loc: Loc, units: dict[str, str]) -> Check:
    problems = [*_measures(rule.left, (*loc, "left"), units), *_measures(rule.right, (*loc, "right"), units)]
    yield from problems
    both = set(rule.left) & set(rule.right)
    if both:
        yield (*loc, "right"), _("%(codes)s stands on both sides") % {"codes": ", ".join(sorted(both))}
    if not problems:
        yield from _one_unit([*rule.left, *rule.right], loc, units, _("the rule"))


def _check_ratio(ratio: RatioSchema, loc: Loc, units: dict[str, str]) -> Check:
    if ratio.code in units:
        yield (*loc, "code"), _("%(code)s is already an indicator's code") % {"code": ratio.code}
    fields = {"ratio": ("numerator", "denominator"), "growth": ("indicator", "years")}
    for name in fields[ratio.kind]:
        if getattr(ratio, name) is None:
            yield loc, _("a %(kind)s needs “%(field)s”") % {"kind": ratio.kind, "field": name}
    for name in fields["growth" if ratio.kind == "ratio" else "ratio"]:
        if getattr(ratio, name) is not None:
            yield (*loc, name), _("a %(kind)s has no “%(field)s”") % {"kind": ratio.kind, "field": name}
    if ratio.kind == "ratio" and ratio.numerator and ratio.denominator:
        problems = [
            *_measures(ratio.numerator, (*loc, "numerator"), units),
            *_measures(ratio.denominator, (*loc, "denominator"), units),
        ]
        yield from problems
        if not problems:
            yield from _one_unit([*ratio.numerator, *ratio.denominator], loc, units, _("the ratio"))
    if ratio.kind == "growth" and ratio.indicator is not None:
        yield from _measures([ratio.indicator], (*loc, "indicator"), units)


def catalogue_parse(text: str, *, source: str) -> tuple[CatalogueFile, Any]:
    """The validated file and its raw data, or ``CatalogueFileError`` with every problem's line."""
    return parse_data_file(text, source=source, schema=CatalogueFile, check=_check, error=CatalogueFileError)


# --- what the catalogue row stores ------------------------------------------------------------------


def _text_or_empty(text: Text | None) -> dict[str, str]:
    return {"zh": text.zh, "en": text.en} if text else {"zh": "", "en": ""}


def stored_cross_rules(catalogue: CatalogueFile) -> list[dict]:
    return [
        {
            "code": rule.code,
            "left": rule.left,
            "op": rule.op,
            "right": rule.right,
            "message": _text_or_empty(rule.message),
        }
        for rule in catalogue.cross_rules
    ]


def stored_ratios(catalogue: CatalogueFile) -> list[dict]:
    rows = []
    for ratio in catalogue.ratios:
        row = {"code": ratio.code, "kind": ratio.kind, "label": {"zh": ratio.label.zh, "en": ratio.label.en}}
        if ratio.kind == "ratio":
            row.update(numerator=ratio.numerator, denominator=ratio.denominator)
        else:
            row.update(indicator=ratio.indicator, years=ratio.years)
        rows.append(row)
    return rows


def stored_plausibility(catalogue: CatalogueFile) -> dict:
    plausibility = catalogue.plausibility
    return {
        "change_ratio": str(plausibility.change_ratio),
        "low_percentile": plausibility.low_percentile,
        "high_percentile": plausibility.high_percentile,
        "min_peers": plausibility.min_peers,
    }
