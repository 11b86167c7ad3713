"""Derived ratios of a report (R&D intensity, debt ratio, invention share, growth, …), as the
catalogue defines them. Pure: values in, percentages out; a ratio whose inputs are missing (or whose
denominator is zero) has no value and says what it is waiting for."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from innopilot.annual.spec import CatalogueSpec, RatioSpec
from innopilot.annual.values import Value, total_of

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class RatioResult:
    code: str
    label: str
    value: Decimal | None  # a percentage with two decimals
    formula: str
    missing: tuple[str, ...] = ()  # what the ratio waits for, in words


def _labels(spec: CatalogueSpec, codes) -> str:
    by_code = spec.by_code
    return " + ".join(by_code[code].label if code in by_code else code for code in codes)


def _ratio(spec: CatalogueSpec, ratio: RatioSpec, values: Mapping[str, Value]) -> RatioResult:
    numerator, denominator = total_of(ratio.numerator, values), total_of(ratio.denominator, values)
    formula = f"{_labels(spec, ratio.numerator)} ÷ {_labels(spec, ratio.denominator)}"
    by_code = spec.by_code
    missing = tuple(
        by_code[code].label if code in by_code else code
        for code in ratio.numerator + ratio.denominator
        if values.get(code) is None
    )
    if numerator is None or denominator is None:
        return RatioResult(ratio.code, ratio.label, None, formula, missing)
    if denominator == 0:
        return RatioResult(
            ratio.code,
            ratio.label,
            None,
            formula,
            (_("%(name)s is zero") % {"name": _labels(spec, ratio.denominator)},),
        )
    return RatioResult(ratio.code, ratio.label, (numerator / denominator * HUNDRED).quantize(CENT), formula)


def _yearly_growth(current: Value, previous: Value) -> Decimal | None:
    if current is None or previous is None or isinstance(current, str) or isinstance(previous, str):
        return None
    if previous <= 0:
        return None
    return (current / previous - 1) * HUNDRED


def _growth(
    spec: CatalogueSpec,
    ratio: RatioSpec,
    values: Mapping[str, Value],
    history: Mapping[int, Mapping[str, Value]],
    year: int,
) -> RatioResult:
    label = _labels(spec, (ratio.indicator,))
    series = {year: values.get(ratio.indicator)} | {
        earlier: history.get(earlier, {}).get(ratio.indicator) for earlier in range(year - ratio.years, year)
    }
    if ratio.years == 1:
        formula = _("%(name)s of %(year)s ÷ that of %(previous)s − 1") % {
            "name": label,
            "year": year,
            "previous": year - 1,
        }
    else:
        formula = _("average of the yearly growths of %(name)s over %(first)s–%(year)s") % {
            "name": label,
            "first": year - ratio.years,
            "year": year,
        }
    missing = tuple(
        _("%(name)s of %(year)s") % {"name": label, "year": each}
        for each in sorted(series)
        if series[each] is None
    )
    growths = [
        _yearly_growth(series[each], series[each - 1]) for each in range(year - ratio.years + 1, year + 1)
    ]
    if missing or any(growth is None for growth in growths):
        if not missing:
            missing = (_("%(name)s above zero in the earlier years") % {"name": label},)
        return RatioResult(ratio.code, ratio.label, None, formula, missing)
    average = sum(growths, Decimal(0)) / len(growths)
    return RatioResult(ratio.code, ratio.label, average.quantize(CENT), formula)


def derived_ratios(
    spec: CatalogueSpec,
    values: Mapping[str, Value],
    history: Mapping[int, Mapping[str, Value]],
    year: int,
) -> list[RatioResult]:
    """Every ratio of the catalogue for one report, in catalogue order. ``history`` holds the
    enterprise's other years' values by year (``values.history_of``), for growth."""
    return [
        _ratio(spec, ratio, values) if ratio.kind == "ratio" else _growth(spec, ratio, values, history, year)
        for ratio in spec.ratios
    ]


def ratio_values(
    spec: CatalogueSpec, values: Mapping[str, Value], history: Mapping[int, Mapping[str, Value]], year: int
) -> dict[str, Decimal | None]:
    return {result.code: result.value for result in derived_ratios(spec, values, history, year)}
