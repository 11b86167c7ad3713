"""The bundled indicator catalogue is the contract between the annual data's parts: its codes, units,
flags, rules, ratios and plausibility parameters are checked here against the contract's own table."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from innopilot.annual.catalogue.loader import DEFAULT_CATALOGUE_URN, catalogue_load_bundled, latest_catalogue
from innopilot.annual.catalogue.selectors import PROGRAMMES
from innopilot.annual.models import Indicator, IndicatorCatalogue

pytestmark = pytest.mark.django_db

UNITS = {
    "W": "wan_yuan",
    "N": "count",
    "P": "percent",
    "Y": "yes_no",
    "C": "choice",
    "YR": "year",
    "T": "text",
}
# The contract's list, as written there: code, unit, "*" = required, "sd" = self-declared.
CONTRACT = {
    "basic": "ownership C*; listed C; niche_years N sd; strategic_emerging Y sd; niche_market_share P sd; "
    "digital_level C sd; info_system Y sd; certified_management Y sd; own_brand Y sd; chain_role C sd",
    "finance": "operating_revenue W*; main_business_revenue W*; net_profit W*; total_assets W*; "
    "total_liabilities W*; export_revenue W; patented_product_revenue W; equity_financing W",
    "people": "employees N*; rd_staff N*; ip_staff_fulltime N; ip_staff_parttime N; core_staff N; "
    "core_staff_ip_trained N",
    "rd": "rd_expense W*; ip_expense W; rd_institution_level C; rd_institution_own Y",
    "patent_stock": "valid_invention_patents N*; valid_utility_models N; valid_designs N; "
    "high_value_invention_patents N; main_product_class1_ip N; main_product_class1_own N; "
    "main_product_class1_high_value N; main_product_class2_ip N; foreign_patents_valid N",
    "patent_flow": "invention_applications N; invention_grants N; utility_applications N; utility_grants N; "
    "design_applications N; design_grants N; pct_applications N; foreign_applications N; foreign_grants N",
    "other_ip": "trademarks_domestic N; trademarks_madrid N; software_copyrights N; ic_layouts N; "
    "plant_varieties N; geographical_indications N; standards_international N; standards_national N; "
    "standards_industry N; standards_local N; standards_group N",
    "exploitation": "licences_out_count N; licences_out_amount W; assignments_out_count N; "
    "assignments_out_amount W; licences_in_count N; licences_in_amount W; patent_pledges_count N; "
    "patent_pledges_amount W; trademark_pledges_count N; trademark_pledges_amount W; ip_capital_amount W; "
    "ip_insurance_count N; patents_in_standards N",
    "protection": "suits_plaintiff N; suits_defendant N; administrative_cases N; customs_records N; "
    "fto_analyses N",
    "management": "gbt29490_certified Y; gbt29490_certificate_no T; gbt29490_expiry_year YR; "
    "iso56005_grade C; ip_strategy Y; inventor_rewards Y; inventor_rewards_amount W; "
    "invention_disclosures N; "
    "ip_info_guides_rd Y; quality_award Y sd; iso9001 Y; sti_award C sd; chuangke_rank C sd",
}
CHOICES = {
    "ownership": ["state", "private", "foreign", "mixed", "other"],
    "listed": ["main_board", "star", "chinext", "bse", "neeq", "none"],
    "digital_level": ["1", "2", "3", "4"],
    "chain_role": ["fill_gap", "strengthen", "fill_blank", "six_basics", "supplier", "none"],
    "rd_institution_level": ["national", "provincial", "municipal", "lower", "none"],
    "iso56005_grade": ["0", "1", "2", "3", "4", "5"],
    "sti_award": ["national_top", "provincial_top", "none"],
    "chuangke_rank": ["top50", "top500", "none"],
}
KEY = {
    "operating_revenue", "main_business_revenue", "net_profit", "rd_expense", "ip_expense", "employees",
    "rd_staff", "valid_invention_patents", "high_value_invention_patents", "invention_applications",
    "invention_grants", "patented_product_revenue",
}  # fmt: skip
NO_PLAUSIBILITY = {"suits_plaintiff", "suits_defendant", "administrative_cases", "customs_records"}
RULES = [
    (["rd_staff"], ["employees"]),
    (["ip_staff_fulltime", "ip_staff_parttime"], ["employees"]),
    (["core_staff"], ["employees"]),
    (["core_staff_ip_trained"], ["core_staff"]),
    (["main_business_revenue"], ["operating_revenue"]),
    (["patented_product_revenue"], ["operating_revenue"]),
    (["export_revenue"], ["operating_revenue"]),
    (["high_value_invention_patents"], ["valid_invention_patents"]),
    (["main_product_class1_own"], ["main_product_class1_ip"]),
    (["main_product_class1_high_value"], ["main_product_class1_ip"]),
    (["invention_grants"], ["valid_invention_patents"]),
]
RATIOS = {
    "rd_intensity": (["rd_expense"], ["operating_revenue"]),
    "debt_ratio": (["total_liabilities"], ["total_assets"]),
    "invention_share": (
        ["invention_applications"],
        ["invention_applications", "utility_applications", "design_applications"],
    ),
    "grant_rate": (["invention_grants"], ["invention_applications"]),
    "ip_spend_share": (["ip_expense"], ["rd_expense"]),
    "patented_product_share": (["patented_product_revenue"], ["operating_revenue"]),
    "main_business_share": (["main_business_revenue"], ["operating_revenue"]),
    "net_margin": (["net_profit"], ["operating_revenue"]),
    "rd_staff_share": (["rd_staff"], ["employees"]),
}
GROWTHS = {
    "main_business_growth": ("main_business_revenue", 1),
    "main_business_growth_2y": ("main_business_revenue", 2),
    "revenue_growth": ("operating_revenue", 1),
}


def contract() -> dict[str, tuple[str, str, bool, bool]]:
    """code → (group, unit, required, self-declared)."""
    rows = {}
    for group, text in CONTRACT.items():
        for item in text.split("; "):
            code, unit, *flags = item.split()
            rows[code] = (group, UNITS[unit.rstrip("*")], unit.endswith("*"), flags == ["sd"])
    return rows


@pytest.fixture
def catalogue():
    return latest_catalogue()  # the session database loads the bundled files


@pytest.fixture
def indicators(catalogue):
    return {indicator.code: indicator for indicator in catalogue.indicators.select_related("group")}


def test_the_bundled_catalogue_is_loaded_with_between_80_and_90_indicators_in_the_contract_groups(
    catalogue, indicators
):
    assert (catalogue.urn, catalogue.version) == (DEFAULT_CATALOGUE_URN, 1)
    assert list(catalogue.groups.order_by("sort_order").values_list("code", flat=True)) == list(CONTRACT)
    assert 80 <= len(indicators) <= 90
    assert catalogue.name_zh == "年度数据填报指标目录" and catalogue.source_name == "indicators-v1.yaml"


def test_every_contract_indicator_has_its_group_unit_required_and_self_declared_flags(indicators):
    expected = contract()
    assert set(indicators) == set(expected)
    found = {
        code: (row.group.code, row.unit, row.required, row.self_declared) for code, row in indicators.items()
    }
    assert found == expected


def test_choices_key_indicators_and_plausibility_checks_are_those_of_the_contract(indicators):
    assert {
        code: [c["value"] for c in row.choices] for code, row in indicators.items() if row.choices
    } == CHOICES
    assert all(choice["zh"] and choice["en"] for row in indicators.values() for choice in row.choices)
    assert {code for code, row in indicators.items() if row.is_key} == KEY
    measured = {code for code, row in indicators.items() if row.unit in ("wan_yuan", "count")}
    assert {code for code, row in indicators.items() if row.checks_plausibility} == measured - NO_PLAUSIBILITY


def test_ranges_and_decimal_places_follow_the_unit(indicators):
    for code, row in indicators.items():
        places = 2 if row.unit in ("wan_yuan", "percent") else 0
        assert row.decimal_places == places, code
        expected = {
            "wan_yuan": (None if code == "net_profit" else Decimal(0), None),
            "count": (Decimal(1 if code == "employees" else 0), None),
            "percent": (Decimal(0), Decimal(100)),
            "year": (Decimal(2000), Decimal(2100)),
        }.get(row.unit, (None, None))
        assert (row.min_value, row.max_value) == expected, code


def test_every_indicator_explains_itself_in_both_languages_and_names_known_programmes(indicators):
    for code, row in indicators.items():
        assert row.label_zh and row.label_en and row.help_zh and row.help_en, code
        assert set(row.downstream) <= set(PROGRAMMES), code
    assert all(row.downstream for row in indicators.values())
    assert indicators["rd_expense"].downstream["miit_tiers"] == "研发费用总额"
    assert "A107012" in indicators["rd_expense"].help_zh  # the super-deduction form it comes from
    # High-value inventions: CNIPA's five criteria.
    high_value = indicators["high_value_invention_patents"].help_zh
    for criterion in ("战略性新兴产业", "海外有同族专利权", "维持年限超过10年", "质押融资", "中国专利奖"):
        assert criterion in high_value


def test_the_description_says_what_is_to_verify(catalogue):
    assert "待核实" in catalogue.description_zh and "tc554" in catalogue.description_zh
    assert "to verify" in catalogue.description_en


def test_cross_field_rules_ratios_and_plausibility_are_stored_as_the_contract_says(catalogue, indicators):
    assert [(rule["left"], rule["op"], rule["right"]) for rule in catalogue.cross_rules] == [
        (left, "le", right) for left, right in RULES
    ]
    assert all(rule["message"] == {"zh": "", "en": ""} for rule in catalogue.cross_rules)
    ratios = {ratio["code"]: ratio for ratio in catalogue.ratios}
    assert set(ratios) == set(RATIOS) | set(GROWTHS)
    for code, (numerator, denominator) in RATIOS.items():
        assert (ratios[code]["kind"], ratios[code]["numerator"], ratios[code]["denominator"]) == (
            "ratio",
            numerator,
            denominator,
        )
    for code, (indicator, years) in GROWTHS.items():
        assert ratios[code] == {
            "code": code,
            "kind": "growth",
            "label": ratios[code]["label"],
            "indicator": indicator,
            "years": years,
        }
    assert all(ratio["label"]["zh"] and ratio["label"]["en"] for ratio in catalogue.ratios)
    assert catalogue.plausibility == {
        "change_ratio": "0.5",
        "low_percentile": 5,
        "high_percentile": 95,
        "min_peers": 10,
    }


def test_loading_the_bundled_files_again_changes_nothing(catalogue):
    before = (IndicatorCatalogue.objects.count(), Indicator.objects.count(), LogEntry.objects.count())
    loads = catalogue_load_bundled()
    assert [(load.created, load.catalogue.pk) for load in loads] == [(False, catalogue.pk)]
    assert (IndicatorCatalogue.objects.count(), Indicator.objects.count(), LogEntry.objects.count()) == before
