"""The annual data template: an instructions sheet, the data sheet (one row per enterprise, one column
per indicator code) with drop-down lists for choices and yes/no, and a hidden sheet feeding the lists."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from innopilot.annual.excel import layout
from innopilot.annual.spec import CatalogueSpec, IndicatorSpec
from innopilot.annual.values import Value, display
from innopilot.common.excel import HEADER_FILL, safe_cell, workbook_bytes

VALIDATED_ROWS = 500  # rows below the code row that carry the drop-down lists
CODE_FONT = Font(italic=True, size=9, color="808080")
REQUIRED_FONT = Font(bold=True, color="9C0006")


@dataclass
class TemplateRow:
    """One enterprise's row: its identity and the values to prefill."""

    uscc: str
    name: str
    unit: str
    year: int
    values: dict[str, Value] = field(default_factory=dict)


def unit_words(indicator: IndicatorSpec) -> str:
    return {
        "wan_yuan": _("10,000 yuan (万元), at most %(places)s decimals")
        % {"places": indicator.decimal_places},
        "count": _("whole number"),
        "percent": _("percent, a number from 0 to 100"),
        "yes_no": _("是 (yes) or 否 (no)"),
        "choice": _("one of the choices"),
        "year": _("a year, e.g. 2027"),
        "text": _("text"),
    }.get(indicator.unit, indicator.unit)


def _range_words(indicator: IndicatorSpec) -> str:
    low, high = indicator.min_value, indicator.max_value
    if low is not None and high is not None:
        return f"{display(indicator, low)} – {display(indicator, high)}"
    if low is not None:
        return f"≥ {display(indicator, low)}"
    if high is not None:
        return f"≤ {display(indicator, high)}"
    return ""


def _notes(spec: CatalogueSpec, carried_from: int | None) -> list[str]:
    notes = [
        _(
            "One enterprise per row in the sheet 年度数据. Keep row 2 (the indicator codes): the import "
            "reads the codes, so columns may be moved and extra columns are ignored."
        ),
        _(
            "Amounts are in 万元 (10,000 yuan) with at most two decimals: 1234.56 means 12,345,600 yuan. "
            "Counts are whole numbers. Percentages are numbers from 0 to 100. Thousands separators (1,234.5) "
            "and full-width digits are accepted."
        ),
        _("Yes/no columns: write 是 or 否 (有/无, √/× and yes/no are accepted too)."),
        _("Choice columns: pick from the drop-down list; the Chinese or English label is accepted."),
        _(
            "A blank cell leaves the value stored on the platform unchanged; it never erases one. To erase "
            "a value, clear it in the online form."
        ),
        _(
            "Required fields (red headers, marked under Required) must be filled before the report is "
            "submitted; an upload may still leave them empty."
        ),
        _(
            "Before anything is saved, the platform shows every value that will change (before → after) and "
            "asks you to confirm. A file with any error changes nothing: the error report names the row, "
            "the column and the field."
        ),
    ]
    if carried_from is not None:
        notes.append(
            _(
                "This report was still empty, so the values marked under Prefilled were copied from your "
                "%(year)s report: settings and year-end stocks usually carry over. Check and correct them."
            )
            % {"year": carried_from}
        )
    notes.append(
        _("Indicator catalogue: %(urn)s, version %(version)s.") % {"urn": spec.urn, "version": spec.version}
    )
    return notes


def _instructions(
    sheet, spec: CatalogueSpec, title: str, carried_from: int | None, carried: frozenset[str]
) -> None:
    sheet.append([safe_cell(title)])
    sheet["A1"].font = Font(bold=True, size=14)
    for note in _notes(spec, carried_from):
        sheet.append([f"• {note}"])
    sheet.append([])
    headers = [
        _("Column"),
        _("Code"),
        _("Group"),
        _("Unit"),
        _("Required"),
        _("Range"),
        _("Choices"),
        _("What to write"),
        _("Prefilled"),
    ]
    sheet.append(headers)
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for code, identity_header in layout.IDENTITY:
        sheet.append([identity_header, code, "", "", _("yes"), "", "", _("Identifies the report."), ""])
    groups = {group.code: group.name for group in spec.groups}
    for indicator in spec.indicators:
        prefilled = ""
        if indicator.code in carried:
            prefilled = _("carried over from %(year)s") % {"year": carried_from}
        row = [
            layout.header(indicator),
            indicator.code,
            groups.get(indicator.group_code, indicator.group_code),
            unit_words(indicator),
            _("yes") if indicator.required else "",
            _range_words(indicator),
            "、".join(zh for _value, zh, _en in indicator.choices),
            indicator.help,
            prefilled,
        ]
        sheet.append([safe_cell(value) for value in row])
    if spec.cross_rules:
        sheet.append([])
        sheet.append([_("Rules between fields (an upload that breaks one is refused)")])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        for rule in spec.cross_rules:
            sheet.append([safe_cell(f"• {layout.rule_in_words(spec, rule)}")])
    for letter, width in zip("ABCDEFGHI", (30, 26, 12, 22, 8, 16, 30, 50, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _lists(book: Workbook, indicators: Sequence[IndicatorSpec]) -> dict[str, str]:
    """A hidden sheet with one column per list; returns each list's range by key ("yes_no" or a code)."""
    sheet = book.create_sheet(layout.LISTS_SHEET)
    sheet.sheet_state = "hidden"
    lists: dict[str, list[str]] = {"yes_no": [layout.YES, layout.NO]}
    for indicator in indicators:
        if indicator.unit == "choice" and indicator.choices:
            lists[indicator.code] = [zh or value for value, zh, _en in indicator.choices]
    ranges = {}
    for index, (key, words) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=key)
        for row, word in enumerate(words, start=2):
            sheet.cell(row=row, column=index, value=safe_cell(word))
        ranges[key] = f"'{layout.LISTS_SHEET}'!${letter}$2:${letter}${len(words) + 1}"
    return ranges


def _drop_down(sheet, letter: str, source: str) -> None:
    validation = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Not in the list"),
        error=_("Choose a value from the drop-down list."),
    )
    last = layout.FIRST_DATA_ROW + VALIDATED_ROWS - 1
    validation.add(f"{letter}{layout.FIRST_DATA_ROW}:{letter}{last}")
    sheet.add_data_validation(validation)


def _data_sheet(sheet, spec: CatalogueSpec, rows: Sequence[TemplateRow], ranges: dict[str, str]) -> None:
    indicators = spec.indicators
    headers = [identity_header for _code, identity_header in layout.IDENTITY]
    headers += [layout.header(indicator) for indicator in indicators]
    codes = [code for code, _header in layout.IDENTITY] + [indicator.code for indicator in indicators]
    sheet.append([safe_cell(value) for value in headers])
    sheet.append(codes)
    for index, cell in enumerate(sheet[1], start=1):
        required = index > len(layout.IDENTITY) and indicators[index - len(layout.IDENTITY) - 1].required
        cell.font = REQUIRED_FONT if required or index <= len(layout.IDENTITY) else Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[2]:
        cell.font = CODE_FONT
    sheet.freeze_panes = f"C{layout.FIRST_DATA_ROW}"
    for row in rows:
        cells: list[Any] = [row.uscc, safe_cell(row.name), safe_cell(row.unit), row.year]
        cells += [layout.cell_value(indicator, row.values.get(indicator.code)) for indicator in indicators]
        sheet.append(cells)
    last = layout.FIRST_DATA_ROW + max(len(rows), 1) - 1
    for index, indicator in enumerate(indicators, start=len(layout.IDENTITY) + 1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, min(28, len(layout.header(indicator)) * 2))
        fmt = layout.number_format(indicator)
        if fmt:
            for number in range(layout.FIRST_DATA_ROW, last + 1):
                sheet.cell(row=number, column=index).number_format = fmt
        if indicator.unit == "yes_no":
            _drop_down(sheet, letter, ranges["yes_no"])
        elif indicator.code in ranges:
            _drop_down(sheet, letter, ranges[indicator.code])
    for letter, width in zip("ABCD", (22, 34, 14, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.row_dimensions[1].height = 45


def template_bytes(
    spec: CatalogueSpec,
    rows: Sequence[TemplateRow],
    *,
    title: str,
    carried_from: int | None = None,
    carried: frozenset[str] = frozenset(),
) -> bytes:
    book = Workbook()
    instructions = book.active
    instructions.title = layout.INSTRUCTIONS_SHEET
    _instructions(instructions, spec, title, carried_from, carried)
    data = book.create_sheet(layout.DATA_SHEET)
    ranges = _lists(book, spec.indicators)
    _data_sheet(data, spec, rows, ranges)
    book.active = 1
    return workbook_bytes(book)
