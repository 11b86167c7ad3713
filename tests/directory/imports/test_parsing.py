"""The tolerant cell readers, with plain inputs."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innopilot.directory.imports.columns import column_for_header
from innopilot.directory.imports.parsing import (
    CellError,
    Choices,
    NameLookup,
    clean_text,
    industry_code,
    parse_amount,
    parse_bool,
    parse_count,
    parse_date,
    parse_text,
    parse_year,
)


def test_clean_text_turns_full_width_into_half_width_and_drops_stray_spaces():
    assert clean_text("  重庆 渝北　科技\t有限公司 ") == "重庆渝北科技有限公司"
    assert clean_text("ＡＢＣ　Ｔｅｃｈ  Ltd") == "ABC Tech Ltd"
    assert clean_text(12.0) == "12"
    assert clean_text(None) == ""


@given(st.text())
def test_clean_text_is_idempotent(text):
    assert clean_text(clean_text(text)) == clean_text(text)


@pytest.mark.parametrize(
    "value",
    [
        "2015-3-1",
        "2015/03/01",
        "2015年3月1日",
        "2015.3.1",
        "２０１５－０３－０１",
        " 2015 年 3 月 1 日 ",
        "20150301",
        20150301,
        datetime.datetime(2015, 3, 1, 0, 0),
        datetime.date(2015, 3, 1),
        42064,  # Excel's serial number for 2015-03-01
    ],
)
def test_dates_are_read_in_every_spelling_officials_use(value):
    assert parse_date(value) == datetime.date(2015, 3, 1)


@given(st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_every_date_written_in_chinese_reads_back(day):
    assert parse_date(f"{day.year}年{day.month}月{day.day}日") == day
    assert parse_date(f"{day.year}.{day.month}.{day.day}") == day


@pytest.mark.parametrize("value", ["2015-2-30", "去年", "3/1/2015"])
def test_impossible_or_unreadable_dates_are_refused(value):
    with pytest.raises(CellError):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("是", True),
        ("有", True),
        ("√", True),
        ("否", False),
        ("无", False),
        ("×", False),
        ("", None),
        (None, None),
    ],
)
def test_yes_and_no_in_chinese_and_ticks(value, expected):
    assert parse_bool(value) is expected


def test_a_word_that_is_neither_yes_nor_no_is_refused():
    with pytest.raises(CellError):
        parse_bool("也许")


@pytest.mark.parametrize(
    ("value", "expected"), [("12", 12), (12.0, 12), ("1,200", 1200), ("12件", 12), ("１２", 12), (0, 0)]
)
def test_counts_accept_numbers_stored_as_text(value, expected):
    assert parse_count(value) == expected


@pytest.mark.parametrize("value", ["-1", "1.5", "很多"])
def test_counts_refuse_negative_fractional_and_words(value):
    with pytest.raises(CellError):
        parse_count(value)


def test_amounts_in_ten_thousand_yuan_keep_two_decimals():
    assert parse_amount("1,234.5万元") == Decimal("1234.50")
    assert parse_amount(12.3) == Decimal("12.30")
    with pytest.raises(CellError):
        parse_amount("-3")


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_amounts_stored_as_text_read_back_exactly(amount):
    assert parse_amount(str(amount)) == amount


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2021, 2021), ("2021年", 2021), ("2021年度", 2021), (2021.0, 2021), (datetime.date(2021, 5, 1), 2021)],
)
def test_years(value, expected):
    assert parse_year(value) == expected


def test_a_year_outside_the_programme_is_refused():
    with pytest.raises(CellError):
        parse_year(1850)


def test_text_longer_than_the_field_is_refused_with_the_limit():
    with pytest.raises(CellError, match="50"):
        parse_text("名" * 51, 50)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("39", "39"),
        (39, "39"),
        ("C39", "39"),
        ("39 计算机、通信和其他电子设备制造业", "39"),
        (6, "06"),
        ("制造业", None),
    ],
)
def test_industry_codes_are_found_in_codes_and_labels(value, expected):
    assert industry_code(value) == expected


UNITS = NameLookup(
    {1: ["渝北区", "500112", "渝北"], 2: ["江北区", "500105", "江北"], 3: ["两江新区", "CQ-LJ", "两江"]},
    not_found="no such unit",
    prefixes=["重庆市", "重庆"],
)


@pytest.mark.parametrize("value", ["渝北", "渝北区", " 渝北区 ", "重庆市渝北区", "500112", 500112])
def test_units_are_found_with_or_without_suffix_and_prefix(value):
    assert UNITS.parse(value) == 1


def test_a_unique_partial_name_is_understood_and_an_ambiguous_one_explained():
    assert UNITS.parse("两江新区管委会") == 3
    with pytest.raises(CellError, match="国家知识产权优势企业、重庆市知识产权优势企业"):
        NameLookup({1: ["重庆市知识产权优势企业"], 2: ["国家知识产权优势企业"]}, not_found="x").parse(
            "知识产权优势企业"
        )
    with pytest.raises(CellError, match="no such unit"):
        UNITS.parse("北京")


def test_qualification_names_match_whatever_quotes_are_used():
    types = NameLookup({7: ["国家级专精特新“小巨人”企业"]}, not_found="x")
    assert types.parse('国家级专精特新"小巨人"企业') == 7
    assert types.parse("国家级专精特新小巨人企业") == 7


def test_choices_map_words_to_stored_values():
    sizes = Choices({"small": ["小型", "小"]}, "hint")
    assert sizes.parse(" 小型 ") == "small"
    with pytest.raises(CellError, match="hint"):
        sizes.parse("巨型")


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("统一社会信用代码", "uscc"),
        ("信用代码", "uscc"),
        ("社会信用代码", "uscc"),
        ("*统一社会信用代码", "uscc"),
        ("单位名称", "name"),
        ("企业 名称", "name"),
        ("上年度研发费用（万元）", "rd_expense_last_year"),
        ("研发投入（万元）", "rd_expense_last_year"),
        ("推荐理由", None),
    ],
)
def test_headers_are_recognised_by_their_usual_names(header, key):
    assert column_for_header(header) == key


@given(
    st.integers(min_value=0, max_value=10**8 - 1),
    st.lists(st.sampled_from([" ", "\u3000", "-"]), max_size=3),
    st.booleans(),
    st.booleans(),
)
def test_a_valid_code_typed_messily_reads_back_as_itself(body, separators, lower, full_width):
    from stdnum.cn import uscc as stdnum_uscc

    from innopilot.directory.uscc import normalize_uscc, validate_uscc

    partial = f"91500112{body:08d}" + "X"
    code = partial + stdnum_uscc.calc_check_digit(partial)
    typed = code.lower() if lower else code
    if full_width:
        typed = "".join(chr(ord(c) + 0xFEE0) for c in typed)
    typed = typed[:6] + "".join(separators) + typed[6:]
    assert validate_uscc(normalize_uscc(clean_text(typed))) == code
