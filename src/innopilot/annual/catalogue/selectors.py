"""Reads for the catalogue pages: every loaded version, and one version explained for its readers.

Catalogues are public to every signed-in user. Each page costs the same few queries however many
versions, indicators, reports and data years there are.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innopilot.annual.models import AnnualReport, Indicator, IndicatorCatalogue, IndicatorGroup, ReportingYear
from innopilot.common.i18n import is_english

# The downstream programmes whose field names the catalogue records (keys of Indicator.downstream).
PROGRAMMES = {
    "ip_advantage": gettext_lazy("National IP advantage enterprise indicators"),
    "miit_tiers": gettext_lazy("MIIT quality SME platform"),
    "tc554": gettext_lazy("TC554 annual data (field names to verify)"),
}
OPERATORS = {"le": "≤", "lt": "<", "ge": "≥", "gt": ">", "eq": "="}


def _count(model, **outer) -> Coalesce:
    rows = (
        model.objects.filter(**{name: OuterRef(ref) for name, ref in outer.items()})
        .order_by()
        .values(*outer)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def _years_by_catalogue(**filters) -> dict[int, list[int]]:
    years: dict[int, list[int]] = defaultdict(list)
    for year, catalogue_id in ReportingYear.objects.filter(**filters).values_list("year", "catalogue_id"):
        years[catalogue_id].append(year)
    return {pk: sorted(found) for pk, found in years.items()}


def catalogues() -> list[IndicatorCatalogue]:
    """Every loaded catalogue, newest version first within each URN, with its size, the data years
    that use it, how many reports are pinned to it and whether it is the current (highest) version."""
    rows = list(
        IndicatorCatalogue.objects.annotate(
            group_count=_count(IndicatorGroup, catalogue="pk"),
            indicator_count=_count(Indicator, catalogue="pk"),
            report_count=_count(AnnualReport, catalogue="pk"),
        )
        .defer("cross_rules", "ratios", "plausibility", "description_zh", "description_en")
        .order_by("urn", "-version")
    )
    years = _years_by_catalogue()
    seen = set()
    for catalogue in rows:
        catalogue.years = years.get(catalogue.pk, [])
        catalogue.is_current = catalogue.urn not in seen
        seen.add(catalogue.urn)
    return rows


def _pick(text: dict) -> str:
    return (text.get("en") or text.get("zh", "")) if is_english() else text.get("zh", "")


def _number(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


def range_text(indicator: Indicator) -> str:
    low, high = _number(indicator.min_value), _number(indicator.max_value)
    if low and high:
        return f"{low} – {high}"
    if low:
        return f"≥ {low}"
    if high:
        return f"≤ {high}"
    return ""


@dataclass
class IndicatorRow:
    indicator: Indicator
    range: str
    choices: list[str]
    downstream: list[tuple[str, str]]  # (programme, its field name)


@dataclass
class GroupView:
    group: IndicatorGroup
    indicators: list[IndicatorRow]


@dataclass
class RuleView:
    code: str
    text: str  # "研发人员 ≤ 职工总数"
    message: str


@dataclass
class RatioView:
    code: str
    label: str
    formula: str


@dataclass
class CataloguePage:
    catalogue: IndicatorCatalogue
    description: str
    groups: list[GroupView]
    rules: list[RuleView]
    ratios: list[RatioView]
    plausibility: list[str]
    versions: list[IndicatorCatalogue]  # every loaded version of the same URN, newest first
    years: list[int] = field(default_factory=list)  # data years that use this version

    @property
    def indicator_count(self) -> int:
        return sum(len(group.indicators) for group in self.groups)


def _sum(codes: list[str], labels: dict[str, str], *, bracket: bool = False) -> str:
    text = " + ".join(labels.get(code, code) for code in codes)
    return f"({text})" if bracket and len(codes) > 1 else text


def rule_view(rule: dict, labels: dict[str, str]) -> RuleView:
    text = f"{_sum(rule['left'], labels)} {OPERATORS[rule['op']]} {_sum(rule['right'], labels)}"
    return RuleView(code=rule["code"], text=text, message=_pick(rule.get("message") or {}))


def ratio_view(ratio: dict, labels: dict[str, str]) -> RatioView:
    if ratio["kind"] == "ratio":
        formula = _("%(numerator)s ÷ %(denominator)s × 100%%") % {
            "numerator": _sum(ratio["numerator"], labels, bracket=True),
            "denominator": _sum(ratio["denominator"], labels, bracket=True),
        }
    elif ratio["years"] == 1:
        formula = _("(%(indicator)s of the year ÷ %(indicator)s of the year before − 1) × 100%%") % {
            "indicator": labels.get(ratio["indicator"], ratio["indicator"])
        }
    else:
        formula = _("the average of the growths of %(indicator)s over the last %(years)s years") % {
            "indicator": labels.get(ratio["indicator"], ratio["indicator"]),
            "years": ratio["years"],
        }
    return RatioView(code=ratio["code"], label=_pick(ratio["label"]), formula=formula)


def plausibility_text(parameters: dict) -> list[str]:
    if not parameters:
        return []
    percent = (Decimal(parameters["change_ratio"]) * 100).normalize()
    return [
        _("A value that changed by more than %(percent)s%% against the enterprise's previous year.")
        % {"percent": f"{percent:f}"},
        _(
            "A value below the %(low)sth or above the %(high)sth percentile of the reports of the same "
            "industry division and year."
        )
        % {"low": parameters["low_percentile"], "high": parameters["high_percentile"]},
        _("The industry comparison needs at least %(peers)s reports in the division and year.")
        % {"peers": parameters["min_peers"]},
    ]


def catalogue_page(catalogue: IndicatorCatalogue) -> CataloguePage:
    groups = list(
        catalogue.groups.order_by("sort_order").prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("sort_order"))
        )
    )
    views = []
    labels: dict[str, str] = {}
    for group in groups:
        rows = []
        for indicator in group.indicators.all():
            labels[indicator.code] = indicator.label
            rows.append(
                IndicatorRow(
                    indicator=indicator,
                    range=range_text(indicator),
                    choices=[_pick(choice) for choice in indicator.choices],
                    downstream=[
                        (str(PROGRAMMES.get(key, key)), name) for key, name in indicator.downstream.items()
                    ],
                )
            )
        views.append(GroupView(group=group, indicators=rows))
    versions = list(
        IndicatorCatalogue.objects.filter(urn=catalogue.urn).only("pk", "version", "urn", "published_on")
    )
    return CataloguePage(
        catalogue=catalogue,
        description=_pick({"zh": catalogue.description_zh, "en": catalogue.description_en}),
        groups=views,
        rules=[rule_view(rule, labels) for rule in catalogue.cross_rules],
        ratios=[ratio_view(ratio, labels) for ratio in catalogue.ratios],
        plausibility=plausibility_text(catalogue.plausibility),
        versions=versions,
        years=_years_by_catalogue(catalogue=catalogue).get(catalogue.pk, []),
    )
