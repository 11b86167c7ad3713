"""Plausible annual data for a demo enterprise, drawn from a seeded generator: one year from the
enterprise's survey record, the next grown from the previous one. Values respect the catalogue's
cross-field rules (R&D staff within employees, main business within revenue, …), so demo reports
can be submitted; a few jumps are drawn on purpose so that plausibility warnings have something to say.
"""

import random
from decimal import Decimal

from innopilot.directory.models import Enterprise

CENT = Decimal("0.01")
OWNERSHIP = ["private"] * 7 + ["state", "mixed", "foreign"]
LISTED = ["none"] * 8 + ["neeq", "star", "chinext", "main_board"]
INSTITUTION = ["none", "lower", "municipal", "municipal", "provincial", "national"]


def _money(value: float) -> Decimal:
    return Decimal(str(round(max(value, 0.0), 2))).quantize(CENT)


def _count(value: float) -> Decimal:
    return Decimal(max(round(value), 0))


def _yes(rng: random.Random, chance: float) -> Decimal:
    return Decimal(1 if rng.random() < chance else 0)


def first_year(rng: random.Random, enterprise: Enterprise) -> dict[str, Decimal | str]:
    """A year of data consistent with what the district surveyed (patents, R&D, IP staff)."""
    employees = rng.randint(60, 900)
    revenue = employees * rng.uniform(35, 160)
    main_share = rng.uniform(0.72, 0.99)
    patents = (
        enterprise.valid_invention_patents
        if enterprise.valid_invention_patents is not None
        else rng.randint(3, 60)
    )
    rd = (
        float(enterprise.rd_expense_last_year)
        if enterprise.rd_expense_last_year
        else revenue * rng.uniform(0.02, 0.09)
    )
    rd = min(rd, revenue * 0.3)
    assets = revenue * rng.uniform(0.8, 1.6)
    applications = rng.randint(2, 25)
    class1 = rng.randint(0, min(patents, 12))
    values = {
        "ownership": rng.choice(OWNERSHIP),
        "listed": rng.choice(LISTED),
        "niche_years": _count(rng.randint(2, 18)),
        "strategic_emerging": _yes(rng, 0.55),
        "niche_market_share": _money(rng.uniform(1, 25)),
        "digital_level": str(rng.randint(1, 4)),
        "info_system": _yes(rng, 0.8),
        "certified_management": _yes(rng, 0.75),
        "own_brand": _yes(rng, 0.7),
        "chain_role": rng.choice(["fill_gap", "strengthen", "fill_blank", "six_basics", "supplier", "none"]),
        "operating_revenue": _money(revenue),
        "main_business_revenue": _money(revenue * main_share),
        "net_profit": _money(revenue * rng.uniform(0.01, 0.14))
        if rng.random() > 0.08
        else -_money(revenue * 0.03),
        "total_assets": _money(assets),
        "total_liabilities": _money(assets * rng.uniform(0.25, 0.75)),
        "export_revenue": _money(revenue * rng.uniform(0, 0.3)),
        "patented_product_revenue": _money(revenue * rng.uniform(0.2, 0.7)),
        "equity_financing": _money(rng.choice([0, 0, 0, rng.uniform(500, 6000)])),
        "employees": _count(employees),
        "rd_staff": _count(employees * rng.uniform(0.08, 0.35)),
        "ip_staff_fulltime": _count(enterprise.ip_staff_full_time or rng.randint(0, 3)),
        "ip_staff_parttime": _count(rng.randint(0, 4)),
        "core_staff": _count(employees * rng.uniform(0.05, 0.15)),
        "rd_expense": _money(rd),
        "ip_expense": _money(rd * rng.uniform(0.02, 0.12)),
        "rd_institution_level": rng.choice(INSTITUTION),
        "rd_institution_own": _yes(rng, 0.6),
        "valid_invention_patents": _count(patents),
        "valid_utility_models": _count(patents * rng.uniform(0.8, 3)),
        "valid_designs": _count(rng.randint(0, 15)),
        "high_value_invention_patents": _count(patents * rng.uniform(0.1, 0.5)),
        "main_product_class1_ip": _count(class1),
        "main_product_class1_own": _count(class1 * rng.uniform(0.5, 1)),
        "main_product_class1_high_value": _count(class1 * rng.uniform(0, 0.5)),
        "main_product_class2_ip": _count(rng.randint(0, 20)),
        "foreign_patents_valid": _count(rng.choice([0, 0, 1, 3, 6])),
        "invention_applications": _count(applications),
        "invention_grants": _count(min(applications * rng.uniform(0.2, 0.7), patents)),
        "utility_applications": _count(applications * rng.uniform(0.5, 2)),
        "utility_grants": _count(applications * rng.uniform(0.4, 1.5)),
        "design_applications": _count(rng.randint(0, 6)),
        "design_grants": _count(rng.randint(0, 4)),
        "pct_applications": _count(rng.choice([0, 0, 1, 2])),
        "foreign_applications": _count(rng.choice([0, 0, 1, 2, 4])),
        "foreign_grants": _count(rng.choice([0, 0, 0, 1])),
        "trademarks_domestic": _count(rng.randint(2, 40)),
        "trademarks_madrid": _count(rng.choice([0, 0, 1, 3])),
        "software_copyrights": _count(rng.randint(0, 30)),
        "ic_layouts": _count(rng.choice([0, 0, 0, 2])),
        "plant_varieties": Decimal(0),
        "geographical_indications": Decimal(0),
        "standards_international": _count(rng.choice([0, 0, 0, 1])),
        "standards_national": _count(rng.choice([0, 0, 1, 2])),
        "standards_industry": _count(rng.choice([0, 1, 2, 3])),
        "standards_local": _count(rng.choice([0, 0, 1])),
        "standards_group": _count(rng.choice([0, 1, 2])),
        "licences_out_count": _count(rng.choice([0, 0, 1, 2])),
        "licences_out_amount": _money(rng.choice([0, 0, rng.uniform(10, 300)])),
        "assignments_out_count": _count(rng.choice([0, 0, 1])),
        "assignments_out_amount": _money(rng.choice([0, 0, rng.uniform(20, 200)])),
        "licences_in_count": _count(rng.choice([0, 0, 1])),
        "licences_in_amount": _money(rng.choice([0, 0, rng.uniform(5, 80)])),
        "patent_pledges_count": _count(rng.choice([0, 0, 1, 2])),
        "patent_pledges_amount": _money(rng.choice([0, 0, rng.uniform(300, 3000)])),
        "trademark_pledges_count": Decimal(0),
        "trademark_pledges_amount": Decimal("0.00"),
        "ip_capital_amount": _money(rng.choice([0, 0, 0, rng.uniform(100, 800)])),
        "ip_insurance_count": _count(rng.choice([0, 0, 1])),
        "patents_in_standards": _count(rng.choice([0, 0, 1, 2])),
        "suits_plaintiff": _count(rng.choice([0, 0, 0, 1])),
        "suits_defendant": _count(rng.choice([0, 0, 0, 1])),
        "administrative_cases": Decimal(0),
        "customs_records": _count(rng.choice([0, 0, 2])),
        "fto_analyses": _count(rng.choice([0, 1, 2])),
        "gbt29490_certified": Decimal(1 if enterprise.gbt29490_certified else 0),
        "iso56005_grade": rng.choice(["0", "0", "0", "2", "3"]),
        "ip_strategy": _yes(rng, 0.6),
        "inventor_rewards": _yes(rng, 0.7),
        "inventor_rewards_amount": _money(rng.uniform(5, 80)),
        "invention_disclosures": _count(applications * rng.uniform(1, 2.5)),
        "ip_info_guides_rd": _yes(rng, 0.5),
        "quality_award": _yes(rng, 0.2),
        "iso9001": _yes(rng, 0.8),
        "sti_award": rng.choice(["none"] * 6 + ["provincial_top", "national_top"]),
        "chuangke_rank": rng.choice(["none"] * 8 + ["top500", "top50"]),
    }
    values["core_staff_ip_trained"] = _count(float(values["core_staff"]) * rng.uniform(0.3, 1))
    return values


def next_year(
    rng: random.Random, previous: dict[str, Decimal | str], *, jump: bool = False
) -> dict[str, Decimal | str]:
    """The following year: money and staff grow a little; with ``jump`` R&D expense more than
    doubles (a new plant, a big project) — a plausibility warning the enterprise explains."""
    growth = rng.uniform(-0.05, 0.2)
    values = dict(previous)
    for code in (
        "operating_revenue",
        "main_business_revenue",
        "total_assets",
        "export_revenue",
        "patented_product_revenue",
    ):
        values[code] = _money(float(previous[code]) * (1 + growth + rng.uniform(-0.02, 0.02)))
    values["main_business_revenue"] = min(values["main_business_revenue"], values["operating_revenue"])
    values["patented_product_revenue"] = min(values["patented_product_revenue"], values["operating_revenue"])
    values["export_revenue"] = min(values["export_revenue"], values["operating_revenue"])
    values["total_liabilities"] = _money(
        float(previous["total_liabilities"]) * (1 + growth + rng.uniform(-0.05, 0.05))
    )
    values["net_profit"] = previous["net_profit"] * Decimal(
        str(round(1 + growth + rng.uniform(-0.1, 0.1), 4))
    )
    values["net_profit"] = values["net_profit"].quantize(CENT)
    values["employees"] = _count(float(previous["employees"]) * (1 + growth / 2))
    values["rd_staff"] = min(_count(float(previous["rd_staff"]) * (1 + growth / 2)), values["employees"])
    values["core_staff"] = min(_count(float(previous["core_staff"]) * (1 + growth / 3)), values["employees"])
    values["core_staff_ip_trained"] = min(previous["core_staff_ip_trained"], values["core_staff"])
    rd_factor = rng.uniform(2.2, 3.0) if jump else 1 + growth + rng.uniform(0, 0.1)
    values["rd_expense"] = _money(float(previous["rd_expense"]) * rd_factor)
    values["ip_expense"] = _money(float(previous["ip_expense"]) * (1 + growth + rng.uniform(0, 0.1)))
    new_grants = _count(max(float(previous["invention_grants"]) + rng.randint(-1, 2), 0))
    values["valid_invention_patents"] = previous["valid_invention_patents"] + new_grants
    values["invention_grants"] = new_grants
    values["invention_applications"] = _count(
        float(previous["invention_applications"]) * (1 + rng.uniform(-0.2, 0.3))
    )
    values["high_value_invention_patents"] = min(
        previous["high_value_invention_patents"] + _count(rng.randint(0, 2)),
        values["valid_invention_patents"],
    )
    return values
