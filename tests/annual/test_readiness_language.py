"""The rule language's meaning on small rulesets: three-valued combinations, cases, items, windows over
years, references to earlier checks and what counts as "nearly passes"."""

from decimal import Decimal

from innopilot.annual.readiness.engine import FAIL, NEAR, PASS, UNKNOWN, Inputs, YearData, evaluate
from innopilot.annual.readiness.schema import RulesetFile

D = Decimal
LABEL = {"zh": "测试", "en": "Test"}


def ruleset(*checks) -> RulesetFile:
    return RulesetFile.model_validate(
        {"urn": "urn:innopilot:test:rules", "version": 1, "name": LABEL, "checks": list(checks)}
    )


def conditions(code="c", near=1, **group):
    return {
        "code": code,
        "kind": "conditions",
        "label": LABEL,
        "near": {"failed_rules": near},
        "groups": [{"code": "g", "label": LABEL, **group}],
    }


def condition_rule(code, **condition):
    return {"code": code, "label": LABEL, **condition}


def evaluate_one(check, values=None, *, history=None, held=(), **inputs):
    years = {2024: YearData(values or {})}
    years.update({year: YearData(v) for year, v in (history or {}).items()})
    data = Inputs(year=2024, years=years, qualifications=frozenset(held), **inputs)
    return evaluate(ruleset(check), data)[-1]


AT_LEAST_10 = condition_rule("a", value={"indicator": "a"}, at_least=10)
AT_LEAST_20 = condition_rule("b", value={"indicator": "b"}, at_least=20)


def test_all_rules_of_a_group_must_hold_and_an_unknown_one_leaves_it_unknown():
    check = conditions(rules=[AT_LEAST_10, AT_LEAST_20])
    assert evaluate_one(check, {"a": D(10), "b": D(20)}).outcome == PASS
    assert evaluate_one(check, {"a": D(10)}).outcome == UNKNOWN
    assert evaluate_one(check, {"a": D(9)}).outcome == UNKNOWN  # one failed, one unknown: could be near
    assert evaluate_one(check, {"a": D(9), "b": D(20)}).outcome == NEAR
    assert evaluate_one(check, {"a": D(9), "b": D(19)}).outcome == FAIL


def test_a_group_requiring_any_rule_passes_on_one_and_counts_as_one_failure():
    check = conditions(require="any", rules=[AT_LEAST_10, AT_LEAST_20], near=0)
    assert evaluate_one(check, {"a": D(10)}).outcome == PASS  # b unknown does not matter
    result = evaluate_one(check, {"a": D(1), "b": D(1)})
    assert (result.outcome, result.failed) == (FAIL, 1)


def test_cases_choose_the_first_that_holds_and_an_unknown_choice_is_unknown():
    rule = condition_rule(
        "banded",
        cases=[
            {
                "when": {"value": {"indicator": "size"}, "at_least": 100},
                "then": {"value": {"indicator": "x"}, "at_least": 3},
            },
            {
                "when": {"value": {"indicator": "size"}, "at_least": 0},
                "then": {"value": {"indicator": "x"}, "at_least": 6},
            },
        ],
    )
    check = conditions(rules=[rule])
    assert evaluate_one(check, {"size": D(100), "x": D(3)}).outcome == PASS
    assert evaluate_one(check, {"size": D(99), "x": D(3)}).outcome == NEAR
    assert evaluate_one(check, {"x": D(9)}).outcome == UNKNOWN
    assert evaluate_one(check, {"size": D(-1), "x": D(9)}).outcome == NEAR  # no case holds: not met


def test_any_is_true_on_one_known_part_and_all_false_on_one_known_part():
    either = condition_rule(
        "either",
        any=[{"value": {"indicator": "a"}, "at_least": 1}, {"value": {"indicator": "b"}, "at_least": 1}],
    )
    both = condition_rule(
        "both",
        all=[{"value": {"indicator": "a"}, "at_least": 1}, {"value": {"indicator": "b"}, "at_least": 1}],
    )
    assert evaluate_one(conditions(rules=[either]), {"a": D(1)}).outcome == PASS
    assert evaluate_one(conditions(rules=[both], near=0), {"a": D(0)}).outcome == FAIL


def test_a_window_over_years_combines_the_years_and_waits_for_every_year_by_default():
    lowest = condition_rule("lowest", value={"indicator": "x", "years": 2, "combine": "min"}, at_least=3)
    check = conditions(rules=[lowest], near=0)
    assert evaluate_one(check, {"x": D(5)}, history={2023: {"x": D(3)}}).outcome == PASS
    assert evaluate_one(check, {"x": D(5)}, history={2023: {"x": D("2.99")}}).outcome == FAIL
    assert evaluate_one(check, {"x": D(5)}, history={2022: {"x": D(9)}}).outcome == UNKNOWN  # 2023 missing
    mean = condition_rule(
        "mean", value={"indicator": "x", "years": 3, "combine": "mean", "min_years": 2}, at_least=4
    )
    result = evaluate_one(conditions(rules=[mean]), {"x": D(5)}, history={2022: {"x": D(3)}})
    assert result.outcome == PASS and result.groups[0].rules[0].inputs[0].value == D(4)
    assert result.groups[0].rules[0].inputs[0].missing_years == (2023,)


def test_an_empty_optional_value_counts_as_zero_only_when_the_rule_says_so():
    strict = condition_rule("strict", value={"indicator": ["a", "b"]}, at_least=1)
    lenient = condition_rule("lenient", value={"indicator": ["a", "b"], "missing_as_zero": True}, at_least=1)
    assert evaluate_one(conditions(rules=[strict]), {"a": D(2)}).outcome == UNKNOWN
    result = evaluate_one(conditions(rules=[lenient]), {"a": D(2)})
    assert result.outcome == PASS and result.groups[0].rules[0].inputs[0].zero_filled == ("b",)


def test_a_quotient_is_the_percentage_of_the_totals_and_may_say_what_zero_means():
    rule = condition_rule(
        "share",
        value={"quotient": {"numerator": ["n"], "denominator": ["d"], "when_zero": 0}, "years": 2},
        more_than=0,
    )
    result = evaluate_one(
        conditions(rules=[rule], near=0), {"n": D(1), "d": D(3)}, history={2023: {"n": D(0), "d": D(0)}}
    )
    assert result.groups[0].rules[0].inputs[0].value == D("33.33")
    result = evaluate_one(
        conditions(rules=[rule], near=0), {"n": D(0), "d": D(0)}, history={2023: {"n": D(0), "d": D(0)}}
    )
    assert (result.outcome, result.groups[0].rules[0].inputs[0].value) == (FAIL, D(0))


def test_a_yes_no_value_compares_with_true_and_a_choice_with_its_values():
    yes = condition_rule("yes", value={"indicator": "flag"}, equals=True)
    choice = condition_rule("choice", value={"indicator": "level"}, **{"in": ["3", "4"]})
    assert evaluate_one(conditions(rules=[yes]), {"flag": D(1)}).outcome == PASS
    assert evaluate_one(conditions(rules=[yes], near=0), {"flag": D(0)}).outcome == FAIL
    assert evaluate_one(conditions(rules=[choice]), {"level": "4"}).outcome == PASS
    assert evaluate_one(conditions(rules=[choice], near=0), {"level": "2"}).outcome == FAIL


def test_a_qualification_held_today_is_a_condition():
    rule = condition_rule("title", qualification=["high_tech"])
    assert evaluate_one(conditions(rules=[rule]), held={"high_tech"}).outcome == PASS
    assert evaluate_one(conditions(rules=[rule], near=0)).outcome == FAIL


def test_a_check_can_rely_on_an_earlier_checks_outcome():
    first = conditions(code="first", rules=[AT_LEAST_10])
    second = conditions(code="second", rules=[condition_rule("ref", check="first")], near=0)
    rules = ruleset(first, second)
    outcomes = [c.outcome for c in evaluate(rules, Inputs(year=2024, years={2024: YearData({"a": D(10)})}))]
    assert outcomes == [PASS, PASS]
    outcomes = [c.outcome for c in evaluate(rules, Inputs(year=2024, years={2024: YearData({})}))]
    assert outcomes == [UNKNOWN, UNKNOWN]
    outcomes = [c.outcome for c in evaluate(rules, Inputs(year=2024, years={2024: YearData({"a": D(9)})}))]
    assert outcomes == [NEAR, FAIL]  # "nearly" is not "passes"


def score_check(rules, *, pass_total=60, near=10, groups=(), direct=()):
    return {
        "code": "s",
        "kind": "score",
        "label": LABEL,
        "pass_total": pass_total,
        "near": {"points": near},
        "groups": list(groups),
        "rules": rules,
        "direct_passes": list(direct),
    }


def test_items_add_up_to_the_rules_maximum_and_unknown_items_widen_the_range():
    items = {
        "code": "items",
        "label": LABEL,
        "max": 100,
        "items": [
            {"value": {"indicator": "a"}, "at_least": 1, "points": 60},
            {"value": {"indicator": "b"}, "at_least": 1, "points": 60},
        ],
    }
    check = score_check([items])
    both = evaluate_one(check, {"a": D(1), "b": D(1)})
    assert (both.score, both.outcome) == (D(100), PASS)
    one_unknown = evaluate_one(check, {"a": D(0)})
    assert (one_unknown.score, one_unknown.low, one_unknown.high, one_unknown.outcome) == (
        None,
        D(0),
        D(60),
        UNKNOWN,
    )
    assert evaluate_one(check, {"a": D(1)}).outcome == PASS  # 60 already, whatever b is


def test_bands_with_an_unknown_band_give_the_range_of_what_could_follow():
    bands = {
        "code": "bands",
        "label": LABEL,
        "max": 100,
        "bands": [
            {"value": {"indicator": "a"}, "at_least": 1, "points": 100},
            {"value": {"indicator": "b"}, "at_least": 1, "points": 50},
        ],
        "otherwise": 10,
    }
    result = evaluate_one(score_check([bands]), {"b": D(1)})
    assert (result.low, result.high, result.outcome) == (D(50), D(100), UNKNOWN)
    result = evaluate_one(score_check([bands]), {"b": D(0)})
    assert (result.low, result.high) == (D(10), D(100))


def test_a_not_scored_rule_counts_neither_way():
    scored = {
        "code": "a",
        "label": LABEL,
        "max": 85,
        "value": {"indicator": "a"},
        "bands": [{"at_least": 1, "points": 85}],
    }
    later = {"code": "later", "label": LABEL, "max": 15, "not_scored": True}
    check = evaluate_one(score_check([scored, later]), {"a": D(1)})
    assert (check.score, check.max_score, check.outcome) == (D(85), D(85), PASS)
