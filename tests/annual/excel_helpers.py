"""Helpers for the Excel tests: reports on the small catalogue, filling a downloaded template, and
reading a workbook's data sheet back by code."""

import datetime
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from innopilot.annual.excel import layout
from innopilot.annual.models import AnnualReport, IndicatorValue, ReportingYear
from innopilot.annual.spec import catalogue_spec
from innopilot.annual.values import stored
from innopilot.common.excel import XLSX_CONTENT_TYPE


def open_year(catalogue, year: int = 2025) -> ReportingYear:
    return ReportingYear.objects.create(
        year=year, deadline=datetime.date(year + 1, 3, 31), catalogue=catalogue
    )


def report_with(enterprise, catalogue, year: int = 2025, status=AnnualReport.Status.DRAFT, **values):
    """A report holding ``values`` (code → value as stored: Decimal or text)."""
    report = AnnualReport.objects.create(enterprise=enterprise, year=year, catalogue=catalogue, status=status)
    spec = catalogue_spec(catalogue)
    for code, value in values.items():
        indicator = spec.by_code[code]
        if isinstance(value, int | float | str) and indicator.is_numeric:
            value = Decimal(str(value))
        IndicatorValue.objects.create(report=report, indicator_id=indicator.pk, **stored(indicator, value))
    return report


def data_sheet(content: bytes, *, read_only: bool = False):
    return load_workbook(io.BytesIO(content), read_only=read_only)[layout.DATA_SHEET]


def column_of(sheet, code: str, code_row: int = 2) -> int:
    for cell in sheet[code_row]:
        if cell.value == code:
            return cell.column
    raise KeyError(code)


def filled(content: bytes, changes: dict, *, row: int = layout.FIRST_DATA_ROW, name="filled.xlsx"):
    """The downloaded template with ``changes`` (code → cell value) typed into ``row``, as an upload."""
    book = load_workbook(io.BytesIO(content))
    sheet = book[layout.DATA_SHEET]
    for code, value in changes.items():
        cell = sheet.cell(row=row, column=column_of(sheet, code))
        cell.value = value  # (``sheet.cell(value=None)`` would leave the cell as it was)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # text typed as '=… in Excel, not a formula
    return upload_of(book, name)


def upload_of(book: Workbook, name: str = "filled.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)


def sheet_rows(content: bytes, sheet_name: str = layout.DATA_SHEET) -> list[tuple]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    rows = [tuple(row) for row in book[sheet_name].iter_rows(values_only=True)]
    width = max((len(row) for row in rows), default=0)
    return [row + (None,) * (width - len(row)) for row in rows]  # read-only mode drops trailing blanks


def by_header(rows: list[tuple], header_row: int = 1) -> list[dict]:
    """Data rows as {header: value}; data starts below the code row (default layout) or the header."""
    headers = rows[header_row - 1]
    start = header_row + (1 if header_row == 1 and rows[1] and rows[1][0] == layout.USCC else 0)
    return [dict(zip(headers, row, strict=False)) for row in rows[start:]]
