"""The ruleset file's format: the bundled file is valid, and each mistake is reported at its line."""

import pytest
from django.utils import translation

from innopilot.annual.readiness.loader import BUNDLED
from innopilot.annual.readiness.schema import RulesetFileError, ruleset_parse

MINIMAL = """\
urn: urn:innopilot:annual:readiness-test
version: 1
name: {zh: 测试规则, en: Test rules}
checks:
  - code: first
    kind: conditions
    label: {zh: 第一项, en: First}
    groups:
      - code: only
        label: {zh: 唯一, en: Only}
        rules:
          - code: revenue
            label: {zh: 营业收入, en: Revenue}
            value: {indicator: operating_revenue}
            at_least: 1000
  - code: second
    kind: score
    label: {zh: 第二项, en: Second}
    pass_total: 60
    rules:
      - code: intensity
        label: {zh: 研发强度, en: R&D intensity}
        max: 100
        value: {ratio: rd_intensity}
        bands:
          - {at_least: 5, points: 100}
          - {at_least: 3, points: 60}
"""


def bundled_text() -> str:
    return BUNDLED.read_text(encoding="utf-8")


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    index = -1
    for _ in range(occurrence):
        index = text.index(fragment, index + 1)
    return text.count("\n", 0, index) + 1


def problems(text: str) -> list[tuple[int, str]]:
    with translation.override("en"), pytest.raises(RulesetFileError) as caught:
        ruleset_parse(text, source="rules.yaml")
    return [(problem.line, problem.message) for problem in caught.value.problems]


def replaced(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_the_bundled_ruleset_is_valid_and_has_the_six_checks():
    ruleset, _raw = ruleset_parse(bundled_text(), source="bundled")
    assert [check.code for check in ruleset.checks] == [
        "is_sme",
        "innovative_sme_score",
        "zjtx_score",
        "zjtx_basic",
        "little_giant",
        "ip_advantage_trial",
    ]
    assert ruleset.urn == "urn:innopilot:annual:readiness" and ruleset.version == 1


def test_a_minimal_ruleset_is_valid():
    ruleset, _raw = ruleset_parse(MINIMAL, source="rules.yaml")
    assert [check.kind for check in ruleset.checks] == ["conditions", "score"]


def test_an_unknown_field_is_reported_at_its_line():
    text = replaced(MINIMAL, "            at_least: 1000", "            at_lest: 1000")
    found = problems(text)
    assert (line_of(text, "at_lest"), "unknown field “at_lest” (misspelt?)") in found


def test_an_unknown_kind_names_the_kinds():
    text = replaced(MINIMAL, "kind: score", "kind: points")
    assert problems(text) == [
        (line_of(text, "kind: points"), "must be one of 'size_class', 'conditions', 'score'")
    ]


def test_a_comparison_with_two_operators_is_refused():
    text = replaced(
        MINIMAL, "            at_least: 1000", "            at_least: 1000\n            at_most: 2000"
    )
    [(line, message)] = problems(text)
    assert line == line_of(text, "- code: revenue") and "one comparison per condition" in message


def test_a_rule_that_is_two_kinds_of_condition_at_once_is_refused():
    text = replaced(
        MINIMAL, "            at_least: 1000", "            at_least: 1000\n            check: first"
    )
    [(line, message)] = problems(text)
    assert line == line_of(text, "- code: revenue") and "exactly one of" in message


def test_a_check_may_only_use_an_earlier_check():
    text = replaced(
        MINIMAL,
        "            value: {indicator: operating_revenue}\n            at_least: 1000",
        "            check: second",
    )
    assert problems(text) == [
        (line_of(text, "check: second"), "the check must name an earlier check, not second")
    ]


def test_a_band_may_not_give_more_than_its_rule():
    text = replaced(MINIMAL, "- {at_least: 5, points: 100}", "- {at_least: 5, points: 101}")
    assert problems(text) == [(line_of(text, "points: 101"), "must be at most 100")]


def test_the_rules_maximum_points_add_up_to_100():
    text = replaced(MINIMAL, "        max: 100", "        max: 90")
    found = problems(text)
    assert (
        line_of(text, "    rules:\n      - code: intensity"),
        "the rules' maximum points add up to 90, not 100",
    ) in found
    assert (line_of(text, "points: 100"), "more points than the rule's maximum") in found


def test_several_years_need_a_way_to_combine_them():
    text = replaced(MINIMAL, "value: {ratio: rd_intensity}", "value: {ratio: rd_intensity, years: 2}")
    assert problems(text) == [
        (line_of(text, "years: 2"), "several years need “combine”: sum, mean, min or max")
    ]


def test_a_window_longer_than_five_years_is_refused():
    text = replaced(
        MINIMAL, "value: {ratio: rd_intensity}", "value: {ratio: rd_intensity, years: 6, combine: mean}"
    )
    assert problems(text) == [(line_of(text, "years: 6"), "must be at most 5")]


def test_a_choice_comparison_needs_one_indicator_in_one_year():
    text = replaced(
        MINIMAL,
        "value: {indicator: operating_revenue}\n            at_least: 1000",
        "value: {indicator: [chain_role, digital_level]}\n            in: [fill_gap]",
    )
    assert problems(text) == [
        (line_of(text, "in: [fill_gap]"), "“in” compares the choice of one indicator in one year")
    ]


def test_size_limits_must_fall_from_class_to_class():
    text = replaced(
        bundled_text(),
        "medium: {employees: 300, operating_revenue: 2000}",
        "medium: {employees: 1000, operating_revenue: 2000}",
    )
    assert problems(text) == [
        (line_of(text, "medium: {employees: 1000"), "each class's limit must be below the larger class's")
    ]


def test_a_division_in_two_sectors_is_refused():
    text = replaced(bundled_text(), 'divisions: ["52"]', 'divisions: ["51"]')
    assert problems(text) == [(line_of(text, 'divisions: ["51"]', 2), "51 belongs to an earlier sector")]


def test_a_repeated_key_is_reported():
    text = replaced(MINIMAL, "version: 1\n", "version: 1\nversion: 2\n")
    assert (line_of(text, "version: 2"), "“version” appears twice here") in problems(text)


def test_a_repeated_check_code_is_reported_at_the_second():
    text = replaced(MINIMAL, "  - code: second", "  - code: first")
    assert problems(text) == [(line_of(text, "- code: first", 2), "check code first appears twice")]


def test_a_group_minimum_above_its_rules_is_refused():
    text = replaced(
        MINIMAL,
        "    pass_total: 60\n",
        "    pass_total: 60\n    groups:\n"
        "      - {code: innovation, label: {zh: 创新, en: Innovation}, minimum: 20}\n",
    )
    assert problems(text) == [(line_of(text, "minimum: 20"), "more points than the group's rules can give")]


def test_invalid_yaml_is_reported_at_its_line():
    [(line, message)] = problems("urn: x\nchecks: [\n")
    assert line == 3 and message.startswith("not valid YAML")


def test_problems_are_in_the_readers_language():
    with translation.override("zh-hans"), pytest.raises(RulesetFileError) as caught:
        ruleset_parse(replaced(MINIMAL, "at_least: 1000", "at_lest: 1000"), source="rules.yaml")
    assert caught.value.problems[0].message == "无法识别的字段“at_lest”（是否拼写有误？）"
