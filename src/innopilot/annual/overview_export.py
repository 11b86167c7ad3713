"""The officials' overview as an Excel workbook: the same tables as the page, with the filters and
the definitions on a first sheet."""

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from innopilot.annual.overview import (
    IndicatorTable,
    Overview,
    StatusCounts,
)
from innopilot.common.excel import workbook_bytes, write_sheet

MONEY_FORMAT = "#,##0.00"


def filename(data: Overview) -> str:
    if data.filters.year:
        return _("annual-data-overview-%(year)s.xlsx") % {"year": data.filters.year}
    return _("annual-data-overview-all-years.xlsx")


def _status_headers(first: list[str]) -> list[str]:
    return [
        *first,
        _("Expected"),
        _("Not started"),
        _("In progress"),
        _("Submitted, awaiting review"),
        _("Returned"),
        _("Accepted"),
        _("Being corrected"),
        _("Late"),
        _("Handed in of expected (%)"),
    ]


def _status_cells(counts: StatusCounts) -> list:
    percent = counts.handed_in_percent
    return [
        counts.expected,
        counts.not_started,
        counts.draft,
        counts.submitted,
        counts.returned,
        counts.accepted,
        counts.correcting,
        counts.late,
        float(percent) if percent is not None else None,
    ]


def _about(sheet, data: Overview) -> None:
    rows = [
        (_("Annual data overview"), ""),
        (_("Data year"), str(data.filters.year) if data.filters.year else _("All years")),
        (_("Totals and medians count"), data.basis_label),
        (_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        (
            _("Expected"),
            _(
                "Pilot enterprises confirmed in the campaign of the year after the data year or earlier, "
                "counted for the unit that manages them today."
            ),
        ),
        (_("Late"), _("First submitted after the year's deadline (the deadline day itself is on time).")),
        (
            _("Median"),
            _(
                "The middle value of the counted reports "
                "(the mean of the two middle values for an even count)."
            ),
        ),
    ]
    if data.reporting_year:
        rows.insert(2, (_("Deadline"), data.reporting_year.deadline.isoformat()))
    write_sheet(sheet, [_("Item"), _("Value")], rows, widths=[24, 90])


def _indicator_sheet(workbook: Workbook, title: str, first: str, table: IndicatorTable) -> None:
    sheet = workbook.create_sheet(title)
    headers = [first, _("Reports counted")]
    for indicator in table.indicators:
        unit = f"（{indicator.unit_label}）" if indicator.unit_label else ""
        headers += [
            _("%(indicator)s total%(unit)s") % {"indicator": indicator.label, "unit": unit},
            _("%(indicator)s median%(unit)s") % {"indicator": indicator.label, "unit": unit},
        ]
    rows = []
    for row in [*table.rows, *([table.total] if table.total else [])]:
        cells = [row.label, row.reports]
        for indicator, cell in zip(table.indicators, row.cells, strict=True):
            stat = cell.stat
            cells += [
                stat.total if stat and indicator.has_total else None,
                stat.median if stat else None,
            ]
        rows.append(cells)
    write_sheet(sheet, headers, rows, widths=[28, 10])
    for index, indicator in enumerate(table.indicators):
        if indicator.is_money:
            for column in (3 + 2 * index, 4 + 2 * index):
                for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                    cell.number_format = MONEY_FORMAT


def overview_workbook(data: Overview) -> bytes:
    workbook = Workbook()
    about = workbook.active
    about.title = _("About")
    _about(about, data)

    units = workbook.create_sheet(_("Status by unit"))
    rows = [[row.unit.name, *_status_cells(row.counts)] for row in data.status.by_unit]
    if len(data.status.by_unit) > 1:
        rows.append([_("City-wide"), *_status_cells(data.status.total)])
    write_sheet(units, _status_headers([_("Managing unit")]), rows, widths=[22])

    years = workbook.create_sheet(_("Status by year"))
    write_sheet(
        years,
        _status_headers([_("Data year"), _("Deadline")]),
        [
            [
                row.year,
                row.reporting_year.deadline.isoformat() if row.reporting_year else "",
                *_status_cells(row.counts),
            ]
            for row in data.status.by_year
        ],
        widths=[10, 12],
    )
    if data.by_unit:
        _indicator_sheet(workbook, _("Indicators by unit"), _("Managing unit"), data.by_unit)
    if data.by_industry:
        first = _("Industry division") if data.by_industry.dimension == "division" else _("Industry section")
        _indicator_sheet(workbook, _("Indicators by industry"), first, data.by_industry)
    return workbook_bytes(workbook)
