"""A catalogue with every indicator and ratio the bundled readiness rules use (codes, units, choices and
self-declared marks as the contract between the branches states them), built with the ORM; reports of
it with their values; and a report's stored results."""

from decimal import Decimal

from innopilot.annual.models import (
    AnnualReport,
    Indicator,
    IndicatorCatalogue,
    IndicatorGroup,
    IndicatorValue,
)
from innopilot.annual.spec import catalogue_spec
from innopilot.annual.values import stored

W, N, P, Y, C = "wan_yuan", "count", "percent", "yes_no", "choice"


def _choices(*pairs):
    return [{"value": value, "zh": zh, "en": en} for value, zh, en in pairs]


CHOICES = {
    "chain_role": _choices(
        ("fill_gap", "补短板", "Fills a gap"),
        ("strengthen", "锻长板", "Strengthens a strong point"),
        ("fill_blank", "填空白", "Fills a blank"),
        ("six_basics", "工业“六基”", "Industrial six basics"),
        ("supplier", "龙头企业配套", "Supplier to a chain leader"),
        ("none", "无", "None"),
    ),
    "digital_level": _choices(
        ("1", "一级", "Level 1"), ("2", "二级", "Level 2"), ("3", "三级", "Level 3"), ("4", "四级", "Level 4")
    ),
    "rd_institution_level": _choices(
        ("national", "国家级", "National"),
        ("provincial", "省级", "Provincial"),
        ("municipal", "市级", "Municipal"),
        ("lower", "市级以下", "Below municipal"),
        ("none", "无", "None"),
    ),
    "sti_award": _choices(
        ("national_top", "国家级（前五）", "National (top five)"),
        ("provincial_top", "省级（前三）", "Provincial (top three)"),
        ("none", "无", "None"),
    ),
    "chuangke_rank": _choices(
        ("top50", "全国50强", "National top 50"),
        ("top500", "全国500强", "National top 500"),
        ("none", "无", "None"),
    ),
}
# (group, code, zh, unit, self-declared)
INDICATORS = [
    ("basic", "niche_years", "从事特定细分市场年限", N, True),
    ("basic", "strategic_emerging", "主导产品属于战略性新兴产业", Y, True),
    ("basic", "niche_market_share", "主导产品全国细分市场占有率", P, True),
    ("basic", "digital_level", "数字化水平等级", C, True),
    ("basic", "info_system", "核心业务采用信息系统", Y, True),
    ("basic", "certified_management", "管理体系认证或产品认证", Y, True),
    ("basic", "own_brand", "拥有自主品牌", Y, True),
    ("basic", "chain_role", "产业链定位", C, True),
    ("finance", "operating_revenue", "营业收入", W, False),
    ("finance", "main_business_revenue", "主营业务收入", W, False),
    ("finance", "net_profit", "净利润", W, False),
    ("finance", "total_assets", "资产总额", W, False),
    ("finance", "total_liabilities", "负债总额", W, False),
    ("finance", "patented_product_revenue", "专利产品销售收入", W, False),
    ("finance", "equity_financing", "当年新增合格股权融资", W, False),
    ("people", "employees", "职工总数", N, False),
    ("people", "rd_staff", "研发人员", N, False),
    ("people", "ip_staff_fulltime", "专职知识产权人员", N, False),
    ("people", "core_staff", "核心技术人员", N, False),
    ("people", "core_staff_ip_trained", "接受知识产权培训的核心技术人员", N, False),
    ("rd", "rd_expense", "研发费用", W, False),
    ("rd", "ip_expense", "知识产权经费", W, False),
    ("rd", "rd_institution_level", "研发机构级别", C, False),
    ("rd", "rd_institution_own", "自建或合建研发机构", Y, False),
    ("patent_stock", "valid_invention_patents", "有效发明专利", N, False),
    ("patent_stock", "valid_utility_models", "有效实用新型", N, False),
    ("patent_stock", "valid_designs", "有效外观设计", N, False),
    ("patent_stock", "main_product_class1_ip", "主导产品相关Ⅰ类知识产权", N, False),
    ("patent_stock", "main_product_class1_own", "其中自主研发", N, False),
    ("patent_stock", "main_product_class1_high_value", "其中高价值发明专利", N, False),
    ("patent_stock", "main_product_class2_ip", "主导产品相关Ⅱ类知识产权", N, False),
    ("patent_flow", "invention_applications", "发明专利申请", N, False),
    ("patent_flow", "invention_grants", "发明专利授权", N, False),
    ("patent_flow", "utility_applications", "实用新型申请", N, False),
    ("patent_flow", "design_applications", "外观设计申请", N, False),
    ("patent_flow", "pct_applications", "PCT申请", N, False),
    ("patent_flow", "foreign_applications", "境外专利申请", N, False),
    ("other_ip", "trademarks_domestic", "国内注册商标", N, False),
    ("other_ip", "trademarks_madrid", "马德里商标", N, False),
    ("other_ip", "software_copyrights", "软件著作权", N, False),
    ("other_ip", "ic_layouts", "集成电路布图设计", N, False),
    ("other_ip", "plant_varieties", "植物新品种", N, False),
    ("other_ip", "standards_international", "主导制定国际标准", N, False),
    ("other_ip", "standards_national", "国家标准", N, False),
    ("other_ip", "standards_industry", "行业标准", N, False),
    ("other_ip", "standards_local", "地方标准", N, False),
    ("other_ip", "standards_group", "团体标准", N, False),
    ("exploitation", "licences_out_amount", "许可金额", W, False),
    ("exploitation", "assignments_out_amount", "转让金额", W, False),
    ("exploitation", "patent_pledges_amount", "专利质押金额", W, False),
    ("exploitation", "trademark_pledges_amount", "商标质押金额", W, False),
    ("exploitation", "ip_capital_amount", "知识产权作价入股", W, False),
    ("exploitation", "ip_insurance_count", "知识产权保险保单", N, False),
    ("protection", "customs_records", "海关备案", N, False),
    ("protection", "fto_analyses", "自由实施分析", N, False),
    ("management", "gbt29490_certified", "通过GB/T 29490认证", Y, False),
    ("management", "ip_strategy", "制定知识产权战略", Y, False),
    ("management", "inventor_rewards", "发明人奖酬制度", Y, False),
    ("management", "ip_info_guides_rd", "利用知识产权信息指导研发", Y, False),
    ("management", "quality_award", "省级以上质量奖", Y, True),
    ("management", "iso9001", "质量管理体系认证", Y, False),
    ("management", "sti_award", "近3年科技奖", C, True),
    ("management", "chuangke_rank", "近3年创客中国", C, True),
]


def _ratio(code, zh, numerator, denominator):
    return {
        "code": code,
        "kind": "ratio",
        "label": {"zh": zh, "en": code},
        "numerator": numerator,
        "denominator": denominator,
    }


RATIOS = [
    _ratio("rd_intensity", "研发投入强度", ["rd_expense"], ["operating_revenue"]),
    _ratio("debt_ratio", "资产负债率", ["total_liabilities"], ["total_assets"]),
    _ratio("main_business_share", "主营业务收入占比", ["main_business_revenue"], ["operating_revenue"]),
    _ratio("net_margin", "净利润率", ["net_profit"], ["operating_revenue"]),
    _ratio("rd_staff_share", "研发人员占比", ["rd_staff"], ["employees"]),
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
        "label": {"zh": "近2年主营业务收入平均增长率", "en": "2-year growth"},
        "indicator": "main_business_revenue",
        "years": 2,
    },
]


def readiness_catalogue(*, urn: str = "urn:innopilot:annual:readiness-test") -> IndicatorCatalogue:
    catalogue = IndicatorCatalogue.objects.create(
        urn=urn,
        version=1,
        name_zh="达标测试指标目录",
        name_en="Readiness test catalogue",
        ratios=RATIOS,
        content_hash=f"test-{urn}",
    )
    groups = {}
    for order, (group, code, zh, unit, declared) in enumerate(INDICATORS):
        if group not in groups:
            groups[group] = IndicatorGroup.objects.create(
                catalogue=catalogue, code=group, name_zh=group, sort_order=len(groups)
            )
        Indicator.objects.create(
            catalogue=catalogue,
            group=groups[group],
            code=code,
            label_zh=zh,
            label_en=code.replace("_", " "),
            unit=unit,
            decimal_places=2 if unit in (W, P) else 0,
            choices=CHOICES.get(code, []),
            self_declared=declared,
            sort_order=order,
        )
    return catalogue


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
