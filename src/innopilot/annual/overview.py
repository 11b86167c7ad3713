"""Reads for the officials' overview of annual data: submission status by unit and year, and totals
and medians of the key indicators of one data year by unit or by industry — every figure computed in
SQL, so the page costs the same number of queries at any scale (17 for the city).

Definitions (shown on the page as well):

- **Expected** for data year Y: the unit's pilot enterprises confirmed in the campaign of year Y + 1
  or earlier. Year Y's data are reported during Y + 1, the year whose campaign (deadline in March)
  confirms that year's batch, so a new pilot enterprise reports the year before it joined. Like
  coverage (``pilots/coverage.py``), an enterprise counts for the unit that manages it today.
- **Not started**: expected enterprises without a report of that year. The status columns count
  every report in scope (also of enterprises not expected, which are rare: a report needs an account).
- **Late**: reports whose first submission came after the year's deadline (whatever their status now).
- **Counted** in totals and medians: submitted (awaiting review) and accepted reports by default, or
  accepted ones only. Reports in progress, returned or being corrected are left out: their values
  are not, or no longer, what the district has seen.
- **Median**: PostgreSQL's ``percentile_cont(0.5)`` (the mean of the two middle values for an even
  count), rounded to 2 decimals; SQLite has no percentile function, so there the same aggregate is a
  function registered on the connection (Django does the same for ``STDDEV_POP`` on SQLite).

Scale (``benchmarks/annual_overview.py``, 50,000 reports × 80 indicators): a year's key figures are
about 110,000 values. PostgreSQL reads them from the covering index ``indicator_value_key_figures``
and aggregates them by group and overall in one ``GROUPING SETS`` query; the page shows one
breakdown at a time (by unit or by industry), the export both.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import NotSupportedError, connections
from django.db.models import Aggregate, Count, DecimalField, F, Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.annual.models import AnnualReport, Indicator, IndicatorValue, ReportingYear
from innopilot.annual.years import deadline_passed
from innopilot.common.i18n import is_english
from innopilot.directory.models import IndustryDivision, IndustrySection, ManagingUnit

CENT = Decimal("0.01")
Status = AnnualReport.Status


# --- The median aggregate --------------------------------------------------------------------------


class _SqliteMedian:
    """SQLite aggregate: the exact median of the non-null values, rounded half up to 2 decimals."""

    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        if not self.values:
            return None
        self.values.sort()  # SQLite hands over its REAL values; only the middle ones become Decimal
        middle = len(self.values) // 2
        if len(self.values) % 2:
            median = Decimal(repr(self.values[middle]))
        else:
            median = (Decimal(repr(self.values[middle - 1])) + Decimal(repr(self.values[middle]))) / 2
        return float(median.quantize(CENT, ROUND_HALF_UP))


# percentile_cont works on double precision: back to numeric, rounded like the SQLite path.
PG_MEDIAN = "ROUND(CAST(PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY %(expressions)s) AS numeric), 2)"


class Median(Aggregate):
    """The median of a numeric column, rounded to 2 decimals (no ``filter=``: filter the queryset)."""

    name = "Median"
    function = "PERCENTILE_CONT"
    output_field = DecimalField(max_digits=18, decimal_places=2)

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError("Median is implemented for PostgreSQL and SQLite only.")

    def as_postgresql(self, compiler, connection, **extra_context):
        return Aggregate.as_sql(self, compiler, connection, template=PG_MEDIAN, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        connection.ensure_connection()
        connection.connection.create_aggregate("INNOPILOT_MEDIAN", 1, _SqliteMedian)
        return Aggregate.as_sql(self, compiler, connection, function="INNOPILOT_MEDIAN", **extra_context)


# --- Filters ----------------------------------------------------------------------------------------


class Basis:
    """Which reports the totals and medians count."""

    SUBMITTED = "submitted"  # submitted (awaiting review) and accepted
    ACCEPTED = "accepted"  # accepted only
    CHOICES = [
        (SUBMITTED, gettext_lazy("Submitted and accepted reports")),
        (ACCEPTED, gettext_lazy("Accepted reports only")),
    ]
    STATUSES = {SUBMITTED: (Status.SUBMITTED, Status.ACCEPTED), ACCEPTED: (Status.ACCEPTED,)}


@dataclass(frozen=True)
class OverviewFilters:
    year: int | None = None  # None: every year
    basis: str = Basis.SUBMITTED
    view: str = "unit"  # the page's indicator table: by "unit" or by "industry"
    section: str = ""  # a GB/T 4754 section letter: the industry table shows its divisions

    @property
    def statuses(self) -> tuple[str, ...]:
        return Basis.STATUSES.get(self.basis, Basis.STATUSES[Basis.SUBMITTED])


def overview_years(user: User) -> list[int]:
    """Years opened by the city or reported in the user's scope, newest first (one query)."""
    reported = access.annual_reports_visible_to(user).order_by().values_list("year")
    years = ReportingYear.objects.order_by().values_list("year").union(reported)
    return sorted((year for (year,) in years), reverse=True)


# --- Submission status -----------------------------------------------------------------------------


@dataclass
class StatusCounts:
    expected: int = 0
    expected_reported: int = 0  # expected enterprises that have a report, whatever its status
    expected_handed_in: int = 0  # … submitted, accepted or under correction
    draft: int = 0
    submitted: int = 0
    returned: int = 0
    accepted: int = 0
    correcting: int = 0
    late: int = 0

    @property
    def not_started(self) -> int:
        return max(0, self.expected - self.expected_reported)

    @property
    def reports(self) -> int:
        return self.draft + self.submitted + self.returned + self.accepted + self.correcting

    @property
    def handed_in_percent(self) -> Decimal | None:
        """Share of the expected enterprises whose report reached the district (and was not returned)."""
        if not self.expected:
            return None
        return (Decimal(100) * self.expected_handed_in / self.expected).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )

    @property
    def linked(self) -> list[tuple[str, int]]:
        """The counts of reports, by the status the officials' report list filters on, in column order."""
        return [
            (key, getattr(self, key))
            for key in ("draft", "submitted", "returned", "accepted", "correcting", "late")
        ]

    def add(self, other: "StatusCounts") -> None:
        for name in StatusCounts.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


HANDED_IN = (Status.SUBMITTED, Status.ACCEPTED, Status.CORRECTING)


@dataclass
class UnitStatus:
    unit: ManagingUnit | None  # None: the totals row
    counts: StatusCounts


@dataclass
class YearStatus:
    year: int
    reporting_year: ReportingYear | None
    counts: StatusCounts

    @property
    def deadline_passed(self) -> bool:
        return self.reporting_year is not None and deadline_passed(self.reporting_year)


@dataclass
class StatusOverview:
    years: list[int]  # the years counted
    by_unit: list[UnitStatus]
    total: StatusCounts
    by_year: list[YearStatus]


def _expected_by_unit_and_year(user: User, years: list[int]) -> dict[tuple[int, int], int]:
    """Pilot enterprises per unit confirmed in the campaign of each year + 1 or earlier (one query)."""
    confirmed = (
        access.pilots_visible_to(user)
        .order_by()
        .values_list("enterprise__managing_unit", "campaign__year")
        .annotate(count=Count("pk"))
    )
    expected: dict[tuple[int, int], int] = {}
    for unit, campaign_year, count in confirmed:
        for year in years:
            if campaign_year <= year + 1:
                expected[unit, year] = expected.get((unit, year), 0) + count
    return expected


def visible_units(user: User) -> list[ManagingUnit]:
    return list(access.units_visible_to(user).order_by("sort_order", "code"))


def status_overview(
    user: User, years: list[int], *, units: list[ManagingUnit] | None = None
) -> StatusOverview:
    """Counts per unit (every unit the user sees) and per year over ``years``, with the totals."""
    units = visible_units(user) if units is None else units
    expected_report = Q(enterprise__pilot__campaign__year__lte=F("year") + 1)
    rows = (
        access.annual_reports_visible_to(user)
        .filter(year__in=years)
        .order_by()
        .values_list("enterprise__managing_unit", "year", "status")
        .annotate(
            count=Count("pk"),
            late=Count("pk", filter=Q(is_late=True)),
            expected=Count("pk", filter=expected_report),
        )
    )
    cells: dict[tuple[int, int], StatusCounts] = {}
    for unit, year, status, count, late, expected in rows:
        counts = cells.setdefault((unit, year), StatusCounts())
        if status in Status.values:
            setattr(counts, status, getattr(counts, status) + count)
        counts.late += late
        counts.expected_reported += expected
        if status in HANDED_IN:
            counts.expected_handed_in += expected
    for (unit, year), count in _expected_by_unit_and_year(user, years).items():
        cells.setdefault((unit, year), StatusCounts()).expected = count

    visible = {unit.pk for unit in units}
    by_unit = {unit.pk: UnitStatus(unit, StatusCounts()) for unit in units}
    by_year = {year: StatusCounts() for year in years}
    for (unit, year), counts in cells.items():
        if unit in visible:  # an enterprise under a deactivated unit is left out with its unit
            by_unit[unit].counts.add(counts)
            by_year[year].add(counts)
    total = StatusCounts()
    for row in by_unit.values():
        total.add(row.counts)
    reporting_years = {
        ry.year: ry for ry in ReportingYear.objects.filter(year__in=years).select_related("catalogue")
    }
    return StatusOverview(
        years=years,
        by_unit=list(by_unit.values()),
        total=total,
        by_year=[YearStatus(year, reporting_years.get(year), by_year[year]) for year in years],
    )


def status_chart(overview: StatusOverview) -> dict:
    """Stacked bars per unit: each report status and the expected enterprises not started."""
    rows = overview.by_unit
    series = [
        (Status.ACCEPTED.label, "accepted"),
        (Status.SUBMITTED.label, "submitted"),
        (Status.CORRECTING.label, "correcting"),
        (Status.RETURNED.label, "returned"),
        (Status.DRAFT.label, "draft"),
        (_("not started"), "not_started"),
    ]
    return {
        "labels": [row.unit.name for row in rows],
        "series": [
            {"name": str(name), "key": key, "values": [getattr(row.counts, key) for row in rows]}
            for name, key in series
        ],
    }


# --- Key indicators --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyIndicator:
    code: str
    label_zh: str
    label_en: str
    unit: str
    decimal_places: int
    ids: tuple[int, ...] = ()  # this code's indicator in each catalogue the year uses

    @property
    def label(self) -> str:
        return (self.label_en or self.label_zh) if is_english() else self.label_zh

    @property
    def unit_label(self) -> str:
        return {Indicator.Unit.WAN_YUAN: _("10,000 yuan"), Indicator.Unit.PERCENT: "%"}.get(self.unit, "")

    @property
    def has_total(self) -> bool:
        """Money and counts add up; a share or a yes/no does not."""
        return self.unit in (Indicator.Unit.WAN_YUAN, Indicator.Unit.COUNT)

    @property
    def is_money(self) -> bool:
        return self.unit == Indicator.Unit.WAN_YUAN


def key_indicators(years: list[int]) -> list[KeyIndicator]:
    """The key indicators of the catalogues the years use (the year's own and its reports'), one per
    code, labelled as in the newest catalogue, in catalogue order (one query)."""
    used = Q(catalogue__in=AnnualReport.objects.filter(year__in=years).order_by().values("catalogue"))
    opened = Q(catalogue__in=ReportingYear.objects.filter(year__in=years).values("catalogue"))
    newest: dict[str, Indicator] = {}
    ids: dict[str, list[int]] = {}
    for indicator in Indicator.objects.filter(used | opened, is_key=True).order_by(
        "-catalogue_id", "sort_order"
    ):
        newest.setdefault(indicator.code, indicator)
        ids.setdefault(indicator.code, []).append(indicator.pk)
    return [
        KeyIndicator(i.code, i.label_zh, i.label_en, i.unit, i.decimal_places, tuple(ids[i.code]))
        for i in sorted(newest.values(), key=lambda indicator: indicator.sort_order)
    ]


@dataclass(frozen=True)
class Stat:
    total: Decimal | None
    median: Decimal | None
    count: int  # reports with a value


@dataclass(frozen=True)
class Cell:
    """One indicator's figures in one row, ready to show."""

    stat: Stat | None
    total: str
    median: str

    @classmethod
    def of(cls, stat: Stat | None, indicator: "KeyIndicator") -> "Cell":
        if stat is None:
            return cls(None, "—", "—")
        total = format_number(stat.total, indicator) if indicator.has_total else "—"
        return cls(stat, total, format_number(stat.median, indicator))


@dataclass
class StatRow:
    key: object  # a unit's pk, a section or division code; None for the totals row
    label: str
    reports: int = 0  # counted reports in the group
    stats: dict[str, Stat] = field(default_factory=dict)
    cells: list[Cell] = field(default_factory=list)  # aligned with the table's indicators


@dataclass
class IndicatorTable:
    dimension: str  # "unit", "section" or "division"
    indicators: list[KeyIndicator]
    rows: list[StatRow]
    total: StatRow | None = None

    @property
    def column_count(self) -> int:
        return 2 + 2 * len(self.indicators)

    def __post_init__(self):
        for row in [*self.rows, *([self.total] if self.total else [])]:
            row.cells = [Cell.of(row.stats.get(indicator.code), indicator) for indicator in self.indicators]


def _counted_reports(user: User, filters: OverviewFilters) -> QuerySet:
    return access.annual_reports_visible_to(user).filter(year=filters.year, status__in=filters.statuses)


def _key_values(user: User, filters: OverviewFilters, indicators: list[KeyIndicator]) -> QuerySet:
    """The numbers of the key indicators in the counted reports of the year.

    The indicators are named by id so that PostgreSQL reads them from the covering index
    ``indicator_value_key_figures`` alone; the city sees every unit and needs no scope filter
    (like ``pilots.coverage``)."""
    values = IndicatorValue.objects.filter(
        indicator__in=[pk for indicator in indicators for pk in indicator.ids],
        report__year=filters.year,
        report__status__in=filters.statuses,
        number__isnull=False,
    )
    if not access.sees_every_unit(user):
        values = values.filter(report__enterprise__in=access.enterprises_visible_to(user))
    return values.order_by()


def _quantized(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(CENT, ROUND_HALF_UP)


def _stats(values: QuerySet, group: str | None) -> dict[tuple[object, str], Stat]:
    """Total, median and count of each key indicator among ``values``, grouped by the report path
    ``group`` (or over all of them): one query."""
    keys = {"code": F("indicator__code")}
    if group:
        keys["group"] = F(f"report__{group}")
    rows = values.values(**keys).annotate(total=Sum("number"), median=Median("number"), count=Count("pk"))
    return {
        (row.get("group"), row["code"]): Stat(
            _quantized(row["total"]), _quantized(row["median"]), row["count"]
        )
        for row in rows
    }


def _stats_with_totals(
    values: QuerySet, group: str
) -> tuple[dict[tuple[object, str], Stat], dict[str, Stat]]:
    """``_stats`` by ``group`` and over everything, as (by group and code, by code).

    On PostgreSQL one query: the values are read once and ``GROUPING SETS`` aggregates them both
    ways (Django has no grouping sets, so the ORM's own query is wrapped); elsewhere two queries."""
    connection = connections[values.db]
    if connection.vendor != "postgresql":
        overall = {code: stat for (_none, code), stat in _stats(values, None).items()}
        return _stats(values, group), overall
    inner = values.values_list(F("indicator__code"), F(f"report__{group}"), "number")
    sql, params = inner.query.sql_with_params()
    median = PG_MEDIAN % {"expressions": "kv.number"}
    statement = (
        f"SELECT kv.code, kv.grp, GROUPING(kv.grp), SUM(kv.number), {median}, COUNT(*) "
        f"FROM ({sql}) AS kv(code, grp, number) "
        "GROUP BY GROUPING SETS ((kv.code, kv.grp), (kv.code))"
    )
    grouped, overall = {}, {}
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        for code, grp, is_overall, total, middle, count in cursor.fetchall():
            stat = Stat(_quantized(total), _quantized(middle), count)
            if is_overall:
                overall[code] = stat
            else:
                grouped[grp, code] = stat
    return grouped, overall


def _report_counts(reports: QuerySet, group: str | None) -> dict[object, int]:
    if group is None:
        return {None: reports.count()}
    return dict(reports.order_by().values_list(group).annotate(count=Count("pk")))


def _rows(stats: dict, counts: dict[object, int], labels: list[tuple[object, str]]) -> list[StatRow]:
    rows = {key: StatRow(key, label, counts.get(key, 0)) for key, label in labels}
    for (group, code), stat in stats.items():
        if group in rows:
            rows[group].stats[code] = stat
    return list(rows.values())


def _table(
    user: User,
    filters: OverviewFilters,
    indicators: list[KeyIndicator],
    *,
    dimension: str,
    group: str,
    labels: list[tuple[object, str]],
    total_label: str,
    values: QuerySet | None = None,
    reports: QuerySet | None = None,
) -> IndicatorTable:
    values = _key_values(user, filters, indicators) if values is None else values
    reports = _counted_reports(user, filters) if reports is None else reports
    grouped, overall = _stats_with_totals(values, group)
    rows = _rows(grouped, _report_counts(reports, group), labels)
    total = StatRow(None, total_label, reports.count(), overall)
    return IndicatorTable(dimension, indicators, rows, total)


def indicators_by_unit(
    user: User,
    filters: OverviewFilters,
    indicators: list[KeyIndicator],
    *,
    units: list[ManagingUnit] | None = None,
) -> IndicatorTable:
    """One row per unit the user sees (also those without counted reports), and the totals."""
    units = visible_units(user) if units is None else units
    return _table(
        user,
        filters,
        indicators,
        dimension="unit",
        group="enterprise__managing_unit",
        labels=[(unit.pk, unit.name) for unit in units],
        total_label=_("City-wide") if len(units) > 1 else _("Total"),
    )


def indicators_by_industry(
    user: User,
    filters: OverviewFilters,
    indicators: list[KeyIndicator],
    *,
    sections: list[IndustrySection] | None = None,
) -> IndicatorTable:
    """By GB/T 4754 section, or by the divisions of ``filters.section``; only industries with counted
    reports get a row (enterprises without an industry form their own), and the totals."""
    values, reports = _key_values(user, filters, indicators), _counted_reports(user, filters)
    # Grouped by ids named in the query (not joined through section codes): PostgreSQL then
    # estimates the rows well and keeps to the covering index. Rows show the codes.
    if filters.section:
        divisions = list(IndustryDivision.objects.filter(section__code=filters.section).order_by("code"))
        values = values.filter(report__enterprise__industry__in=divisions)
        reports = reports.filter(enterprise__industry__in=divisions)
        section = next((s for s in sections or [] if s.code == filters.section), None)
        group, dimension = "enterprise__industry", "division"
        industries = divisions
        labels = [(d.pk, f"{d.code} {d.name}") for d in divisions]
        total_label = f"{section.code} {section.name}" if section else filters.section
    else:
        sections = list(IndustrySection.objects.order_by("code")) if sections is None else sections
        group, dimension = "enterprise__industry__section", "section"
        industries = sections
        labels = [(s.pk, f"{s.code} {s.name}") for s in sections]
        labels.append((None, _("Industry not recorded")))
        total_label = _("All industries")
    table = _table(
        user,
        filters,
        indicators,
        dimension=dimension,
        group=group,
        labels=labels,
        total_label=total_label,
        values=values,
        reports=reports,
    )
    codes = {industry.pk: industry.code for industry in industries}
    for row in table.rows:
        row.key = codes.get(row.key)
    table.rows = [row for row in table.rows if row.reports]
    return table


# --- The page ---------------------------------------------------------------------------------------


class View:
    """What the page's indicator table is broken down by (the export has both)."""

    UNIT = "unit"
    INDUSTRY = "industry"
    CHOICES = [(UNIT, gettext_lazy("By managing unit")), (INDUSTRY, gettext_lazy("By industry"))]


@dataclass
class Overview:
    filters: OverviewFilters
    years: list[int]  # every year the user can choose, newest first
    status: StatusOverview
    reporting_year: ReportingYear | None
    indicators: list[KeyIndicator]  # of the chosen year; none for every year
    by_unit: IndicatorTable | None = None
    by_industry: IndicatorTable | None = None
    section: IndustrySection | None = None

    @property
    def basis_label(self) -> str:
        return str(dict(Basis.CHOICES)[self.filters.basis])


def overview_for(
    user: User,
    filters: OverviewFilters,
    *,
    years: list[int] | None = None,
    sections: list[IndustrySection] | None = None,
    tables: tuple[str, ...] | None = None,
) -> Overview:
    """The page (``tables`` the view chosen in ``filters``) or the export (both tables). Totals and
    medians need one data year: summed across years they would mean nothing."""
    years = overview_years(user) if years is None else years
    sections = list(IndustrySection.objects.order_by("code")) if sections is None else sections
    units = visible_units(user)
    status = status_overview(user, [filters.year] if filters.year else years, units=units)
    data = Overview(filters, years, status, reporting_year=None, indicators=[])
    data.section = next((s for s in sections if s.code == filters.section), None)
    if not filters.year:
        return data
    data.reporting_year = status.by_year[0].reporting_year
    data.indicators = key_indicators([filters.year])
    tables = (filters.view,) if tables is None else tables
    if View.UNIT in tables:
        data.by_unit = indicators_by_unit(user, filters, data.indicators, units=units)
    if View.INDUSTRY in tables:
        data.by_industry = indicators_by_industry(user, filters, data.indicators, sections=sections)
    return data


def format_number(value: Decimal | None, indicator: KeyIndicator) -> str:
    """万元 and percentages with 2 decimals, counts as whole numbers (a median may end in .5), with
    thousands separators in both languages (the Chinese locale has none, and these are large)."""
    if value is None:
        return "—"
    if indicator.unit in (Indicator.Unit.WAN_YUAN, Indicator.Unit.PERCENT):
        return f"{value:,.2f}"
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.1f}"
