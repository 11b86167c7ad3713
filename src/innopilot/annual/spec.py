"""A loaded indicator catalogue as plain, immutable specs: what the form, the checks, the import and
the readiness engine read. A loaded catalogue never changes, so its spec is built once per process
(three queries) and kept."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from innopilot.annual.models import Indicator, IndicatorCatalogue, IndicatorGroup
from innopilot.common.i18n import is_english

NUMERIC_UNITS = frozenset(
    {
        Indicator.Unit.WAN_YUAN,
        Indicator.Unit.COUNT,
        Indicator.Unit.PERCENT,
        Indicator.Unit.YES_NO,
        Indicator.Unit.YEAR,
    }
)


def _localized(zh: str, en: str) -> str:
    return (en or zh) if is_english() else zh


@dataclass(frozen=True)
class IndicatorSpec:
    pk: int
    code: str
    label_zh: str
    label_en: str
    unit: str
    group_code: str
    required: bool = False
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    decimal_places: int = 0
    help_zh: str = ""
    help_en: str = ""
    choices: tuple[tuple[str, str, str], ...] = ()  # (value, zh, en)
    downstream: dict = field(default_factory=dict, hash=False, compare=False)
    is_key: bool = False
    checks_plausibility: bool = False
    self_declared: bool = False

    @property
    def label(self) -> str:
        return _localized(self.label_zh, self.label_en)

    @property
    def help(self) -> str:
        return _localized(self.help_zh, self.help_en)

    @property
    def is_numeric(self) -> bool:
        return self.unit in NUMERIC_UNITS

    def choice_label(self, value: str) -> str:
        for choice, zh, en in self.choices:
            if choice == value:
                return _localized(zh, en)
        return value


@dataclass(frozen=True)
class GroupSpec:
    code: str
    name_zh: str
    name_en: str
    indicators: tuple[IndicatorSpec, ...]

    @property
    def name(self) -> str:
        return _localized(self.name_zh, self.name_en)


@dataclass(frozen=True)
class CrossRule:
    code: str
    left: tuple[str, ...]
    op: str  # le, lt, ge, gt, eq
    right: tuple[str, ...]
    message_zh: str = ""
    message_en: str = ""

    @property
    def codes(self) -> tuple[str, ...]:
        return self.left + self.right


@dataclass(frozen=True)
class RatioSpec:
    code: str
    kind: str  # "ratio" (numerator / denominator, in %) or "growth" (of one indicator, in %)
    label_zh: str
    label_en: str
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    indicator: str = ""  # growth: the indicator that grows
    years: int = 1  # growth: 1 = against the previous year; 2 = average of the last two yearly growths

    @property
    def label(self) -> str:
        return _localized(self.label_zh, self.label_en)

    @property
    def inputs(self) -> tuple[str, ...]:
        return self.numerator + self.denominator if self.kind == "ratio" else (self.indicator,)


@dataclass(frozen=True)
class PlausibilitySpec:
    change_ratio: Decimal = Decimal("0.5")
    low_percentile: int = 5
    high_percentile: int = 95
    min_peers: int = 10


@dataclass(frozen=True)
class CatalogueSpec:
    pk: int
    urn: str
    version: int
    groups: tuple[GroupSpec, ...]
    cross_rules: tuple[CrossRule, ...]
    ratios: tuple[RatioSpec, ...]
    plausibility: PlausibilitySpec

    # Cached on the (frozen) instance: cached_property writes to __dict__, past the frozen __setattr__.
    @cached_property
    def indicators(self) -> tuple[IndicatorSpec, ...]:
        return tuple(indicator for group in self.groups for indicator in group.indicators)

    @cached_property
    def by_code(self) -> dict[str, IndicatorSpec]:
        return {indicator.code: indicator for indicator in self.indicators}

    @cached_property
    def by_pk(self) -> dict[int, IndicatorSpec]:
        return {indicator.pk: indicator for indicator in self.indicators}


# Keyed by (pk, loaded_at): a primary key alone could be reused after a catalogue is deleted
# (tests roll back, SQLite hands the number out again).
_cache: dict[tuple[int, object], CatalogueSpec] = {}


def clear_cache() -> None:
    _cache.clear()


def catalogue_spec(catalogue: IndicatorCatalogue) -> CatalogueSpec:
    key = (catalogue.pk, catalogue.loaded_at)
    cached = _cache.get(key)
    if cached is None:
        cached = _cache[key] = _build(catalogue)
    return cached


def _indicator(row: Indicator, group_code: str) -> IndicatorSpec:
    return IndicatorSpec(
        pk=row.pk,
        code=row.code,
        label_zh=row.label_zh,
        label_en=row.label_en,
        unit=row.unit,
        group_code=group_code,
        required=row.required,
        min_value=row.min_value,
        max_value=row.max_value,
        decimal_places=row.decimal_places,
        help_zh=row.help_zh,
        help_en=row.help_en,
        choices=tuple((str(c["value"]), c.get("zh", ""), c.get("en", "")) for c in row.choices),
        downstream=dict(row.downstream),
        is_key=row.is_key,
        checks_plausibility=row.checks_plausibility,
        self_declared=row.self_declared,
    )


def _build(catalogue: IndicatorCatalogue) -> CatalogueSpec:
    groups = list(IndicatorGroup.objects.filter(catalogue=catalogue).order_by("sort_order", "pk"))
    by_group: dict[int, list[IndicatorSpec]] = {group.pk: [] for group in groups}
    codes = {group.pk: group.code for group in groups}
    for row in Indicator.objects.filter(catalogue=catalogue).order_by("sort_order", "pk"):
        by_group[row.group_id].append(_indicator(row, codes[row.group_id]))
    rules = tuple(
        CrossRule(
            code=rule["code"],
            left=tuple(rule["left"]),
            op=rule["op"],
            right=tuple(rule["right"]),
            message_zh=(rule.get("message") or {}).get("zh", ""),
            message_en=(rule.get("message") or {}).get("en", ""),
        )
        for rule in catalogue.cross_rules
    )
    ratios = tuple(
        RatioSpec(
            code=ratio["code"],
            kind=ratio["kind"],
            label_zh=ratio["label"]["zh"],
            label_en=ratio["label"].get("en", ""),
            numerator=tuple(ratio.get("numerator", ())),
            denominator=tuple(ratio.get("denominator", ())),
            indicator=ratio.get("indicator", ""),
            years=int(ratio.get("years", 1)),
        )
        for ratio in catalogue.ratios
    )
    settings = catalogue.plausibility or {}
    defaults = PlausibilitySpec()
    plausibility = PlausibilitySpec(
        change_ratio=Decimal(str(settings.get("change_ratio", defaults.change_ratio))),
        low_percentile=int(settings.get("low_percentile", defaults.low_percentile)),
        high_percentile=int(settings.get("high_percentile", defaults.high_percentile)),
        min_peers=int(settings.get("min_peers", defaults.min_peers)),
    )
    return CatalogueSpec(
        pk=catalogue.pk,
        urn=catalogue.urn,
        version=catalogue.version,
        groups=tuple(
            GroupSpec(
                code=group.code,
                name_zh=group.name_zh,
                name_en=group.name_en,
                indicators=tuple(by_group[group.pk]),
            )
            for group in groups
        ),
        cross_rules=rules,
        ratios=ratios,
        plausibility=plausibility,
    )
