"""The catalogue file's checks: each mistake an author can make is named at its line."""

from pathlib import Path

import pytest
from django.utils import translation

from innopilot.annual.catalogue.schema import CatalogueFileError, catalogue_parse

SAMPLE = Path(__file__).parent / "data" / "catalogue-sample-v1.yaml"


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def problems_of(text: str) -> list[tuple[int, str]]:
    with translation.override("en"), pytest.raises(CatalogueFileError) as caught:
        catalogue_parse(text, source="catalogue.yaml")
    return [(problem.line, problem.message) for problem in caught.value.problems]


def line_of(text: str, fragment: str) -> int:
    return text.count("\n", 0, text.index(fragment)) + 1


# (what is changed, into what, the fragment on the problem's line, the message)
MISTAKES = [
    (
        "      - code: rd_staff\n",
        "      - code: employees\n",
        "      - code: employees\n        label: {zh: 研发人员",
        "indicator code employees appears twice",
    ),
    (
        "  - code: people\n",
        "  - code: finance\n",
        "  - code: finance\n    name: {zh: 人员",
        "group code finance appears twice",
    ),
    (
        "right: [employees]}",
        "right: [staff]}",
        "right: [staff]}",
        "“staff” is not an indicator of this catalogue",
    ),
    (
        "left: [rd_staff], op",
        "left: [rd_level], op",
        "left: [rd_level], op",
        "“rd_level” is not an amount, a count or a percentage",
    ),
    ("left: [rd_staff], op", "left: [rd_expense], op", "{code: rd_staff_within", "mixes units"),
    (
        "left: [rd_staff], op",
        "left: [employees], op",
        "{code: rd_staff_within",
        "employees stands on both sides",
    ),
    (
        "        min: 1\n",
        "        min: 5\n        max: 2\n",
        "max: 2",
        "the maximum must not be below the minimum",
    ),
    ("        max: 100\n", "        max: 120\n", "max: 120", "a percentage lies between 0 and 100"),
    ("        min: 1\n", "        min: 1.5\n", "min: 1.5", "has more decimal places than the indicator (0)"),
    ("        min: 1\n", "        min: -1\n", "min: -1", "a count is never negative"),
    ("        min: 1\n", "        decimal_places: 2\n", "decimal_places: 2", "at most 0 decimal places"),
    (
        "        unit: yes_no\n",
        "        unit: yes_no\n        min: 0\n",
        "        min: 0\n        help: {zh: 正式文件",
        "only numbers and years have a range",
    ),
    (
        "        unit: yes_no\n",
        "        unit: yes_no\n        choices: [{value: y, zh: 是}]\n",
        "choices: [{value: y",
        "only an indicator with the unit “choice” has choices",
    ),
    ("          - {value: none, zh: 无, en: None}\n", "", "        choices:\n", "at least two choices"),
    (
        "          - {value: none, zh: 无, en: None}\n",
        "          - {value: national, zh: 无, en: None}\n",
        "{value: national, zh: 无",
        "choice national appears twice",
    ),
    (
        "        unit: yes_no\n",
        "        unit: yes_no\n        is_key: true\n",
        "is_key: true\n        help: {zh: 正式",
        "only amounts, counts and percentages can be key indicators",
    ),
    (
        "  - {code: rd_staff_share,",
        "  - {code: rd_staff,",
        "  - {code: rd_staff,",
        "rd_staff is already an indicator's code",
    ),
    ("years: 2}", "years: 5}", "years: 5}", "must be at most 2"),
    (
        "indicator: operating_revenue, years: 2}",
        "indicator: operating_revenue}",
        "revenue_growth_2y",
        "needs “years”",
    ),
    (
        "numerator: [rd_staff], denominator: [employees]}",
        "numerator: [rd_staff], denominator: [employees], years: 1}",
        "{code: rd_staff_share",
        "a ratio has no “years”",
    ),
    (
        "  high_percentile: 95\n",
        "  high_percentile: 5\n",
        "high_percentile: 5",
        "must be above the low percentile",
    ),
    ("        unit: percent\n", "        unit: percentage\n", "unit: percentage", "must be one of"),
    ("    op: le\n", "    op: lte\n", "op: lte", "must be one of"),
    (
        "        help: {zh: 年末从业人员。, en: Persons employed at the year end.}\n",
        "",
        "code: employees",
        "“help” is required",
    ),
    (
        "        required: true\n        min: 1\n",
        "        required: true\n        reqired: true\n        min: 1\n",
        "reqired",
        "unknown field",
    ),
    (
        "downstream: {miit_tiers: 营业收入}",
        "downstream: {MIIT: 营业收入}",
        "downstream: {MIIT",
        "expected form",
    ),
    (
        "      - code: rd_level\n",
        "      - code: rd_level\n        code: rd_level2\n",
        "code: rd_level2",
        "appears twice here",
    ),
]


@pytest.mark.parametrize(("old", "new", "fragment", "message"), MISTAKES)
def test_a_mistake_is_named_at_its_line(old, new, fragment, message):
    text = sample_text()
    assert old in text, old
    text = text.replace(old, new, 1)
    found = problems_of(text)
    assert any(message in text_ for _line, text_ in found), found
    line = next(line for line, text_ in found if message in text_)
    assert line == line_of(text, fragment), (found, fragment)


def test_every_problem_is_reported_at_once_first_in_the_file_first():
    text = sample_text().replace("  high_percentile: 95\n", "  high_percentile: 5\n")
    text = text.replace("right: [employees]}", "right: [staff]}")
    text = text.replace("        min: 1\n", "        min: 5\n        max: 2\n")
    found = problems_of(text)
    assert [line for line, _message in found] == sorted(line for line, _message in found)
    assert len(found) == 3


def test_problems_read_in_chinese_as_line_and_column():
    text = sample_text().replace("        max: 100\n", "        max: 120\n")
    with translation.override("zh-hans"), pytest.raises(CatalogueFileError) as caught:
        catalogue_parse(text, source="catalogue.yaml")
    line = line_of(text, "max: 120")
    assert str(caught.value.problems[0]) == f"第{line}行第9列：百分比应在 0 到 100 之间"
    assert str(caught.value).startswith(f"catalogue.yaml: 第{line}行第9列")


def test_not_yaml_and_an_empty_file_are_named_too():
    assert problems_of("urn: [unclosed\n")[0][1].startswith("not valid YAML")
    assert problems_of("") == [(1, "the file is empty")]


def test_unquoted_numeric_choice_values_are_read_as_written():
    text = sample_text().replace("{value: national,", "{value: 1,").replace("{value: none,", "{value: 2,")
    catalogue, _raw = catalogue_parse(text, source="catalogue.yaml")
    choice = next(ind for _group, ind, _loc in catalogue.indicators() if ind.code == "rd_level")
    assert [c.value for c in choice.choices] == ["1", "2"]
