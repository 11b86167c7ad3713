"""The downloadable template: instructions, the enterprise sheet and the 资格 sheet with drop-down
lists fed from a hidden sheet of choices (units, industries, qualification types, …)."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from innopilot.common.excel import HEADER_FILL, safe_cell, workbook_bytes, write_sheet
from innopilot.directory.imports import columns as cols
from innopilot.directory.models import IndustryDivision, ManagingUnit, QualificationType

TEMPLATE_ROWS = 2000  # rows that carry the drop-downs (and a district's pre-filled unit)
_YES_NO = ["是", "否"]


def _choices(unit: ManagingUnit | None) -> dict[str, list[str]]:
    units = [unit] if unit is not None else list(ManagingUnit.objects.filter(is_active=True))
    return {
        "unit": [u.name_zh for u in units],
        "industry": [f"{d.code} {d.name_zh}" for d in IndustryDivision.objects.order_by("code")],
        "size_class": ["大型", "中型", "小型", "微型"],
        "willingness": ["愿意", "不愿意", "未表态"],
        "bool": _YES_NO,
        "qual_type": list(QualificationType.objects.filter(is_active=True).values_list("name_zh", flat=True)),
        "qual_review_result": ["通过", "未通过", "待复核"],
    }


def _list_for(column: cols.Column) -> str | None:
    if column.kind == "bool":
        return "bool"
    if column.key in ("unit", "industry", "size_class", "willingness", "qual_type", "qual_review_result"):
        return column.key
    return None


def _instructions(sheet, unit: ManagingUnit | None) -> None:
    sheet.append([_("How to fill in the enterprise list")])
    sheet["A1"].font = Font(bold=True, size=14)
    notes = [
        _(
            "One enterprise per row in the sheet 企业名单. Keep the header row; columns may be in any order "
            "and title rows above the header are fine."
        ),
        _(
            "Enterprises are matched by their unified social credit code: importing the same file again "
            "updates them instead of adding them twice."
        ),
        _("A blank cell leaves what the directory already holds unchanged; it never erases a value."),
        _("Contacts are matched by name, qualifications by type and year recognised."),
        _(
            "An enterprise with more than one qualification: list the others in the sheet 资格, one per row, "
            "with the enterprise's code."
        ),
        _(
            "Before anything is saved you see every problem by row and column; nothing is saved until the "
            "whole file is correct and you confirm."
        ),
    ]
    if unit is not None:
        notes.append(
            _("This template is for %(unit)s: every enterprise in it is filed under %(unit)s.")
            % {"unit": unit.name_zh}
        )
    for note in notes:
        sheet.append([f"• {note}"])
    sheet.append([])
    start = sheet.max_row + 1
    write_sheet_rows = [
        [column.header, str(column.required or _("optional")), str(column.help)] for column in cols.COLUMNS
    ]
    sheet.append([_("Column"), _("Required"), _("What to write")])
    for cell in sheet[start]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for row in write_sheet_rows:
        sheet.append([safe_cell(value) for value in row])
    for letter, width in (("A", 28), ("B", 34), ("C", 90)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _data_sheet(sheet, columns, lists: dict[str, str], prefill: dict[str, str]) -> None:
    write_sheet(sheet, [column.header for column in columns], [], widths=[22] * len(columns))
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        if column.required is not None:
            sheet.cell(row=1, column=index).font = Font(bold=True, color="9C0006")
        if column.key in prefill:
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index, value=prefill[column.key])
        if column.kind in ("date",):
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "yyyy-mm-dd"
        source = _list_for(column)
        if source is None:
            continue
        validation = DataValidation(
            type="list",
            formula1=lists[source],
            allow_blank=True,
            showErrorMessage=column.key != "industry",  # an industry may also be typed as a code
            errorTitle=_("Not in the list"),
            error=_("Choose a value from the drop-down list."),
        )
        validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        sheet.add_data_validation(validation)


def template_bytes(*, unit: ManagingUnit | None) -> bytes:
    """The template; a district's has only its own unit in the list, already filled in."""
    book = Workbook()
    _instructions(book.active, unit)
    book.active.title = cols.INSTRUCTIONS_SHEET
    enterprises = book.create_sheet(cols.ENTERPRISE_SHEET)
    qualifications = book.create_sheet(cols.QUALIFICATION_SHEET)
    choices = book.create_sheet(cols.LISTS_SHEET)
    choices.sheet_state = "hidden"
    lists = {}
    for index, (name, values) in enumerate(_choices(unit).items(), start=1):
        letter = get_column_letter(index)
        choices.cell(row=1, column=index, value=name)
        for row, value in enumerate(values, start=2):
            choices.cell(row=row, column=index, value=value)
        lists[name] = f"'{cols.LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    prefill = {"unit": unit.name_zh} if unit is not None else {}
    _data_sheet(enterprises, cols.COLUMNS, lists, prefill)
    _data_sheet(qualifications, cols.QUALIFICATION_SHEET_COLUMNS, lists, {})
    book.active = 1
    return workbook_bytes(book)
