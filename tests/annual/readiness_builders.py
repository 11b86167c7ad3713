"""Reports of the bundled indicator catalogue with their values, for the readiness tests."""

from decimal import Decimal

from innopilot.annual.models import (
    AnnualReport,
    IndicatorCatalogue,
    IndicatorValue,
)
from innopilot.annual.spec import catalogue_spec
from innopilot.annual.values import stored

BUNDLED_URN = "urn:innopilot:annual:indicators"


def bundled_catalogue() -> IndicatorCatalogue:
    """The bundled indicator catalogue (loaded with the reference data)."""
    return IndicatorCatalogue.objects.get(urn=BUNDLED_URN, version=1)


def report_with(
    enterprise, catalogue, year: int, values: dict, *, status=AnnualReport.Status.DRAFT
) -> AnnualReport:
    report = AnnualReport.objects.create(enterprise=enterprise, year=year, catalogue=catalogue, status=status)
    set_values(report, values)
    return report


def set_values(report: AnnualReport, values: dict) -> None:
    spec = catalogue_spec(report.catalogue)
    for code, value in values.items():
        indicator = spec.by_code[code]
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = Decimal(str(value))
        if isinstance(value, bool):
            value = Decimal(int(value))
        IndicatorValue.objects.update_or_create(
            report=report, indicator_id=indicator.pk, defaults=stored(indicator, value)
        )


# A manufacturer whose 2024 report passes every check but the little giant (no 专精特新 title):
# 2023 and 2022 reports give the growth and the two-year windows.
STRONG_2024 = {
    "niche_years": 8,
    "strategic_emerging": True,
    "niche_market_share": 12,
    "digital_level": "3",
    "info_system": True,
    "certified_management": True,
    "own_brand": True,
    "chain_role": "fill_gap",
    "operating_revenue": 12000,
    "main_business_revenue": 11000,
    "net_profit": 1300,
    "total_assets": 10000,
    "total_liabilities": 4500,
    "employees": 250,
    "rd_staff": 60,
    "rd_expense": 600,
    "rd_institution_level": "provincial",
    "rd_institution_own": True,
    "main_product_class1_ip": 5,
    "main_product_class1_own": 4,
    "main_product_class1_high_value": 1,
    "iso9001": True,
    "quality_award": False,
}
STRONG_2023 = {
    "operating_revenue": 10000,
    "main_business_revenue": 9800,
    "rd_expense": 400,
    "total_assets": 9000,
}
STRONG_2022 = {"operating_revenue": 9000, "main_business_revenue": 9000, "rd_expense": 300}
