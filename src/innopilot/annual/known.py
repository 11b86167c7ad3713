"""The values we already know for a report, to prefill its Excel template.

The rule, in one place:

1. A report that holds any value: its own values, as they stand.
2. An empty report: the values of the enterprise's latest earlier report, but only for indicators that
   usually carry over from one year to the next —
   - settings and statuses: choices, yes/no answers, texts and years (ownership, listing, GB/T 29490
     certificate and its expiry, R&D institution, IP strategy, …);
   - year-end stocks: the indicators of the group ``patent_stock`` (valid patents, high-value
     inventions, main-product IP), which change by the year's flow, not from zero.
   Flows of the year (revenue, expenses, applications, grants, licences, cases) and counts that change
   every year (employees, years in the niche) are never carried over. A carried value must still be
   valid in the report's catalogue (a retired choice is dropped), and the template says which values
   came from which year so the enterprise checks them.
3. Otherwise nothing.

Unlike the history that change warnings and growth compare with (``values.history_of``: settled years
only), the earlier report counts whatever its status: the template goes to the enterprise itself, the
carried values are marked to be checked, and a draft's or a correction's current values are the
enterprise's latest word on its settings — better than none, or than the version being corrected.
"""

from dataclasses import dataclass, field

from innopilot.annual.models import AnnualReport, Indicator, IndicatorValue
from innopilot.annual.spec import CatalogueSpec, IndicatorSpec, catalogue_spec
from innopilot.annual.values import Value, ValueProblem, parse_value, values_of

CARRY_OVER_UNITS = frozenset(
    {Indicator.Unit.CHOICE, Indicator.Unit.YES_NO, Indicator.Unit.TEXT, Indicator.Unit.YEAR}
)
CARRY_OVER_GROUPS = frozenset({"patent_stock"})


def carries_over(indicator: IndicatorSpec) -> bool:
    """A setting or a year-end stock: last year's value is a good first guess for this year."""
    return indicator.unit in CARRY_OVER_UNITS or indicator.group_code in CARRY_OVER_GROUPS


@dataclass(frozen=True)
class KnownValues:
    values: dict[str, Value] = field(default_factory=dict)
    # The year the carried values come from (None: the report's own values, or nothing known).
    carried_from: int | None = None

    @property
    def carried(self) -> frozenset[str]:
        """Codes whose value was copied from an earlier year."""
        return frozenset(self.values) if self.carried_from is not None else frozenset()


def _latest_earlier(report: AnnualReport) -> tuple[int, dict[str, Value]] | None:
    """The enterprise's latest earlier year that holds values, by indicator code (one query)."""
    rows = (
        IndicatorValue.objects.filter(report__enterprise=report.enterprise_id, report__year__lt=report.year)
        .order_by("-report__year")
        .values_list("report__year", "indicator__code", "number", "text")
    )
    year, values = None, {}
    for row_year, code, number, text in rows:
        if year is None:
            year = row_year
        elif row_year != year:
            break
        value = number if number is not None else (text or None)
        if value is not None:
            values[code] = value
    return (year, values) if year is not None else None


def _still_valid(indicator: IndicatorSpec, value: Value) -> Value:
    try:
        return parse_value(indicator, value)
    except ValueProblem:
        return None


def known_values(report: AnnualReport, spec: CatalogueSpec | None = None) -> KnownValues:
    spec = spec or catalogue_spec(report.catalogue)
    own = values_of(report, spec)
    if own:
        return KnownValues(own)
    earlier = _latest_earlier(report)
    if earlier is None:
        return KnownValues()
    year, previous = earlier
    carried = {}
    for indicator in spec.indicators:
        if indicator.code in previous and carries_over(indicator):
            value = _still_valid(indicator, previous[indicator.code])
            if value is not None:
                carried[indicator.code] = value
    return KnownValues(carried, carried_from=year) if carried else KnownValues()
