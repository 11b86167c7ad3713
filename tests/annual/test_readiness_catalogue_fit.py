"""The bundled readiness rules fit the bundled indicator catalogue: every code they name exists, choice
values are the indicator's, yes/no indicators compare with true or false, numbers with numbers."""

import pytest

from innopilot.annual.models import IndicatorCatalogue
from innopilot.annual.readiness.loader import latest_ruleset
from innopilot.annual.spec import catalogue_spec

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec():
    return catalogue_spec(IndicatorCatalogue.objects.get(urn="urn:innopilot:annual:indicators", version=1))


def comparisons(node, operand=None):
    """Every (operand, condition) pair of the ruleset: comparisons with the operand they compare."""
    if isinstance(node, dict):
        operand = node.get("value", operand) if isinstance(node.get("value"), dict) else operand
        if any(key in node for key in ("at_least", "more_than", "at_most", "less_than", "equals", "in")):
            yield operand, node
        for key, value in node.items():
            if key != "value":
                yield from comparisons(value, operand)
    elif isinstance(node, list):
        for value in node:
            yield from comparisons(value, operand)


def operands(node):
    if isinstance(node, dict):
        if any(key in node for key in ("indicator", "ratio", "quotient", "fact")) and "code" not in node:
            yield node
        for value in node.values():
            yield from operands(value)
    elif isinstance(node, list):
        for value in node:
            yield from operands(value)


def test_every_indicator_and_ratio_the_rules_name_is_in_the_catalogue(spec):
    content = latest_ruleset().content
    ratios = {ratio.code for ratio in spec.ratios}
    named_indicators, named_ratios = set(), set()
    for operand in operands(content):
        named_indicators.update(operand.get("indicator") or [])
        if "quotient" in operand:
            named_indicators.update(operand["quotient"]["numerator"] + operand["quotient"]["denominator"])
        if "ratio" in operand:
            named_ratios.add(operand["ratio"])
    assert named_indicators - set(spec.by_code) == set()
    assert named_ratios - ratios == set()
    assert len(named_indicators) > 50 and len(named_ratios) == 7


def test_each_comparison_suits_its_indicators_unit(spec):
    checked = 0
    for operand, condition in comparisons(latest_ruleset().content):
        codes = (operand or {}).get("indicator") or []
        if len(codes) != 1 or (operand or {}).get("years", 1) > 1:
            continue
        indicator = spec.by_code[codes[0]]
        if "in" in condition:
            values = {value for value, _zh, _en in indicator.choices}
            assert indicator.unit == "choice" and set(condition["in"]) <= values, (codes, condition["in"])
        elif isinstance(condition.get("equals"), bool):
            assert indicator.unit == "yes_no", codes
        else:
            assert indicator.is_numeric and indicator.unit != "yes_no", codes
        checked += 1
    assert checked > 40


def test_the_items_the_domain_calls_self_declared_are_self_declared_in_the_catalogue(spec):
    for code in (
        "niche_years",
        "niche_market_share",
        "digital_level",
        "chain_role",
        "own_brand",
        "quality_award",
    ):
        assert spec.by_code[code].self_declared, code
