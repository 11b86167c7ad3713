"""The city's table of work mechanisms as an Excel workbook, missing items marked and filled red."""

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from innopilot.common.excel import workbook_bytes, write_sheet
from innopilot.directory.mechanisms.selectors import ITEMS, Overview

MISSING_FILL = PatternFill("solid", fgColor="F8D7DA")
MISSING_FONT = Font(color="842029", bold=True)


def _headers() -> list[str]:
    ip, econ = _("IP department"), _("Economy department")
    labels = []
    for item, label in ITEMS:
        if item in ("ip_office", "ip_contact_name", "ip_contact_phone"):
            label = f"{ip} · {label}"
        elif item in ("econ_office", "econ_contact_name", "econ_contact_phone"):
            label = f"{econ} · {label}"
        labels.append(str(label))
    return [
        _("Code"),
        _("Managing unit"),
        *labels,
        _("Work plan uploaded"),
        _("Last updated"),
        _("Updated by"),
        _("Status"),
    ]


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def overview_workbook(overview: Overview) -> bytes:
    missing_text = _("Not filled in")
    rows, missing_cells = [], []
    for row_number, row in enumerate(overview.rows, start=2):
        mechanism = row.mechanism
        cells = [row.unit.code, row.unit.name]
        for column, (item, _label) in enumerate(ITEMS, start=3):
            if item in row.missing:
                cells.append(missing_text)
                missing_cells.append((row_number, column))
            else:
                cells.append(row.value(item))
        cells += [
            _local(mechanism.work_plan_uploaded_at) if mechanism and mechanism.work_plan else "",
            _local(mechanism.updated_at) if mechanism else "",
            mechanism.updated_by.display_name if mechanism and mechanism.updated_by else "",
            _("complete") if row.complete else _("incomplete"),
        ]
        rows.append(cells)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Work mechanisms")
    write_sheet(sheet, _headers(), rows, widths=[10, 20, *[22] * len(ITEMS), 18, 18, 12, 10])
    for row_number, column in missing_cells:
        cell = sheet.cell(row=row_number, column=column)
        cell.fill, cell.font = MISSING_FILL, MISSING_FONT
    return workbook_bytes(workbook)
