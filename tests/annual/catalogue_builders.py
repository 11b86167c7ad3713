"""A small indicator catalogue built with the ORM, in the stored format the loader writes: for tests
that need a few indicators of each unit, independent of the bundled file."""

from decimal import Decimal

from innopilot.annual.models import Indicator, IndicatorCatalogue, IndicatorGroup

U = Indicator.Unit
# (group, code, zh, en, unit, extra fields)
SMALL = [
    (
        "basic",
        "ownership",
        "所有制类型",
        "Ownership",
        U.CHOICE,
        {
            "required": True,
            "choices": [
                {"value": "state", "zh": "国有", "en": "State-owned"},
                {"value": "private", "zh": "民营", "en": "Private"},
            ],
        },
    ),
    ("basic", "niche_years", "从事特定细分市场年限", "Years in the niche", U.COUNT, {"self_declared": True}),
    (
        "finance",
        "operating_revenue",
        "营业收入",
        "Operating revenue",
        U.WAN_YUAN,
        {"required": True, "min_value": 0, "decimal_places": 2, "is_key": True, "checks_plausibility": True},
    ),
    (
        "finance",
        "main_business_revenue",
        "主营业务收入",
        "Main-business revenue",
        U.WAN_YUAN,
        {"required": True, "min_value": 0, "decimal_places": 2, "is_key": True, "checks_plausibility": True},
    ),
    ("finance", "net_profit", "净利润", "Net profit", U.WAN_YUAN, {"decimal_places": 2}),
    (
        "people",
        "employees",
        "职工总数",
        "Employees",
        U.COUNT,
        {"required": True, "min_value": 1, "is_key": True, "checks_plausibility": True},
    ),
    ("people", "rd_staff", "研发人员", "R&D staff", U.COUNT, {"min_value": 0, "checks_plausibility": True}),
    (
        "rd",
        "rd_expense",
        "研发费用",
        "R&D expense",
        U.WAN_YUAN,
        {"required": True, "min_value": 0, "decimal_places": 2, "is_key": True, "checks_plausibility": True},
    ),
    (
        "rd",
        "niche_market_share",
        "细分市场占有率",
        "Niche market share",
        U.PERCENT,
        {"min_value": 0, "max_value": 100, "decimal_places": 2, "self_declared": True},
    ),
    (
        "patent_stock",
        "valid_invention_patents",
        "有效发明专利",
        "Valid invention patents",
        U.COUNT,
        {"required": True, "min_value": 0, "is_key": True, "checks_plausibility": True},
    ),
    (
        "patent_stock",
        "high_value_invention_patents",
        "高价值发明专利",
        "High-value invention patents",
        U.COUNT,
        {"min_value": 0},
    ),
    ("management", "ip_strategy", "制定知识产权战略", "IP strategy", U.YES_NO, {}),
    (
        "management",
        "gbt29490_expiry_year",
        "GB/T 29490证书到期年份",
        "GB/T 29490 expiry year",
        U.YEAR,
        {"min_value": 2000, "max_value": 2100},
    ),
    ("management", "gbt29490_certificate_no", "GB/T 29490证书编号", "GB/T 29490 certificate no.", U.TEXT, {}),
]
GROUP_NAMES = {
    "basic": ("基本情况", "Basics"),
    "finance": ("财务", "Finance"),
    "people": ("人员", "People"),
    "rd": ("研发", "R&D"),
    "patent_stock": ("专利存量", "Patent stock"),
    "management": ("管理", "Management"),
}
CROSS_RULES = [
    {"code": "rd_staff_within_employees", "left": ["rd_staff"], "op": "le", "right": ["employees"]},
    {
        "code": "main_within_operating",
        "left": ["main_business_revenue"],
        "op": "le",
        "right": ["operating_revenue"],
    },
    {
        "code": "high_value_within_valid",
        "left": ["high_value_invention_patents"],
        "op": "le",
        "right": ["valid_invention_patents"],
    },
]
RATIOS = [
    {
        "code": "rd_intensity",
        "kind": "ratio",
        "label": {"zh": "研发投入强度", "en": "R&D intensity"},
        "numerator": ["rd_expense"],
        "denominator": ["operating_revenue"],
    },
    {
        "code": "main_business_share",
        "kind": "ratio",
        "label": {"zh": "主营业务收入占比", "en": "Main-business share"},
        "numerator": ["main_business_revenue"],
        "denominator": ["operating_revenue"],
    },
    {
        "code": "main_business_growth",
        "kind": "growth",
        "label": {"zh": "主营业务收入增长率", "en": "Main-business growth"},
        "indicator": "main_business_revenue",
        "years": 1,
    },
    {
        "code": "main_business_growth_2y",
        "kind": "growth",
        "label": {"zh": "近2年主营业务收入平均增长率", "en": "2-year average main-business growth"},
        "indicator": "main_business_revenue",
        "years": 2,
    },
]
PLAUSIBILITY = {"change_ratio": "0.5", "low_percentile": 5, "high_percentile": 95, "min_peers": 10}


def small_catalogue(*, urn: str = "urn:innopilot:annual:test", version: int = 1) -> IndicatorCatalogue:
    catalogue = IndicatorCatalogue.objects.create(
        urn=urn,
        version=version,
        name_zh="测试指标目录",
        name_en="Test catalogue",
        cross_rules=CROSS_RULES,
        ratios=RATIOS,
        plausibility=PLAUSIBILITY,
        content_hash=f"test-{urn}-{version}",
    )
    groups = {}
    for order, (code, (zh, en)) in enumerate(GROUP_NAMES.items()):
        groups[code] = IndicatorGroup.objects.create(
            catalogue=catalogue, code=code, name_zh=zh, name_en=en, sort_order=order
        )
    for order, (group, code, zh, en, unit, extra) in enumerate(SMALL):
        fields = dict(extra)
        for bound in ("min_value", "max_value"):
            if bound in fields:
                fields[bound] = Decimal(fields[bound])
        Indicator.objects.create(
            catalogue=catalogue,
            group=groups[group],
            code=code,
            label_zh=zh,
            label_en=en,
            unit=unit,
            sort_order=order,
            **fields,
        )
    return catalogue
