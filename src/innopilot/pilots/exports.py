"""Written-form exports (书面报送): a unit's nomination list, and the city-wide summary of a
campaign, as Excel and as PDF (WeasyPrint, A4 landscape, Noto Sans CJK)."""

from collections.abc import Iterable, Sequence

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from innopilot.common.excel import HEADER_FILL, safe_cell, workbook_bytes, write_sheet
from innopilot.directory.models import ManagingUnit
from innopilot.pilots.models import Campaign, Nomination

_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def list_title(unit: ManagingUnit, campaign: Campaign) -> str:
    title = _(
        "%(unit)s %(year)s nomination list of pilot enterprises for the international standard on "
        "innovation management (IP management)"
    )
    return title % {"unit": unit.name, "year": campaign.year}


def list_filename(unit: ManagingUnit, campaign: Campaign, extension: str) -> str:
    return f"{list_title(unit, campaign)}.{extension}"


def list_headers() -> list[str]:
    return [
        _("No."),
        _("Enterprise name"),
        _("Unified social credit code"),
        _("Basis for nomination (qualification)"),
        _("Contact person"),
        _("Position"),
        _("Contact phone"),
        _("E-mail"),
    ]


def list_rows(nominations: Iterable[Nomination]) -> list[list]:
    return [
        [
            number,
            n.enterprise.name,
            n.enterprise.uscc,
            n.basis.type.name if n.basis else "",
            n.contact_name,
            n.contact_position,
            n.contact_mobile,
            n.contact_email,
        ]
        for number, n in enumerate(nominations, start=1)
    ]


def footer_lines() -> list[str]:
    return [_("Submitting unit (seal):"), _("Date:        year     month     day")]


def list_workbook(unit: ManagingUnit, campaign: Campaign, nominations: Sequence[Nomination]) -> bytes:
    """The formal form: title across the table, boxed cells, the seal and date lines below."""
    headers = list_headers()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(campaign.year)
    width = len(headers)
    sheet.append([safe_cell(list_title(unit, campaign))])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet["A1"].font = Font(bold=True, size=15)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 42
    sheet.append([])
    sheet.append([safe_cell(h) for h in headers])
    for row in [*list_rows(nominations)]:
        sheet.append([safe_cell(v) for v in row])
    last = sheet.max_row
    for row in sheet.iter_rows(min_row=3, max_row=last, max_col=width):
        for cell in row:
            cell.border = _BOX
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            if cell.row == 3:
                cell.font = Font(bold=True)
                cell.fill = HEADER_FILL
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.append([])
    for line in footer_lines():
        sheet.append([None, safe_cell(line)])
    for index, column_width in enumerate((6, 36, 22, 30, 12, 16, 15, 26), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width
    return workbook_bytes(workbook)


def _pdf(html: str) -> bytes:
    # Imported here: WeasyPrint parses its style sheets on import, which other processes can skip.
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def list_pdf(unit: ManagingUnit, campaign: Campaign, nominations: Sequence[Nomination]) -> bytes:
    context = {
        "title": list_title(unit, campaign),
        "headers": list_headers(),
        "rows": list_rows(nominations),
        "footer": footer_lines(),
    }
    return _pdf(render_to_string("pilots/written_list.html", context))


def summary_title(campaign: Campaign) -> str:
    return _("%(year)s nomination summary of all units") % {"year": campaign.year}


def summary_headers() -> list[str]:
    return [_("Unit"), _("Eligible pool"), _("Nominated"), _("Confirmed"), _("Rejected"), _("List status")]


def summary_rows(units) -> list[list]:
    statuses = dict(Campaign.Status.choices) | {"draft": _("being prepared"), "submitted": _("submitted")}
    return [
        [
            u.name,
            u.pool,
            u.nominated,
            u.confirmed,
            u.rejected,
            str(statuses.get(u.list_status, _("not started"))),
        ]
        for u in units
    ]


def nomination_headers() -> list[str]:
    return [_("Unit"), *list_headers()[1:], _("Status")]


def nomination_rows(nominations: Iterable[Nomination]) -> list[list]:
    return [
        [n.nomination_list.managing_unit.name, *row[1:], n.get_status_display()]
        for n, row in ((n, list_rows([n])[0]) for n in nominations)
    ]


def summary_workbook(campaign: Campaign, units, nominations) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Units")
    write_sheet(sheet, summary_headers(), summary_rows(units), widths=(18, 12, 12, 12, 12, 14))
    write_sheet(
        workbook.create_sheet(_("Nominations")),
        nomination_headers(),
        nomination_rows(nominations),
        widths=(16, 36, 22, 30, 12, 16, 15, 26, 12),
    )
    return workbook_bytes(workbook)


def summary_pdf(campaign: Campaign, units, nominations) -> bytes:
    context = {
        "title": summary_title(campaign),
        "headers": summary_headers(),
        "rows": summary_rows(units),
        "nomination_headers": nomination_headers(),
        "nomination_rows": nomination_rows(nominations),
        "generated": timezone.localtime(),
    }
    return _pdf(render_to_string("pilots/written_summary.html", context))
