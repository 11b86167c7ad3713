"""Excel output shared by every export: safe cells, readable sheets, a download response."""

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")


def safe_cell(value: Any) -> Any:
    """A value that a spreadsheet shows as written: text that would start a formula is prefixed with
    an apostrophe (OWASP's advice against CSV/formula injection); numbers and dates pass through."""
    if isinstance(value, str) and value.startswith(_FORMULA_TRIGGERS):
        return "'" + value
    return value


def write_sheet(sheet, headers: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[int] = ()):
    """Header row in bold on a tint, frozen; every cell through ``safe_cell``."""
    sheet.append([safe_cell(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    for index, header in enumerate(headers, start=1):
        width = widths[index - 1] if index <= len(widths) else max(10, min(40, len(str(header)) * 2 + 4))
        sheet.column_dimensions[get_column_letter(index)].width = width


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """A download; the file name may be Chinese (RFC 6266 filename*)."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
