"""Plausibility warnings: values that look unusual without being wrong. They never block a
submission; the enterprise explains or confirms each one and the district reads the answer.

Two checks per indicator marked ``checks_plausibility`` (the catalogue's parameters):

- **change**: the value moved by more than ``change_ratio`` (50 %) against the enterprise's previous
  year. Only against a previous value above zero: a change from 0 (or from a loss) has no meaningful
  ratio, so it is left to the peer check.
- **peers**: the value lies outside the [low, high] percentile band (5th–95th) of the reports of the
  same industry division and year. A division-year with fewer than ``min_peers`` reports has no band;
  then last year's band is used, and without one there is no peer warning.

Peer bands (``PeerBand``) are recomputed from submitted and accepted reports after each submission
and after a rejected correction brings the accepted values back (a background task), and by
``innopilot annual peers``.
"""

import itertools
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db import connection, models, transaction
from django.db.models import Count
from django.utils import timezone
from django_tasks import task

from innopilot.annual.models import (
    AnnualReport,
    IndicatorCatalogue,
    IndicatorValue,
    PeerBand,
    PlausibilityWarning,
    ReportingYear,
)
from innopilot.annual.spec import CatalogueSpec, catalogue_spec
from innopilot.annual.values import SETTLED, Value, history_of, values_of

Kind = PlausibilityWarning.Kind
CENT = Decimal("0.01")
HUNDRED = Decimal(100)
# Reports whose values describe the division are the settled ones (``values.SETTLED``): what the
# enterprise stands by and the district has (or will) read; not drafts, returned reports or
# corrections in progress.


# --- Warnings of one report ----------------------------------------------------------------------------


def _bands(report: AnnualReport, codes: list[str], min_peers: int) -> dict[str, PeerBand]:
    """The band each code is compared with: this year's, else last year's (one query)."""
    rows = PeerBand.objects.filter(
        division__enterprises=report.enterprise_id,
        year__in=(report.year, report.year - 1),
        indicator_code__in=codes,
        peers__gte=min_peers,
    ).order_by("year")  # this year's last, so it wins
    return {band.indicator_code: band for band in rows}


def expected_warnings(
    spec: CatalogueSpec,
    indicators,
    values: Mapping[str, Value],
    previous: Mapping[str, Value],
    bands: Mapping[str, PeerBand],
    year: int,
) -> dict[tuple[int, str], tuple[Decimal, dict]]:
    """(indicator pk, kind) → (value, what it was compared with) for every warning the values call for."""
    ratio = spec.plausibility.change_ratio
    expected = {}
    for indicator in indicators:
        value = values.get(indicator.code)
        if not isinstance(value, Decimal):
            continue
        before = previous.get(indicator.code)
        if isinstance(before, Decimal) and before > 0 and abs(value - before) > ratio * before:
            change = ((value - before) / before * HUNDRED).quantize(CENT)
            reference = {"previous": str(before), "previous_year": year - 1, "change": str(change)}
            expected[(indicator.pk, Kind.CHANGE)] = (value, reference)
        band = bands.get(indicator.code)
        if band is not None and not band.low <= value <= band.high:
            reference = {"low": str(band.low), "high": str(band.high), "peers": band.peers, "year": band.year}
            expected[(indicator.pk, Kind.PEERS)] = (value, reference)
    return expected


def refresh_warnings(
    report: AnnualReport, values: Mapping[str, Value] | None = None, codes: Iterable[str] | None = None
) -> list[PlausibilityWarning]:
    """Recompute the report's warnings (only those of ``codes`` when given). A warning whose value did
    not change keeps its answer; one whose value changed loses it; one that no longer applies goes.
    Returns the current warnings of the indicators refreshed, in the catalogue's order."""
    spec = catalogue_spec(report.catalogue)
    wanted = None if codes is None else set(codes)
    indicators = [
        indicator
        for indicator in spec.indicators
        if indicator.checks_plausibility
        and indicator.is_numeric
        and (wanted is None or indicator.code in wanted)
    ]
    if not indicators:
        return []
    values = values_of(report, spec) if values is None else values
    previous = history_of(report).get(report.year - 1, {})
    bands = _bands(report, [indicator.code for indicator in indicators], spec.plausibility.min_peers)
    expected = expected_warnings(spec, indicators, values, previous, bands, report.year)
    existing = {
        (warning.indicator_id, warning.kind): warning
        for warning in PlausibilityWarning.objects.filter(
            report=report, indicator__in=[indicator.pk for indicator in indicators]
        )
    }
    for key in existing.keys() - expected.keys():
        existing.pop(key).delete()
    for key, (value, reference) in expected.items():
        warning = existing.get(key)
        if warning is None:
            existing[key] = PlausibilityWarning.objects.create(
                report=report, indicator_id=key[0], kind=key[1], value=value, reference=reference
            )
        elif warning.value != value:
            warning.value, warning.reference = value, reference
            warning.explanation, warning.confirmed = "", False
            warning.answered_by, warning.answered_at = None, None
            warning.save()
        elif warning.reference != reference:  # the same value against a band recomputed since
            warning.reference = reference
            warning.save(update_fields=["reference"])
    order = {indicator.pk: index for index, indicator in enumerate(spec.indicators)}
    return sorted(existing.values(), key=lambda w: (order[w.indicator_id], w.kind))


# --- Peer bands -----------------------------------------------------------------------------------------


def percentile(ordered: list[Decimal], fraction: Decimal) -> Decimal:
    """Linear interpolation between the closest ranks, as PostgreSQL's ``percentile_cont``."""
    position = fraction * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


class PercentileCont(models.Aggregate):
    """PostgreSQL's ``percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)``."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fraction: Decimal, **extra):
        # The fraction comes from the catalogue's validated integer percentiles, never from a user.
        super().__init__(
            expression, fraction=f"{Decimal(fraction):f}", output_field=models.FloatField(), **extra
        )


def _catalogue_for(year: int) -> CatalogueSpec | None:
    """The parameters of a year: its reporting year's catalogue, else the newest one its reports use."""
    reporting_year = ReportingYear.objects.filter(year=year).select_related("catalogue").first()
    catalogue = (
        reporting_year.catalogue
        if reporting_year
        else IndicatorCatalogue.objects.filter(reports__year=year).order_by("-version").first()
    )
    return None if catalogue is None else catalogue_spec(catalogue)


def _rows(year: int, codes: list[str]):
    return IndicatorValue.objects.filter(
        report__year=year,
        report__status__in=SETTLED,
        report__enterprise__industry__isnull=False,
        indicator__code__in=codes,
        number__isnull=False,
    )


def _stats_in_sql(rows, low: Decimal, high: Decimal):
    """(division, code, peers, low, high) per group, the percentiles computed by PostgreSQL."""
    grouped = (
        rows.values("report__enterprise__industry_id", "indicator__code")
        .annotate(peers=Count("pk"), low=PercentileCont("number", low), high=PercentileCont("number", high))
        .order_by()
    )
    for row in grouped.iterator():
        yield (
            row["report__enterprise__industry_id"],
            row["indicator__code"],
            row["peers"],
            Decimal(repr(row["low"])),
            Decimal(repr(row["high"])),
        )


def _stats_streamed(rows, low: Decimal, high: Decimal):
    """The same in Python, reading the values ordered by division and indicator: one group in memory."""
    ordered = rows.order_by("report__enterprise__industry_id", "indicator__code", "number").values_list(
        "report__enterprise__industry_id", "indicator__code", "number"
    )
    for (division, code), group in itertools.groupby(ordered.iterator(chunk_size=5000), key=lambda r: r[:2]):
        numbers = [row[2] for row in group]
        yield division, code, len(numbers), percentile(numbers, low), percentile(numbers, high)


def _refresh_year(year: int) -> int:
    spec = _catalogue_for(year)
    if spec is None:
        PeerBand.objects.filter(year=year).delete()
        return 0
    parameters = spec.plausibility
    codes = [i.code for i in spec.indicators if i.checks_plausibility and i.is_numeric]
    low, high = Decimal(parameters.low_percentile) / HUNDRED, Decimal(parameters.high_percentile) / HUNDRED
    stats = _stats_in_sql if connection.vendor == "postgresql" else _stats_streamed
    bands = [
        PeerBand(
            year=year,
            division_id=division,
            indicator_code=code,
            low=low_value.quantize(CENT),
            high=high_value.quantize(CENT),
            peers=peers,
        )
        for division, code, peers, low_value, high_value in stats(_rows(year, codes), low, high)
        if peers >= parameters.min_peers
    ]
    started = timezone.now()
    with transaction.atomic():
        PeerBand.objects.bulk_create(
            bands,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["year", "division", "indicator_code"],
            update_fields=["low", "high", "peers", "computed_at"],
        )
        # Bands not written now (too few peers left) go; a concurrent, later run's rows stay.
        PeerBand.objects.filter(year=year, computed_at__lt=started).delete()
    return len(bands)


def peers_refresh(year: int | None = None) -> int:
    """Recompute the peer bands of one data year (default: every year with settled reports); returns
    how many bands were written. Divisions with fewer than ``min_peers`` reports get none."""
    if year is not None:
        years = [year]
    else:
        years = sorted(set(AnnualReport.objects.filter(status__in=SETTLED).values_list("year", flat=True)))
    return sum(_refresh_year(each) for each in years)


@task
def refresh_peer_bands(year: int) -> int:
    """The peer bands of one data year, recomputed by the worker after a submission."""
    return peers_refresh(year)


# --- Receivers (connected in AnnualConfig.ready) ----------------------------------------------------------


def on_values_changed(sender, report: AnnualReport, codes=None, **kwargs) -> None:
    """Values changed outside the form (an Excel import): their warnings follow."""
    refresh_warnings(report, codes=codes)


def queue_peer_bands(sender, report: AnnualReport, **kwargs) -> None:
    """Once the submission (or the restored accepted version) is committed, the year's bands are
    recomputed in the background."""
    year = report.year
    transaction.on_commit(lambda: refresh_peer_bands.enqueue(year))
