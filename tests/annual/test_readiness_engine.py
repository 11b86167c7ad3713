"""The readiness engine on plain inputs against the bundled ruleset: worked examples from domain.md §6.2
and §8 (boundaries, missing inputs, self-declared marks), then properties checked with hypothesis."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innopilot.annual.readiness.engine import (
    FAIL,
    NEAR,
    NOT_SCORED,
    PASS,
    SCORED,
    UNKNOWN,
    Inputs,
    YearData,
    as_json,
    evaluate,
)
from innopilot.annual.readiness.loader import BUNDLED
from innopilot.annual.readiness.schema import ruleset_parse

D = Decimal
YEAR = 2024
# The contract's self-declared indicators.
DECLARED = frozenset(
    {
        "niche_years",
        "strategic_emerging",
        "niche_market_share",
        "digital_level",
        "info_system",
        "certified_management",
        "own_brand",
        "chain_role",
        "quality_award",
        "sti_award",
        "chuangke_rank",
    }
)
RULESET = ruleset_parse(BUNDLED.read_text(encoding="utf-8"), source="bundled")[0]


def _decimals(mapping: dict) -> dict:
    return {
        k: (D(str(v)) if isinstance(v, int | float) and not isinstance(v, bool) else v)
        for k, v in mapping.items()
    }


def run(values=None, ratios=None, *, history=None, section="C", division="39", held=(), facts=None):
    """Every check's result by code. ``history``: {year: (values, ratios)}."""
    years = {YEAR: YearData(_decimals(values or {}), _decimals(ratios or {}))}
    for year, (earlier_values, earlier_ratios) in (history or {}).items():
        years[year] = YearData(_decimals(earlier_values), _decimals(earlier_ratios))
    inputs = Inputs(
        year=YEAR,
        years=years,
        self_declared=DECLARED,
        industry_section=section,
        industry_division=division,
        qualifications=frozenset(held),
        facts=_decimals(facts or {}),
    )
    return {check.code: check for check in evaluate(RULESET, inputs)}


def rule(check, code):
    for candidate in [
        *check.rules,
        *(r for g in check.groups for r in (*g.rules, *g.direct_passes)),
        *check.direct_passes,
    ]:
        if candidate.code == code:
            return candidate
    raise KeyError(code)


def group(check, code):
    return next(g for g in check.groups if g.code == code)


# --- SME size (工信部联企业〔2011〕300号) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("employees", "revenue", "size", "outcome"),
    [
        (120, 8000, "small", PASS),
        (19, 5000, "micro", PASS),
        (300, 2000, "medium", PASS),
        (300, "1999.99", "small", PASS),
        (999, 50000, "medium", PASS),
        (1000, "39999.99", "medium", PASS),
        (1000, 40000, "large", FAIL),
    ],
)
def test_an_industrial_enterprise_is_classed_by_employees_and_revenue(employees, revenue, size, outcome):
    check = run({"employees": employees, "operating_revenue": D(str(revenue))})["is_sme"]
    assert (check.size_class, check.outcome) == (size, outcome)
    assert check.sector["code"] == "industry" and check.sector["to_verify"] is None


def test_each_measure_row_says_whether_it_is_below_the_large_limit():
    check = run({"employees": 1200, "operating_revenue": 30000})["is_sme"]
    rows = {row.code: row for row in check.rules}
    assert (rows["employees"].outcome, rows["operating_revenue"].outcome) == (FAIL, PASS)
    assert rows["employees"].limits == {"large": "1000", "medium": "300", "small": "20"}
    assert check.outcome == PASS and check.size_class == "medium"


def test_one_measure_below_the_large_limit_makes_an_sme_even_when_the_other_is_missing():
    check = run({"employees": 500})["is_sme"]
    assert check.outcome == PASS and check.size_class is None  # medium or small: revenue decides
    assert run({"employees": 1500})["is_sme"].outcome == UNKNOWN


def test_other_sectors_use_their_own_limits_and_say_they_are_to_verify():
    wholesale = run({"employees": 150, "operating_revenue": 30000}, section="F", division="51")["is_sme"]
    assert (wholesale.sector["code"], wholesale.size_class) == ("wholesale", "medium")
    assert wholesale.sector["to_verify"]
    building = run({"operating_revenue": 90000, "total_assets": 85000}, section="E", division="48")["is_sme"]
    assert (building.size_class, building.outcome) == ("large", FAIL)


@pytest.mark.parametrize(("section", "division"), [("", ""), ("J", "66"), ("G", "53")])
def test_without_an_industry_or_limits_for_it_the_size_is_unknown(section, division):
    check = run({"employees": 10, "operating_revenue": 100}, section=section, division=division)["is_sme"]
    assert check.outcome == UNKNOWN and check.sector is None


# --- Innovative SME (§8.1) ---------------------------------------------------------------------------

EXACTLY_60 = {
    "values": {"main_product_class1_ip": 1, "strategic_emerging": D(1)},
    "ratios": {
        "rd_intensity": "2.50",
        "main_business_growth": 12,
        "debt_ratio": 50,
        "main_business_share": 52,
    },
}


def innovative(values=None, ratios=None, **kwargs):
    merged_values = {**EXACTLY_60["values"], **(values or {})}
    merged_ratios = {**EXACTLY_60["ratios"], **(ratios or {})}
    return run(merged_values, {k: v for k, v in merged_ratios.items() if v is not None}, **kwargs)[
        "innovative_sme_score"
    ]


def test_exactly_60_points_with_every_group_at_its_minimum_passes():
    check = innovative()
    assert (check.outcome, check.score, check.max_score) == (PASS, D(60), D(100))
    assert [(g.code, g.points) for g in check.groups] == [
        ("innovation", D(20)),
        ("growth", D(25)),
        ("specialization", D(15)),
    ]
    assert rule(check, "main_product_ip").points == D(10)  # Class I, neither own nor high-value


@pytest.mark.parametrize(
    ("intensity", "points"), [("5.00", 20), ("4.99", 15), ("3.00", 15), ("2.99", 10), ("0.99", 0)]
)
def test_rd_intensity_points_follow_the_bands(intensity, points):
    assert rule(innovative(ratios={"rd_intensity": intensity}), "rd_intensity").points == D(points)


def test_a_group_below_its_minimum_fails_the_score_even_with_60_points_in_all():
    # R&D 1.99% gives 5 instead of 10: total 55, innovation 15 (5 short): within the 10-point margin.
    check = innovative(ratios={"rd_intensity": "1.99"})
    assert (check.score, group(check, "innovation").outcome, check.outcome) == (D(55), FAIL, NEAR)
    high_total = innovative(values={"main_product_class1_ip": 0}, ratios={"main_business_share": 75})
    assert high_total.score == D(65) and group(high_total, "innovation").points == D(10)
    assert high_total.outcome == NEAR  # 65 points, but innovation 10 of at least 20


def test_far_below_the_pass_mark_fails():
    check = innovative(
        values={"main_product_class1_ip": 0, "strategic_emerging": D(0)},
        ratios={
            "rd_intensity": "0.5",
            "main_business_growth": -1,
            "debt_ratio": 80,
            "main_business_share": 40,
        },
    )
    assert (check.score, check.outcome) == (D(5), FAIL)


@pytest.mark.parametrize(
    ("extra", "held", "passing_rule"),
    [
        ({}, {"high_tech"}, "valid_title"),
        ({}, {"national_ip_advantage"}, "valid_title"),
        ({"sti_award": "provincial_top"}, set(), "sti_award"),
        ({"rd_institution_level": "provincial"}, set(), "rd_institution"),
    ],
)
def test_a_direct_pass_passes_whatever_the_score(extra, held, passing_rule):
    weak = {"main_product_class1_ip": 0, "strategic_emerging": D(0), **extra}
    check = innovative(values=weak, ratios={"rd_intensity": "0.5", "debt_ratio": 80}, held=held)
    assert check.outcome == PASS and check.direct_pass
    assert rule(check, passing_rule).outcome == PASS
    assert check.score < 60


def test_equity_financing_over_three_years_counts_the_years_reported():
    history = {2023: ({"equity_financing": 250}, {})}
    weak = {"main_product_class1_ip": 0, "equity_financing": 300}
    check = innovative(values=weak, ratios={"rd_intensity": "0.5"}, history=history)
    equity = rule(check, "equity_financing")
    assert equity.outcome == PASS and equity.inputs[0].value == D(550)
    assert equity.inputs[0].missing_years == (2022,)


def test_a_provincial_ip_title_is_a_direct_pass_marked_to_verify():
    check = innovative(
        values={"main_product_class1_ip": 0}, ratios={"rd_intensity": "0.5"}, held={"cq_ip_advantage"}
    )
    assert check.outcome == PASS and rule(check, "provincial_ip_title").to_verify


def test_a_missing_growth_leaves_the_score_unknown_and_names_the_input():
    check = innovative(ratios={"main_business_growth": None})
    growth = rule(check, "main_business_growth")
    assert (
        growth.outcome == UNKNOWN
        and growth.missing
        and growth.inputs[0].source == {"ratio": "main_business_growth"}
    )
    assert (check.score, check.low, check.high, check.outcome) == (None, D(45), D(65), UNKNOWN)


def test_a_missing_direct_pass_does_not_make_the_check_unknown():
    check = innovative(ratios={"rd_intensity": "0.5", "debt_ratio": 80, "main_business_share": 40})
    assert rule(check, "sti_award").outcome == UNKNOWN
    assert check.outcome == FAIL


def test_self_declared_and_zero_filled_inputs_are_marked():
    check = innovative()
    field = rule(check, "product_field")
    assert field.self_declared and field.points == D(10)
    assert not rule(check, "rd_intensity").self_declared
    ip = rule(check, "main_product_ip")
    assert ip.inputs[0].zero_filled == ("main_product_class1_high_value",) and ip.inputs[0].value == D(0)
    assert check.self_declared


# --- 专精特新 SME score and conditions (§8.2) ----------------------------------------------------------

ZJTX_55 = {
    "values": {
        "niche_years": 7,
        "chain_role": "supplier",
        "digital_level": "2",
        "iso9001": D(1),
        "own_brand": D(1),
        "quality_award": D(0),
        "main_product_class1_own": 2,
        "main_product_class1_ip": 2,
        "rd_expense": 250,
        "rd_institution_level": "municipal",
    },
    "ratios": {
        "main_business_share": 85,
        "main_business_growth_2y": 9,
        "net_margin": "6.5",
        "debt_ratio": 55,
        "rd_intensity": "4.2",
        "rd_staff_share": 12,
    },
}


def zjtx(values=None, ratios=None, **kwargs):
    return run({**ZJTX_55["values"], **(values or {})}, {**ZJTX_55["ratios"], **(ratios or {})}, **kwargs)


def test_zjtx_score_adds_the_thirteen_items_by_hand():
    check = zjtx()["zjtx_score"]
    points = {r.code: r.points for r in check.rules}
    assert points == {
        "main_business_share": D(5),
        "main_business_growth_2y": D(8),
        "niche_years": D(3),
        "product_field": D(3),
        "digital_level": D(3),
        "quality": D(5),  # 3 + 3, at most 5
        "net_margin": D(6),
        "debt_ratio": D(3),
        "distinctive_indicators": None,
        "main_product_ip": D(8),
        "rd_input": D(4),  # 250 万元 or 4.2%: the 200–300 / 4–6% band
        "rd_staff_share": D(3),
        "rd_institution": D(4),
    }
    assert (check.score, check.max_score, check.outcome) == (D(55), D(85), NEAR)
    assert rule(check, "distinctive_indicators").outcome == NOT_SCORED
    assert rule(check, "distinctive_indicators").to_verify


def test_zjtx_score_of_exactly_60_passes():
    check = zjtx({"niche_years": 8, "chain_role": "fill_gap", "digital_level": "3"})["zjtx_score"]
    assert (check.score, check.outcome) == (D(60), PASS)


def test_zjtx_score_near_means_within_15_points_for_the_unscored_provincial_item():
    low = {
        "niche_years": 3,
        "chain_role": "none",
        "digital_level": "1",
        "iso9001": D(0),
        "rd_institution_level": "none",
    }
    check = zjtx(low)[
        "zjtx_score"
    ]  # 55 − 2 (niche) − 3 (field) − 3 (digital) − 2 (quality) − 4 (institution)
    assert (check.score, check.outcome) == (D(41), FAIL)
    check = zjtx({**low, "rd_institution_level": "lower", "niche_years": 4})["zjtx_score"]
    assert (check.score, check.outcome) == (D(44), FAIL)
    check = zjtx({**low, "rd_institution_level": "lower"}, {"net_margin": 8})["zjtx_score"]
    assert (check.score, check.outcome) == (D(45), NEAR)


@pytest.mark.parametrize(
    ("expense", "intensity", "points"),
    [(500, "0.5", 10), (100, 10, 10), ("499.99", "9.99", 8), (100, "0.1", 2), ("99.99", "2.99", 0)],
)
def test_zjtx_rd_input_takes_the_better_of_amount_and_share(expense, intensity, points):
    check = zjtx({"rd_expense": D(str(expense))}, {"rd_intensity": D(str(intensity))})["zjtx_score"]
    assert rule(check, "rd_input").points == D(points)


def test_zjtx_items_4_5_6_and_9_are_self_declared():
    check = zjtx()["zjtx_score"]
    declared = {r.code for r in check.rules if r.self_declared}
    assert {"product_field", "digital_level", "quality", "distinctive_indicators"} <= declared
    assert "niche_years" in declared  # from the catalogue's self-declared mark
    assert not rule(check, "net_margin").self_declared


# Conditions at their thresholds; the score items they touch change the 55 above to 61:
# niche 2 (1 point, −2), fill_gap (+2), digital 3 (+2), R&D 100 万元 (2 points, −2), net margin 10% (+4),
# debt ratio 50% (+2).
BASIC = {
    "niche_years": 2,
    "rd_expense": 100,
    "operating_revenue": 1000,
    "chain_role": "fill_gap",
    "digital_level": "3",
}
BASIC_RATIOS = {"rd_intensity": "3.00", "net_margin": 10, "debt_ratio": 50}


def basic(values=None, ratios=None, **kwargs):
    checks = zjtx({**BASIC, **(values or {})}, {**BASIC_RATIOS, **(ratios or {})}, **kwargs)
    return checks["zjtx_basic"]


def test_zjtx_basic_conditions_at_their_thresholds_pass():
    check = basic()
    assert rule(check, "zjtx_score").outcome == PASS
    assert [g.outcome for g in check.groups] == [PASS, PASS, PASS, PASS]
    assert check.outcome == PASS


def test_one_condition_short_nearly_passes_and_two_fail():
    check = basic(ratios={"rd_intensity": "2.99"})
    assert (check.outcome, check.failed, group(check, "rd").outcome) == (NEAR, 1, FAIL)
    check = basic({"niche_years": 1}, {"rd_intensity": "2.99"})
    assert (check.outcome, check.failed) == (FAIL, 2)


def test_small_revenue_is_made_up_by_equity_financing_over_two_years():
    history = {2023: ({"equity_financing": 1500}, {})}
    check = basic({"operating_revenue": 900, "equity_financing": 500}, history=history)
    assert rule(check, "operating_revenue").outcome == FAIL
    assert group(check, "scale").outcome == PASS and check.outcome == PASS
    assert rule(check, "equity_financing").inputs[0].value == D(2000)


def test_a_score_below_60_is_made_up_by_a_direct_pass():
    history = {2023: ({"rd_expense": 800}, {})}
    # R&D 1200 万元 (10 points, +8), no chain role (−5), digital level 1 (−5): 59 points.
    check = basic({"rd_expense": 1200, "chain_role": "none", "digital_level": "1"}, history=history)
    assert rule(check, "zjtx_score").outcome == FAIL
    assert rule(check, "zjtx_score").inputs[0].value == NEAR
    assert group(check, "score").direct_pass
    assert rule(check, "rd_expense_2y").inputs[0].value == D(1000)
    assert check.outcome == PASS


# --- Little giant (§8.3) -----------------------------------------------------------------------------

GIANT_VALUES = {
    "employees": 250,
    "operating_revenue": 12000,
    "niche_years": 4,
    "info_system": D(1),
    "certified_management": D(1),
    "niche_market_share": 12,
    "own_brand": D(1),
    "rd_institution_own": D(1),
    "main_product_class1_ip": 3,
    "chain_role": "fill_gap",
    "strategic_emerging": D(1),
}
GIANT_RATIOS = {
    "main_business_share": 80,
    "main_business_growth_2y": 8,
    "debt_ratio": 60,
    "rd_intensity": "3.5",
}


def giant(values=None, ratios=None, previous_intensity="3.00", **kwargs):
    history = kwargs.pop("history", {2023: ({}, {"rd_intensity": previous_intensity})})
    return run(
        {**GIANT_VALUES, **(values or {})},
        {**GIANT_RATIOS, **(ratios or {})},
        history=history,
        held=kwargs.pop("held", {"zjtx_sme"}),
        facts={"established_years": 5},
        **kwargs,
    )["little_giant"]


def test_an_enterprise_meeting_every_condition_passes():
    check = giant()
    assert check.outcome == PASS, [(g.code, g.outcome) for g in check.groups]
    used = rule(check, "rd_by_revenue").inputs
    assert [u.value for u in used] == [D(12000), D("3.00")]  # revenue, then the lower of the 2 years


def test_rd_intensity_must_hold_in_both_years_for_the_revenue_band():
    assert giant(previous_intensity="2.99").outcome == NEAR
    mid = {"operating_revenue": 8000}
    assert giant(mid, {"rd_intensity": "6.5"}, previous_intensity="6.00").outcome == PASS
    check = giant(mid, {"rd_intensity": "6.5"}, previous_intensity="5.99")
    assert (check.outcome, group(check, "innovation").failed) == (NEAR, 1)


def test_below_50_million_equity_rd_total_and_rd_staff_decide():
    history = {2023: ({"equity_financing": 3500, "rd_expense": 1500}, {"rd_intensity": 40})}
    small = {"operating_revenue": 4000, "equity_financing": 5000, "rd_expense": 1600}
    assert giant(small, {"rd_staff_share": 55}, history=history).outcome == PASS
    assert giant(small, {"rd_staff_share": "49.99"}, history=history).outcome == NEAR


def test_without_last_years_data_the_rd_condition_is_unknown():
    check = giant(history={})
    assert rule(check, "rd_by_revenue").outcome == UNKNOWN
    assert check.outcome == UNKNOWN


def test_innovation_can_pass_directly_with_a_chuangke_top_50():
    check = giant({"rd_institution_own": D(0), "chuangke_rank": "top50"}, previous_intensity="1")
    innovation = group(check, "innovation")
    assert innovation.outcome == PASS and innovation.direct_pass
    assert check.outcome == PASS


def test_the_prerequisites_need_an_sme_and_a_valid_zjtx_title():
    check = giant(held=set())
    assert (group(check, "prerequisite").outcome, check.outcome) == (FAIL, NEAR)
    large = giant({"employees": 1200, "operating_revenue": 50000})
    assert rule(large, "is_sme").outcome == FAIL
    assert rule(large, "is_sme").inputs[0].value == FAIL


def test_market_share_and_brand_are_marked_self_declared():
    check = giant()
    assert rule(check, "niche_market_share").self_declared and rule(check, "own_brand").self_declared
    assert not rule(check, "debt_ratio").self_declared
    assert group(check, "chain").to_verify and group(check, "product").to_verify


# --- National IP advantage trial indicators (§6.2a) --------------------------------------------------


def test_ip_advantage_trial_score_by_hand():
    values = {
        "ip_info_guides_rd": D(1),
        "valid_invention_patents": 12,
        "valid_utility_models": 20,
        "valid_designs": 3,
        "invention_applications": 5,
        "utility_applications": 6,
        "design_applications": 1,
        "invention_grants": 2,
        "trademarks_domestic": 6,
        "software_copyrights": 3,
        "foreign_applications": 1,
        "operating_revenue": 10000,
        "patented_product_revenue": 3000,
        "licences_out_amount": 60,
        "ip_strategy": D(1),
        "inventor_rewards": D(0),
        "ip_staff_fulltime": 2,
        "ip_expense": 40,
        "rd_expense": 350,
        "core_staff": 20,
        "core_staff_ip_trained": 10,
        "fto_analyses": 1,
    }
    earlier = {
        "invention_applications": 4,
        "utility_applications": 3,
        "design_applications": 0,
        "invention_grants": 1,
        "operating_revenue": 8000,
        "patented_product_revenue": 2000,
        "ip_expense": 30,
        "rd_expense": 200,
    }
    history = {2023: (earlier, {"rd_intensity": "2.50"})}
    check = run(values, {"rd_intensity": "3.50"}, history=history, held={"gbt29490_certified"})[
        "ip_advantage_trial"
    ]
    points = {r.code: r.points for r in check.rules}
    assert points == {
        "ip_info_guides_rd": D(5),
        "valid_patents": D(4),  # 35
        "applications_3y": D(4),  # 12 + 7 = 19
        "other_ip": D(3),  # 9
        "invention_share_3y": D(4),  # 9 / 19 = 47.37%
        "grant_rate_3y": D(3),  # 3 / 9 = 33.33%
        "foreign_applications": D(1),
        "patented_product_share_3y": D(6),  # 5000 / 18000 = 27.78%
        "exploitation_income": D(5),  # licensing 60
        "gbt29490": D(10),  # the directory's certificate
        "ip_strategy": D(2),
        "inventor_rewards": D(0),
        "ip_department": D(5),
        "rd_intensity_3y": D(2),  # (3.50 + 2.50) / 2
        "ip_spend_share_3y": D(5),  # 70 / 550 = 12.73%
        "core_staff_training": D(4),  # 10 / 20 = 50%
        "other_protection": D(2),
    }
    assert [(g.code, g.points) for g in check.groups] == [
        ("creation", D(24)),
        ("exploitation", D(11)),
        ("management", D(30)),
    ]
    assert (check.score, check.outcome) == (D(65), PASS)
    assert rule(check, "invention_share_3y").inputs[0].value == D("47.37")
    assert check.to_verify


# --- Results as JSON ---------------------------------------------------------------------------------


def test_results_turn_into_json_with_decimals_as_text():
    data = as_json(list(run({"employees": 10, "operating_revenue": 100}).values()))
    assert [check["code"] for check in data] == [
        "is_sme",
        "innovative_sme_score",
        "zjtx_score",
        "zjtx_basic",
        "little_giant",
        "ip_advantage_trial",
    ]
    assert data[0]["rules"][0]["inputs"][0]["value"] == "10"


# --- Properties --------------------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)


def _scores(rd_expense: Decimal, revenue: Decimal) -> dict[str, Decimal]:
    intensity = (rd_expense * 100 / revenue).quantize(Decimal("0.01"))
    checks = run(
        {"rd_expense": rd_expense, "operating_revenue": revenue, "employees": 50},
        {"rd_intensity": intensity, "main_business_growth": 5, "debt_ratio": 50, "main_business_share": 60},
        history={2023: ({"rd_expense": rd_expense}, {"rd_intensity": intensity})},
    )
    return {code: checks[code].low for code in ("innovative_sme_score", "zjtx_score")}


@settings(max_examples=60, deadline=None)
@given(rd=money, revenue=money.filter(lambda r: r > 0), more=money)
def test_raising_rd_expense_never_lowers_a_score(rd, revenue, more):
    before, after = _scores(rd, revenue), _scores(rd + more, revenue)
    assert all(after[code] >= before[code] for code in before), (before, after)


@settings(max_examples=60, deadline=None)
@given(
    intensity=st.decimals(min_value=0, max_value=20, places=2),
    growth=st.decimals(min_value=-20, max_value=40, places=2),
    debt=st.decimals(min_value=0, max_value=100, places=2),
    share=st.decimals(min_value=0, max_value=100, places=2),
    strategic=st.sampled_from([D(0), D(1)]),
)
def test_a_pass_or_fail_with_a_missing_input_holds_whatever_its_value(
    intensity, growth, debt, share, strategic
):
    ratios = {
        "rd_intensity": intensity,
        "main_business_growth": growth,
        "debt_ratio": debt,
        "main_business_share": share,
    }
    values = {"main_product_class1_ip": 1}
    missing = run(values, ratios)["innovative_sme_score"]
    known = run({**values, "strategic_emerging": strategic}, ratios)["innovative_sme_score"]
    assert known.outcome in (PASS, NEAR, FAIL)
    if missing.outcome in (PASS, FAIL):
        assert known.outcome == missing.outcome
    assert missing.low <= known.score <= missing.high


def test_every_scored_rule_stays_within_its_maximum():
    check = run({}, {})["innovative_sme_score"]
    for result in check.rules:
        assert result.outcome in (SCORED, UNKNOWN)
        assert D(0) <= result.low <= result.high <= result.max_points
