"""Annual data rows built directly on the models, for the overview and reporting-year tests: a small
catalogue (a few key indicators of the contract's codes), reports with values, pilot enterprises."""

import datetime
from decimal import Decimal

from django.utils import timezone

from innopilot.annual.models import (
    AnnualReport,
    Indicator,
    IndicatorCatalogue,
    IndicatorGroup,
    IndicatorValue,
    ReportingYear,
)
from innopilot.pilots.models import Campaign
from tests.factories import EnterpriseFactory, valid_uscc
from tests.pilots.builders import confirm

# (code, Chinese label, unit, key indicator)
INDICATORS = [
    ("operating_revenue", "营业收入", Indicator.Unit.WAN_YUAN, True),
    ("rd_expense", "研发费用", Indicator.Unit.WAN_YUAN, True),
    ("employees", "职工总数", Indicator.Unit.COUNT, True),
    ("valid_invention_patents", "有效发明专利", Indicator.Unit.COUNT, True),
    ("export_revenue", "出口额", Indicator.Unit.WAN_YUAN, False),
    ("ownership", "企业性质", Indicator.Unit.CHOICE, False),
]
TEXT_UNITS = (Indicator.Unit.CHOICE, Indicator.Unit.TEXT)
KEY_CODES = [code for code, _label, _unit, key in INDICATORS if key]


def catalogue(
    version: int = 1, *, urn: str = "urn:innopilot:test:annual", extra: int = 0
) -> IndicatorCatalogue:
    """A catalogue with the indicators above and ``extra`` more key indicators (``extra_1``, …)."""
    cat = IndicatorCatalogue.objects.create(
        urn=urn,
        version=version,
        name_zh="测试指标目录",
        name_en="Test catalogue",
        content_hash=f"{urn}{version}",
    )
    group = IndicatorGroup.objects.create(catalogue=cat, code="finance", name_zh="财务", name_en="Finance")
    rows = [
        *INDICATORS,
        *((f"extra_{i}", f"附加指标{i}", Indicator.Unit.COUNT, True) for i in range(1, extra + 1)),
    ]
    Indicator.objects.bulk_create(
        [
            Indicator(
                catalogue=cat,
                group=group,
                code=code,
                label_zh=label,
                label_en=code.replace("_", " "),
                unit=unit,
                decimal_places=2 if unit == Indicator.Unit.WAN_YUAN else 0,
                is_key=key,
                sort_order=index,
            )
            for index, (code, label, unit, key) in enumerate(rows)
        ]
    )
    return cat


def add_key_indicators(cat: IndicatorCatalogue, count: int) -> list[Indicator]:
    """More key indicators in an existing catalogue (the page must not query per indicator)."""
    group = cat.groups.first()
    start = cat.indicators.count()
    return Indicator.objects.bulk_create(
        [
            Indicator(
                catalogue=cat,
                group=group,
                code=f"more_{start + i}",
                label_zh=f"更多指标{start + i}",
                unit=Indicator.Unit.COUNT,
                is_key=True,
                sort_order=start + i,
            )
            for i in range(count)
        ]
    )


def reporting_year(year: int, cat: IndicatorCatalogue, *, deadline=None, status=ReportingYear.Status.OPEN):
    return ReportingYear.objects.create(
        year=year, deadline=deadline or datetime.date(year + 1, 5, 31), catalogue=cat, status=status
    )


def report(
    enterprise,
    year: int,
    cat: IndicatorCatalogue,
    *,
    status: str = AnnualReport.Status.DRAFT,
    values: dict | None = None,
    is_late: bool = False,
) -> AnnualReport:
    submitted = status != AnnualReport.Status.DRAFT
    made = AnnualReport.objects.create(
        enterprise=enterprise,
        year=year,
        catalogue=cat,
        status=status,
        is_late=is_late,
        submitted_at=timezone.now() if submitted else None,
        first_submitted_at=timezone.now() if submitted else None,
    )
    indicators = {i.code: i for i in cat.indicators.all()}
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                report=made,
                indicator=indicators[code],
                number=None if indicators[code].unit in TEXT_UNITS else Decimal(str(value)),
                text=str(value) if indicators[code].unit in TEXT_UNITS else "",
            )
            for code, value in (values or {}).items()
        ]
    )
    return made


def enterprise(unit, **fields):
    return EnterpriseFactory(managing_unit=unit, uscc=valid_uscc(unit.gbt2260 or "500000"), **fields)


def pilot(unit_or_enterprise, campaign_year: int, **fields):
    """A pilot enterprise confirmed in the campaign of ``campaign_year`` (a new enterprise of the unit
    unless an enterprise is given)."""
    target = (
        unit_or_enterprise
        if hasattr(unit_or_enterprise, "uscc")
        else enterprise(unit_or_enterprise, **fields)
    )
    campaign, _ = Campaign.objects.get_or_create(
        year=campaign_year,
        defaults={
            "nomination_deadline": datetime.date(campaign_year, 3, 20),
            "status": Campaign.Status.CLOSED,
        },
    )
    confirm(campaign, target)
    return target
