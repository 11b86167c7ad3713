"""The error report of an upload as Excel: every problem by sheet, row, column and field. Problems
echo the uploader's cells back, so every value goes through ``common.excel`` (formula injection
neutralised)."""

from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from innopilot.common.excel import workbook_bytes, write_sheet


def problems_bytes(problems: Sequence[dict], *, file_name: str, subject: str) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = _("Summary")
    write_sheet(
        summary,
        [_("Item"), _("Value")],
        [
            (_("File"), file_name),
            (_("Report"), subject),
            (_("Checked at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
            (_("Errors"), len(problems)),
            (_("Result"), _("Nothing was saved. Correct the file and upload it again.")),
        ],
        widths=[20, 70],
    )
    write_sheet(
        book.create_sheet(_("Problems")),
        [_("Sheet"), _("Row"), _("Column"), _("Header"), _("Indicator code"), _("Value"), _("Problem")],
        [
            (p["sheet"], p["row"] or "", p["column"], p["header"], p["code"], p["value"], p["message"])
            for p in problems
        ],
        widths=[12, 8, 10, 30, 26, 24, 80],
    )
    book.active = 1
    return workbook_bytes(book)
