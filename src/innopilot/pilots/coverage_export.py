"""The coverage table and the coverage plan as Excel workbooks (units behind schedule filled red)."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from innopilot.common.excel import workbook_bytes, write_sheet
from innopilot.pilots.coverage import Coverage, CoveragePlan, UnitCoverage

BEHIND_FILL = PatternFill("solid", fgColor="F8D7DA")
TOTAL_FONT = Font(bold=True)


def _unit_cells(row: UnitCoverage) -> list:
    if row.unit is None:
        return ["", _("City-wide")]
    return [row.unit.code, row.unit.name]


def coverage_workbook(coverage: Coverage) -> bytes:
    headers = [_("Code"), _("Managing unit"), _("Eligible pool today"), _("To cover")]
    for campaign in coverage.campaigns:
        values = {"year": campaign.year}
        headers += [_("%(year)s nominated") % values, _("%(year)s confirmed") % values]
    headers += [
        _("Confirmed in all"),
        _("Coverage (%)"),
        _("Expected by now (%)"),
        _("Expected by now"),
        _("Behind by"),
        _("Behind schedule"),
    ]
    rows = []
    for row in [*coverage.rows, coverage.total]:
        cells = [*_unit_cells(row), row.pool, row.target]
        for year in row.years:
            cells += [year.nominated, year.confirmed]
        cells += [
            row.confirmed,
            float(row.coverage_percent),
            float(row.expected_percent),
            row.expected,
            row.gap,
            _("yes") if row.behind else _("no"),
        ]
        rows.append(cells)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Coverage")
    write_sheet(sheet, headers, rows, widths=[10, 20, 14, 12, *[12] * (len(headers) - 4)])
    _mark(sheet, [*coverage.rows, coverage.total], len(headers))
    return workbook_bytes(workbook)


def plan_workbook(plan: CoveragePlan) -> bytes:
    headers = [_("Code"), _("Managing unit"), _("To cover"), _("Confirmed in all"), _("Still to confirm")]
    headers += [_("%(year)s to confirm") % {"year": year} for year in plan.years]
    headers += [_("Explanation")]
    rows = []
    for planned in [*plan.rows, plan.total]:
        cells = [*_unit_cells(planned.coverage), planned.plan.target, planned.plan.confirmed]
        cells += [planned.plan.remaining, *[count for _, count in planned.plan.allocation]]
        cells.append(planned.explanation)
        rows.append(cells)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Coverage plan")
    write_sheet(sheet, headers, rows, widths=[10, 20, 10, 12, 12, *[12] * len(plan.years), 60])
    _mark(sheet, [p.coverage for p in [*plan.rows, plan.total]], len(headers))
    return workbook_bytes(workbook)


def _mark(sheet, rows: list[UnitCoverage], width: int) -> None:
    for number, row in enumerate(rows, start=2):
        for column in range(1, width + 1):
            cell = sheet.cell(row=number, column=column)
            if row.unit is None:
                cell.font = TOTAL_FONT
            elif row.behind:
                cell.fill = BEHIND_FILL
