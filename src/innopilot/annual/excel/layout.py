"""The one layout of annual data in Excel, shared by the template, the upload, the command-line import
and the officials' export.

The data sheet has two header rows: row 1 the Chinese header with its unit (营业收入（万元）), row 2 the
indicator code (``operating_revenue``). Readers key on the codes, so columns may be reordered, and
columns with codes they do not know (derived ratios, notes) are ignored. The identity columns come
first: 统一社会信用代码, 企业名称, 管理单位, 数据年度.
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from innopilot.annual.spec import CatalogueSpec, CrossRule, IndicatorSpec, RatioSpec
from innopilot.annual.values import Value
from innopilot.common.excel import safe_cell
from innopilot.common.i18n import is_english
from innopilot.directory.imports.parsing import lookup_key

DATA_SHEET = "年度数据"
INSTRUCTIONS_SHEET = "填表说明"
LISTS_SHEET = "选项"
FIRST_DATA_ROW = 3  # below the header row and the code row

USCC, NAME, UNIT, YEAR = "uscc", "enterprise_name", "managing_unit", "data_year"
# (code, header): the codes are not indicator codes, so a catalogue must not use them.
IDENTITY: tuple[tuple[str, str], ...] = (
    (USCC, "统一社会信用代码"),
    (NAME, "企业名称"),
    (UNIT, "管理单位"),
    (YEAR, "数据年度"),
)
IDENTITY_CODES = frozenset(code for code, _header in IDENTITY)

YES, NO = "是", "否"
_UNIT_SUFFIX = {"wan_yuan": "万元", "percent": "%", "yes_no": "是/否", "year": "年份"}
_OPERATOR_SIGNS = {"le": "≤", "lt": "<", "ge": "≥", "gt": ">", "eq": "="}


def header(indicator: IndicatorSpec) -> str:
    """营业收入（万元）: the Chinese label with the unit people must write in."""
    suffix = _UNIT_SUFFIX.get(indicator.unit)
    return f"{indicator.label_zh}（{suffix}）" if suffix else indicator.label_zh


def ratio_header(ratio: RatioSpec) -> str:
    return f"{ratio.label_zh}（%）"


def number_format(indicator: IndicatorSpec) -> str | None:
    """How a numeric cell shows: money and percentages with their decimals, counts and years whole."""
    if indicator.unit in ("wan_yuan", "percent"):
        places = indicator.decimal_places
        return "0." + "0" * places if places else "0"
    if indicator.unit in ("count", "year"):
        return "0"
    if indicator.unit == "text":
        return "@"
    return None


def cell_value(indicator: IndicatorSpec, value: Value) -> Any:
    """A stored value as a cell holds it, readable back by ``values.parse_value``: numbers as numbers
    (money with its two decimals), yes/no as 是/否, a choice as its Chinese label, text made safe."""
    if value is None or value == "":
        return None
    unit = indicator.unit
    if unit == "yes_no":
        return YES if value else NO
    if unit == "choice":
        for choice, zh, _en in indicator.choices:
            if choice == value:
                return zh or choice
        return safe_cell(str(value))
    if unit == "text":
        return safe_cell(str(value))
    if not isinstance(value, Decimal):
        return safe_cell(str(value))
    if unit in ("count", "year"):
        return int(value)
    return value.quantize(Decimal(1).scaleb(-indicator.decimal_places))


def union_indicators(specs: Iterable[CatalogueSpec]) -> list[IndicatorSpec]:
    """Every indicator code of the catalogues, once: the newest catalogue's order and wording first,
    then codes only older versions have (a year whose reports use two versions gets every column)."""
    seen: dict[str, IndicatorSpec] = {}
    for spec in sorted(specs, key=lambda s: (s.version, s.pk), reverse=True):
        for indicator in spec.indicators:
            seen.setdefault(indicator.code, indicator)
    return list(seen.values())


def union_ratios(specs: Iterable[CatalogueSpec]) -> list[RatioSpec]:
    seen: dict[str, RatioSpec] = {}
    for spec in sorted(specs, key=lambda s: (s.version, s.pk), reverse=True):
        for ratio in spec.ratios:
            seen.setdefault(ratio.code, ratio)
    return list(seen.values())


def rule_in_words(spec: CatalogueSpec, rule: CrossRule) -> str:
    """研发人员 ≤ 职工总数: a cross-field rule as the instructions state it."""

    def side(codes: tuple[str, ...]) -> str:
        return " + ".join(spec.by_code[code].label if code in spec.by_code else code for code in codes)

    words = f"{side(rule.left)} {_OPERATOR_SIGNS.get(rule.op, rule.op)} {side(rule.right)}"
    own = rule.message_en if rule.message_en and is_english() else rule.message_zh
    return f"{words}（{own}）" if own else words


def header_lookup(indicators: Iterable[IndicatorSpec]) -> dict[str, str]:
    """What people may write in a header row instead of the code row, to the code: the template's
    header (营业收入（万元）), the bare Chinese label, or the English label."""
    keys = {lookup_key(identity_header): code for code, identity_header in IDENTITY}
    for indicator in indicators:
        for written in (header(indicator), indicator.label_zh, indicator.label_en):
            if written:
                keys.setdefault(lookup_key(written), indicator.code)
    return keys
