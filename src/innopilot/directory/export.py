"""The enterprise list as an Excel workbook: every matching enterprise, all of its record.

Rows stream from the database in chunks (``selectors.enterprises_for_export``) into a write-only
workbook, so 20,000 enterprises need neither 20,000 queries nor the whole sheet in memory as cells.
"""

import datetime
import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from innopilot.common.excel import HEADER_FILL, safe_cell
from innopilot.common.masking import mask_email, mask_mobile
from innopilot.directory import eligibility
from innopilot.directory.selectors import ExportRow


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("yes") if value else _("no")


def contact_details(contact, *, masked: bool) -> tuple[str, str]:
    """(mobile, e-mail) as the viewer may see them in lists."""
    if not masked:
        return contact.mobile, contact.email
    return (
        mask_mobile(contact.mobile) if contact.mobile else "",
        mask_email(contact.email) if contact.email else "",
    )


def _contact_text(contact, *, masked: bool) -> str:
    mobile, email = contact_details(contact, masked=masked)
    parts = [contact.name + (f"（{contact.position}）" if contact.position else ""), mobile, email]
    return " ".join(part for part in parts if part)


def headers() -> list[str]:
    return [
        _("Unified social credit code"),
        _("Enterprise name"),
        _("Managing unit"),
        _("Registered district code"),
        _("Industry section"),
        _("Industry division"),
        _("Size class"),
        _("Date established"),
        _("Enterprise address"),
        _("Willingness to join the pilot"),
        _("IP department present"),
        _("Full-time IP staff"),
        _("Valid invention patents"),
        _("R&D expense last year (10k yuan)"),
        _("GB/T 29490 certified"),
        _("Survey notes"),
        _("Eligible for the pilot"),
        _("Reason"),
        _("Valid qualifications"),
        _("All qualifications on record"),
        _("Contact"),
        _("Position"),
        _("Mobile"),
        _("E-mail"),
        _("Other contacts"),
        _("Last updated"),
    ]


def row(item: ExportRow, *, day: datetime.date, masked: bool) -> list:
    enterprise, qualifications, contacts = item.enterprise, item.qualifications, item.contacts
    verdict = eligibility.assess(qualifications, day)
    valid = [eligibility.describe(q) for q in qualifications if eligibility.holds_on(q, day)]
    first = contacts[0] if contacts else None
    mobile, email = contact_details(first, masked=masked) if first else ("", "")
    industry = enterprise.industry
    return [
        enterprise.uscc,
        enterprise.name,
        enterprise.managing_unit.name,
        enterprise.district_code,
        f"{industry.section.code} {industry.section.name}" if industry else "",
        f"{industry.code} {industry.name}" if industry else "",
        enterprise.get_size_class_display() if enterprise.size_class else "",
        enterprise.established_on,
        enterprise.address,
        enterprise.get_willingness_display(),
        _yes_no(enterprise.has_ip_department),
        enterprise.ip_staff_full_time,
        enterprise.valid_invention_patents,
        enterprise.rd_expense_last_year,
        _yes_no(enterprise.gbt29490_certified),
        enterprise.survey_notes,
        _yes_no(verdict.eligible),
        "；".join(verdict.reasons),
        "；".join(valid),
        "；".join(eligibility.describe(q) for q in qualifications),
        first.name if first else "",
        first.position if first else "",
        mobile,
        email,
        "；".join(_contact_text(c, masked=masked) for c in contacts[1:]),
        timezone.localtime(enterprise.updated_at).strftime("%Y-%m-%d %H:%M"),
    ]


def enterprises_workbook(rows: Iterable[ExportRow], *, day: datetime.date, masked: bool) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Enterprises"))
    titles = headers()
    for index in range(len(titles)):
        width = 22 if index in (0, 1, 8, 17, 18, 19, 24) else 14
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2"
    header_cells = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=safe_cell(title))
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        header_cells.append(cell)
    sheet.append(header_cells)
    for item in rows:
        sheet.append([safe_cell(value) for value in row(item, day=day, masked=masked)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
