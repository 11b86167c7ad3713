"""Open an uploaded workbook and find its sheets, header rows and data rows, streaming (openpyxl
read-only mode), so a 50,000-row file never sits in memory as cells."""

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from innopilot.common.errors import DomainError
from innopilot.directory.imports.columns import (
    BY_KEY,
    HEADER_SEARCH_ROWS,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    QUALIFICATION_SHEET_NAMES,
    column_for_header,
)
from innopilot.directory.imports.parsing import clean_text, lookup_key


@dataclass
class SheetLayout:
    """Where a sheet's header is and which column holds which field."""

    title: str
    header_row: int
    columns: dict[int, str]  # 0-based column index → column key
    headers: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (letter, header as written)
    ignored: list[str] = field(default_factory=list)  # headers nobody understands, "F（推荐理由）"

    def where(self, key: str) -> tuple[str, str]:
        return self.headers.get(key, ("", BY_KEY[key].header))


def open_workbook(source: str | Path | IO[bytes]):
    """The workbook, or a ``DomainError`` that tells the official what to do."""
    name = str(getattr(source, "name", source) or "")
    if name.lower().endswith((".xls", ".et", ".csv")):
        raise DomainError(
            _("Only .xlsx files can be imported. Open the file in Excel or WPS and save it as .xlsx."),
            field="file",
        )
    try:
        return load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise DomainError(
            _("This file cannot be opened as an Excel workbook (.xlsx). Please save it again as .xlsx."),
            field="file",
        ) from None


def _rows(sheet) -> Iterator[tuple[Any, ...]]:
    sheet.reset_dimensions()  # some writers record wrong dimensions; read whatever is there
    yield from sheet.iter_rows(values_only=True)


def find_layout(sheet, required_key: str = "uscc") -> SheetLayout | None:
    """The first row among the first few whose cells name the required column and one more."""
    for number, row in enumerate(_rows(sheet), start=1):
        if number > HEADER_SEARCH_ROWS:
            return None
        keys = {index: column_for_header(value) for index, value in enumerate(row) if value is not None}
        found = {index: key for index, key in keys.items() if key}
        if required_key in found.values() and len(found) >= 2:
            layout = SheetLayout(sheet.title, number, {})
            for index, key in found.items():
                if key in layout.headers:
                    continue  # the first of two columns with one meaning wins; the second is ignored
                layout.columns[index] = key
                layout.headers[key] = (get_column_letter(index + 1), clean_text(row[index]))
            for index, value in enumerate(row):
                if value is not None and index not in layout.columns and clean_text(value):
                    layout.ignored.append(f"{get_column_letter(index + 1)}（{clean_text(value)}）")
            return layout
    return None


def data_rows(sheet, layout: SheetLayout) -> Iterator[tuple[int, dict[str, Any]]]:
    """(Excel row number, {column key: raw value}) for every row below the header with content."""
    for number, row in enumerate(_rows(sheet), start=1):
        if number <= layout.header_row:
            continue
        cells = {key: row[index] for index, key in layout.columns.items() if index < len(row)}
        if any(value is not None and clean_text(value) for key, value in cells.items() if key != "unit"):
            yield number, cells


def _count_rows(sheet) -> int:
    """Rows in a sheet: count ``<row`` tags in its XML, much faster than parsing the cells, and
    right even when the writer recorded no or wrong dimensions (openpyxl keeps the path in a
    private attribute; without it, parse)."""
    path = getattr(sheet, "_worksheet_path", None)
    if path is None:
        return sum(1 for _ in _rows(sheet))
    count, tail = 0, b""
    with sheet.parent._archive.open(path) as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk  # 4 bytes of the last chunk: a tag cut in two is counted once
            count += data.count(b"<row ") + data.count(b"<row>")
            tail = data[-4:]
    return count


@dataclass
class Workbook:
    enterprises: tuple[Any, SheetLayout]
    qualifications: tuple[Any, SheetLayout] | None

    def row_estimate(self) -> int:
        """Data rows, counting blank ones: enough to decide whether to work in the background."""
        estimate = 0
        for sheet, layout in filter(None, (self.enterprises, self.qualifications)):
            estimate += max(0, _count_rows(sheet) - layout.header_row)
        return estimate


def read_workbook(book) -> Workbook:
    """The enterprise sheet (the first with a USCC header) and the optional qualification sheet."""
    enterprise_sheet = qualification_sheet = None
    for sheet in book.worksheets:
        if sheet.title in (INSTRUCTIONS_SHEET, LISTS_SHEET):
            continue
        is_qualification = lookup_key(sheet.title) in QUALIFICATION_SHEET_NAMES
        if is_qualification and qualification_sheet is None:
            layout = find_layout(sheet)
            if layout is not None:
                qualification_sheet = (sheet, layout)
        elif not is_qualification and enterprise_sheet is None:
            layout = find_layout(sheet)
            if layout is not None:
                enterprise_sheet = (sheet, layout)
    if enterprise_sheet is None:
        raise DomainError(
            _(
                "No header row with a 统一社会信用代码 column was found in the first %(rows)d rows of any "
                "sheet. Please use the template or add a header row."
            )
            % {"rows": HEADER_SEARCH_ROWS},
            field="file",
        )
    return Workbook(enterprise_sheet, qualification_sheet)
