"""Many enterprises' annual data from one file (the template's layout), for the city and the
administrator (``innopilot annual import``): each row goes to that enterprise's report of its year.

All or nothing across the whole file: every row is checked first — enterprise known, one row per
enterprise and year, the report editable if the row changes it (or missing: then it is created as a
draft with the year's catalogue), every cell readable, no cross-field rule broken by a changed
value — and only a file without a single problem is written, in one transaction. A row that changes
nothing is fine whatever its report's status, so an export goes back in unchanged.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from innopilot.annual.excel import layout
from innopilot.annual.excel.checking import RowCheck, check_values, problem, unknown_note
from innopilot.annual.excel.reader import DataRow, SheetLayout, data_rows, find_sheet, is_blank, open_workbook
from innopilot.annual.excel.writing import ReportChanges, changes_write
from innopilot.annual.models import AnnualReport, IndicatorCatalogue, IndicatorValue, ReportingYear
from innopilot.annual.spec import CatalogueSpec, catalogue_spec
from innopilot.annual.values import Value, read
from innopilot.common.audit import audit_bulk_created, audited_as
from innopilot.directory.imports.parsing import CellError, clean_text, parse_year
from innopilot.directory.models import Enterprise
from innopilot.directory.uscc import normalize_uscc

CHUNK = 500  # keys per IN (…) query


@dataclass
class PlannedRow:
    number: int
    enterprise: Enterprise
    year: int
    report: AnnualReport  # unsaved (pk None) when it will be created
    spec: CatalogueSpec
    check: RowCheck

    @property
    def creates_report(self) -> bool:
        return self.report.pk is None


@dataclass
class BulkPlan:
    sheet: str = ""
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changing(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.check.changes]

    def summary(self) -> dict:
        changing = self.changing
        return {
            "rows": len(self.rows),
            "reports_changed": len(changing),
            "reports_created": sum(1 for row in changing if row.creates_report),
            "values": sum(len(row.check.changes) for row in changing),
        }


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _all_specs() -> list[CatalogueSpec]:
    return [catalogue_spec(catalogue) for catalogue in IndicatorCatalogue.objects.all()]


@dataclass
class _Identity:
    row: DataRow
    uscc: str
    year: int


def _identities(found: SheetLayout, rows: list[DataRow], year: int | None, plan: BulkPlan) -> list[_Identity]:
    """Each row's enterprise code and year, or a problem."""
    result, seen = [], {}
    for row in rows:
        uscc = normalize_uscc(clean_text(row.cells.get(layout.USCC)))
        raw_year = row.cells.get(layout.YEAR)
        if not uscc:
            plan.problems.append(problem(found, row.number, (layout.USCC,), _("统一社会信用代码 is empty.")))
            continue
        try:
            row_year = parse_year(raw_year) if not is_blank(raw_year) else None
        except CellError as error:
            plan.problems.append(problem(found, row.number, (layout.YEAR,), error.message, raw_year))
            continue
        if year is not None and row_year not in (None, year):
            plan.problems.append(
                problem(
                    found,
                    row.number,
                    (layout.YEAR,),
                    _("This row is for %(row_year)s, but --year %(year)s was given.")
                    % {"row_year": row_year, "year": year},
                    raw_year,
                )
            )
            continue
        row_year = row_year or year
        if row_year is None:
            plan.problems.append(
                problem(found, row.number, (layout.YEAR,), _("数据年度 is empty (or give --year)."))
            )
            continue
        if (uscc, row_year) in seen:
            plan.problems.append(
                problem(
                    found,
                    row.number,
                    (layout.USCC,),
                    _("Row %(other)s is already for this enterprise and year.")
                    % {"other": seen[(uscc, row_year)]},
                    uscc,
                )
            )
            continue
        seen[(uscc, row_year)] = row.number
        result.append(_Identity(row, uscc, row_year))
    return result


def _current_values(reports: list[AnnualReport]) -> dict[int, dict[str, Value]]:
    specs = {report.pk: catalogue_spec(report.catalogue) for report in reports}
    values: dict[int, dict[str, Value]] = {report.pk: {} for report in reports}
    for chunk in _chunks(list(specs)):
        rows = IndicatorValue.objects.filter(report_id__in=chunk).values_list(
            "report_id", "indicator_id", "number", "text"
        )
        for report_id, indicator_id, number, text in rows:
            indicator = specs[report_id].by_pk[indicator_id]
            value = read(indicator, number, text)
            if value is not None:
                values[report_id][indicator.code] = value
    return values


def bulk_check(
    source: str | Path | IO[bytes], *, year: int | None = None, actor=None, lock: bool = False
) -> BulkPlan:
    """Read and check the whole file; the plan's ``problems`` empty means it may be written. With
    ``lock`` (inside the writing transaction) the reports found are locked as they are read, as every
    write of the form locks them: their status and values cannot change before the write commits."""
    specs = _all_specs()
    codes = {indicator.code for spec in specs for indicator in spec.indicators}
    book = open_workbook(source)
    try:
        found = find_sheet(book, codes=codes, headers=layout.header_lookup(layout.union_indicators(specs)))
        rows = list(data_rows(found))
    finally:
        book.close()
    plan = BulkPlan(sheet=found.title)
    if found.ignored:
        plan.notes.append(
            _("Columns left out (no indicator code): %(columns)s.") % {"columns": "、".join(found.ignored)}
        )
    identities = _identities(found, rows, year, plan)
    enterprises: dict[str, Enterprise] = {}
    for chunk in _chunks(sorted({identity.uscc for identity in identities})):
        enterprises.update(
            (e.uscc, e) for e in Enterprise.objects.filter(uscc__in=chunk).select_related("managing_unit")
        )
    years = {identity.year for identity in identities}
    reporting_years = ReportingYear.objects.filter(year__in=years).select_related("catalogue")
    found_reports = AnnualReport.objects.select_related("catalogue", "enterprise")
    if lock:
        # The years first, then the reports, in the order of report_start: no report of these years
        # starts (and no year's catalogue changes) meanwhile, and no report is submitted or edited.
        reporting_years = reporting_years.select_for_update(of=("self",)).order_by("pk")
        found_reports = found_reports.select_for_update(of=("self",)).order_by("pk")
    opened = {ry.year: ry for ry in reporting_years}
    reports: dict[tuple[int, int], AnnualReport] = {}
    ids = [enterprise.pk for enterprise in enterprises.values()]
    for chunk in _chunks(ids):
        for report in found_reports.filter(enterprise_id__in=chunk, year__in=years):
            reports[(report.enterprise_id, report.year)] = report
    current = _current_values(list(reports.values()))
    for identity in identities:
        row = identity.row
        enterprise = enterprises.get(identity.uscc)
        if enterprise is None:
            plan.problems.append(
                problem(
                    found,
                    row.number,
                    (layout.USCC,),
                    _("No enterprise with this code is in the directory."),
                    identity.uscc,
                )
            )
            continue
        report = reports.get((enterprise.pk, identity.year))
        if report is None:
            reporting_year = opened.get(identity.year)
            if reporting_year is None:
                plan.problems.append(
                    problem(
                        found,
                        row.number,
                        (layout.YEAR,),
                        _("The city has not opened %(year)s for reporting, so no report can be created.")
                        % {"year": identity.year},
                        identity.year,
                    )
                )
                continue
            report = AnnualReport(
                enterprise=enterprise,
                year=identity.year,
                catalogue=reporting_year.catalogue,
                created_by=actor,
            )
        spec = catalogue_spec(report.catalogue)
        check = check_values(found, row, spec, current.get(report.pk, {}) if report.pk else {})
        if check.changes and report.pk and report.status not in AnnualReport.EDITABLE:
            plan.problems.append(
                problem(
                    found,
                    row.number,
                    (layout.USCC,),
                    _(
                        "The %(year)s report of %(name)s is %(status)s: it can change only after the "
                        "district returns it or while a correction is open."
                    )
                    % {"year": report.year, "name": enterprise.name, "status": report.get_status_display()},
                    identity.uscc,
                )
            )
            continue
        plan.problems.extend(check.problems)
        if check.unknown:
            plan.notes.append(f"第{row.number}行：" + unknown_note(spec, check.unknown))
        plan.rows.append(PlannedRow(row.number, enterprise, identity.year, report, spec, check))
    return plan


def plan_write(plan: BulkPlan, *, actor, source: str) -> int:
    """Create the missing reports and write every change, in one transaction. Returns values written."""
    if plan.problems:
        raise ValueError("a plan with problems is never written")
    changing = plan.changing
    with audited_as(actor), transaction.atomic():
        new_reports = [row.report for row in changing if row.creates_report]
        created = AnnualReport.objects.bulk_create(new_reports, batch_size=CHUNK)
        audit_bulk_created(created, source=source, actor=actor)
        return changes_write(
            items=[ReportChanges(row.report, row.spec, row.check.changes) for row in changing],
            actor=actor,
            source=source,
        )


def bulk_import(
    source: str | Path | IO[bytes], *, year: int | None, actor, dry_run: bool, label: str
) -> tuple[BulkPlan, int]:
    """Check the file and, unless ``dry_run`` or anything is wrong, write it. The check runs inside
    the writing transaction with the reports locked, so what was checked (their status too) is what
    is written; a dry run locks nothing."""
    if dry_run:
        return bulk_check(source, year=year, actor=actor), 0
    with transaction.atomic():
        plan = bulk_check(source, year=year, actor=actor, lock=True)
        if plan.problems:
            return plan, 0
        return plan, plan_write(plan, actor=actor, source=label)
