"""Find the annual data in an uploaded workbook: the sheet, its code row, and each data row's cells by
indicator code. Streaming (openpyxl read-only mode; defusedxml guards the XML), no database.

The code row (row 2 of the template) is what the reader keys on. A sheet without one still works when
its header row names the columns the way the template does (营业收入（万元） or just 营业收入).
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from innopilot.annual.excel import layout
from innopilot.common.errors import DomainError
from innopilot.common.excel import _FORMULA_TRIGGERS
from innopilot.directory.imports.parsing import clean_text, lookup_key
from innopilot.directory.imports.reader import open_workbook

__all__ = ["data_rows", "find_sheet", "is_blank", "open_workbook", "unescape"]

HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Column:
    letter: str
    code: str
    header: str  # as the file wrote it, for messages


@dataclass
class SheetLayout:
    sheet: Any
    title: str
    header_row: int  # the last header row; data starts below it
    columns: dict[int, Column]  # 0-based index → column
    ignored: list[str] = field(default_factory=list)  # "F（备注）": columns nobody reads

    @property
    def by_code(self) -> dict[str, Column]:
        return {column.code: column for column in self.columns.values()}


@dataclass(frozen=True)
class DataRow:
    number: int  # the Excel row number
    cells: dict[str, Any]  # code → raw cell value


def unescape(value: Any) -> Any:
    """Undo ``common.excel.safe_cell``: the apostrophe it puts before a would-be formula is not data."""
    if isinstance(value, str) and value.startswith("'") and value[1:2] in _FORMULA_TRIGGERS:
        return value[1:]
    return value


def is_blank(value: Any) -> bool:
    return value is None or not clean_text(value)


def _rows(sheet) -> Iterator[tuple[Any, ...]]:
    sheet.reset_dimensions()  # some writers record wrong dimensions; read whatever is there
    yield from sheet.iter_rows(values_only=True)


def _text(value: Any) -> str:
    """A header as written (full-width brackets kept), for messages."""
    return " ".join(str(value).split()) if value is not None else ""


def _layout_by_codes(sheet, number: int, row, above, codes: set[str]) -> SheetLayout | None:
    found = {index: lookup_key(value) for index, value in enumerate(row) if value is not None}
    if layout.USCC not in found.values() or sum(key in codes for key in found.values()) < 2:
        return None
    result = SheetLayout(sheet, sheet.title, number, {})
    taken = set()
    for index, key in found.items():
        letter = get_column_letter(index + 1)
        if key in codes and key not in taken:  # the first of two columns with one code wins
            taken.add(key)
            written = _text(above[index]) if above and index < len(above) and above[index] is not None else ""
            result.columns[index] = Column(letter, key, written or key)
        else:
            written = _text(above[index]) if above and index < len(above) else ""
            if written or _text(row[index]):
                result.ignored.append(f"{letter}（{written or _text(row[index])}）")
    return result


def _layout_by_headers(sheet, number: int, row, headers: Mapping[str, str]) -> SheetLayout | None:
    found = {index: headers.get(lookup_key(value)) for index, value in enumerate(row) if value is not None}
    if layout.USCC not in found.values() or sum(1 for code in found.values() if code) < 2:
        return None
    result = SheetLayout(sheet, sheet.title, number, {})
    taken = set()
    for index, code in found.items():
        letter = get_column_letter(index + 1)
        if code and code not in taken:
            taken.add(code)
            result.columns[index] = Column(letter, code, _text(row[index]))
        elif _text(row[index]):
            result.ignored.append(f"{letter}（{_text(row[index])}）")
    return result


def find_sheet(book, *, codes: set[str], headers: Mapping[str, str]) -> SheetLayout:
    """The first sheet with a code row (or failing that, a header row) among its first rows.

    ``codes``: every code the reader understands (identity and indicator codes); ``headers``: the
    lookup keys of the headers people may write instead, to their codes."""
    codes = set(codes) | layout.IDENTITY_CODES
    sheets = [s for s in book.worksheets if s.title not in (layout.INSTRUCTIONS_SHEET, layout.LISTS_SHEET)]
    for sheet in sheets:
        top = list(islice(_rows(sheet), HEADER_SEARCH_ROWS))
        for number, row in enumerate(top, start=1):
            found = _layout_by_codes(sheet, number, row, top[number - 2] if number > 1 else None, codes)
            if found is not None:
                return found
        for number, row in enumerate(top, start=1):
            found = _layout_by_headers(sheet, number, row, headers)
            if found is not None:
                return found
    raise DomainError(
        _(
            "No row of indicator codes (with the code uscc) or of the template's headers (with "
            "统一社会信用代码) was found in the first %(rows)d rows of any sheet. Please download the "
            "template and fill it in."
        )
        % {"rows": HEADER_SEARCH_ROWS},
        field="file",
    )


def data_rows(found: SheetLayout) -> Iterator[DataRow]:
    """Every row below the header rows with anything in a column the reader knows."""
    for number, row in enumerate(_rows(found.sheet), start=1):
        if number <= found.header_row:
            continue
        cells = {
            column.code: unescape(row[index]) for index, column in found.columns.items() if index < len(row)
        }
        if any(not is_blank(value) for value in cells.values()):
            yield DataRow(number, cells)
