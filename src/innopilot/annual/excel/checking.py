"""Check one data row against a report: every cell through ``values.parse_value`` (the form's own
messages), then the catalogue's cross-field rules on the report's values merged with the file's.

What blocks an import: a value that cannot be read (type, decimals, range, choice) and a cross-field
rule broken by a value the file changes. What does not: a required field left empty (a draft may be
incomplete; submitting checks it) and a rule already broken by stored values the file leaves alone
(the form shows it; refusing the file for it would block an unrelated correction).
A blank cell leaves the stored value unchanged: it never erases a value.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from innopilot.annual.excel import layout
from innopilot.annual.excel.reader import DataRow, SheetLayout, is_blank
from innopilot.annual.spec import CatalogueSpec
from innopilot.annual.values import Value, ValueProblem, cross_field_problems, parse_value
from innopilot.directory.imports.parsing import clean_text

VALUE_SHOWN = 100  # characters of a cell echoed in a problem


def problem(
    found: SheetLayout | None,
    row: int | None,
    codes: Iterable[str],
    message: str,
    value: Any = None,
) -> dict:
    """A problem as the page, the report file and the command show it: sheet, row, column, header,
    indicator code, the cell as written, and what is wrong."""
    codes = tuple(codes)
    columns = [found.by_code[code] for code in codes if found and code in found.by_code] if found else []
    return {
        "sheet": found.title if found else "",
        "row": row,
        "column": "、".join(column.letter for column in columns),
        "header": "、".join(column.header for column in columns),
        "code": "、".join(codes),
        "value": clean_text(value)[:VALUE_SHOWN] if value is not None else "",
        "message": message,
    }


def describe(item: dict) -> str:
    """For the command line: 年度数据 第3行 F列（营业收入（万元））[operating_revenue]：「abc」请填写数字。"""
    where = item["sheet"] or ""
    if item["row"]:
        where += f" 第{item['row']}行"
    if item["column"]:
        where += f" {item['column']}列（{item['header']}）"
    if item["code"]:
        where += f" [{item['code']}]"
    value = f"「{item['value']}」" if item["value"] else ""
    return f"{where.strip()}：{value}{item['message']}"


@dataclass
class RowCheck:
    """What one row would change in one report, or why it cannot."""

    row: int
    changes: dict[str, tuple[Value, Value]] = field(default_factory=dict)  # code → (before, after)
    problems: list[dict] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # filled codes this report's catalogue lacks


def check_values(
    found: SheetLayout, row: DataRow, spec: CatalogueSpec, current: Mapping[str, Value]
) -> RowCheck:
    """Parse the row's indicator cells and plan the changes against ``current`` (the stored values)."""
    result = RowCheck(row.number)
    parsed: dict[str, Value] = {}
    for code, raw in row.cells.items():
        if code in layout.IDENTITY_CODES or is_blank(raw):
            continue
        indicator = spec.by_code.get(code)
        if indicator is None:
            result.unknown.append(code)
            continue
        try:
            value = parse_value(indicator, raw)
        except ValueProblem as error:
            result.problems.append(problem(found, row.number, (code,), error.message, raw))
            continue
        if value is None:
            continue
        parsed[code] = value
        before = current.get(code)
        if before is None or before != value:
            result.changes[code] = (before, value)
    if result.changes:
        merged = {**current, **parsed}
        for broken in cross_field_problems(spec, merged):
            if set(broken.codes) & set(result.changes):
                result.problems.append(problem(found, row.number, broken.codes, broken.message))
    return result


def unknown_note(spec: CatalogueSpec, codes: Iterable[str]) -> str:
    return _("Not in indicator catalogue %(urn)s version %(version)s, left out: %(codes)s.") % {
        "urn": spec.urn,
        "version": spec.version,
        "codes": "、".join(codes),
    }
