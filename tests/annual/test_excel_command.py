"""``innopilot annual import FILE``: many enterprises in one file, all or nothing, every problem by
sheet, row, column and field on stderr, exit code 1 on any."""

import io
import threading
import time
from decimal import Decimal
from importlib import import_module
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from openpyxl import load_workbook

from innopilot.annual import services
from innopilot.annual.excel import bulk, layout
from innopilot.annual.excel.template import TemplateRow, template_bytes
from innopilot.annual.models import AnnualReport, IndicatorValue
from innopilot.annual.spec import catalogue_spec
from innopilot.annual.values import values_of
from tests.annual.catalogue_builders import small_catalogue
from tests.annual.excel_helpers import column_of, open_year, report_with
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

imports = import_module("innopilot.annual.commands.imports")


@pytest.fixture
def catalogue():
    catalogue = small_catalogue()
    open_year(catalogue, 2025)
    return catalogue


@pytest.fixture
def enterprises(yubei_enterprise, jiangbei_enterprise):
    return [yubei_enterprise, jiangbei_enterprise, EnterpriseFactory(name="重庆第三示例有限公司")]


@pytest.fixture
def existing(enterprises, catalogue):
    """The first enterprise has a draft for 2025; the others have no report yet."""
    return report_with(enterprises[0], catalogue, employees=100, rd_staff=10, operating_revenue="800.00")


def workbook_file(tmp_path, catalogue, enterprises, values: list[dict], edit=None) -> str:
    rows = [
        TemplateRow(e.uscc, e.name, e.managing_unit.name_zh, 2025, row_values)
        for e, row_values in zip(enterprises, values, strict=True)
    ]
    content = template_bytes(catalogue_spec(catalogue), rows, title="2025")
    book = load_workbook(io.BytesIO(content))
    sheet = book[layout.DATA_SHEET]
    for (row, code), value in (edit or {}).items():
        sheet.cell(row=row, column=column_of(sheet, code)).value = value
    path = tmp_path / "annual.xlsx"
    book.save(path)
    return str(path)


THREE_ROWS = [
    {"employees": Decimal(120), "rd_staff": Decimal(12)},
    {"employees": Decimal(50), "operating_revenue": Decimal("1234.50"), "ownership": "state"},
    {"employees": Decimal(8), "ip_strategy": Decimal(1)},
]


def run(file, **options):
    stdout, stderr = io.StringIO(), io.StringIO()
    command = BaseCommand(stdout=stdout, stderr=stderr)
    defaults = {"file": file, "year": None, "dry_run": False, "as_user": None, "verbosity": 1}
    try:
        imports.run(command, defaults | options)
    except CommandError as error:
        return error.returncode, stdout.getvalue(), stderr.getvalue() + str(error)
    return 0, stdout.getvalue(), stderr.getvalue()


def snapshot():
    return (
        list(AnnualReport.objects.order_by("pk").values_list("pk", "enterprise_id", "year", "status")),
        list(IndicatorValue.objects.order_by("pk").values_list("pk", "number", "text")),
    )


def test_one_bad_cell_in_a_three_row_file_changes_nothing_anywhere(
    tmp_path, catalogue, enterprises, existing, personas
):
    before = snapshot()
    entries = LogEntry.objects.count()
    file = workbook_file(tmp_path, catalogue, enterprises, THREE_ROWS, edit={(5, "employees"): "八个"})
    code, _out, err = run(file, as_user="city_ip")
    assert code == 1
    assert "年度数据 第5行" in err and "[employees]" in err and "「八个」" in err
    assert "Nothing was imported" in err
    assert snapshot() == before
    assert LogEntry.objects.count() == entries


def test_a_good_file_writes_every_row_and_creates_missing_drafts(
    tmp_path, catalogue, enterprises, existing, personas
):
    file = workbook_file(tmp_path, catalogue, enterprises, THREE_ROWS)
    code, out, err = run(file, as_user="city_ip")
    assert code == 0, err
    assert "Imported 7 values" in out
    assert values_of(existing)["employees"] == Decimal(120)
    assert values_of(existing)["operating_revenue"] == Decimal("800.00")  # blank in the file: kept
    created = AnnualReport.objects.get(enterprise=enterprises[1], year=2025)
    assert created.status == AnnualReport.Status.DRAFT and created.catalogue == catalogue
    assert created.created_by == personas["city_ip"]
    assert values_of(created) == {
        "employees": Decimal(50),
        "operating_revenue": Decimal("1234.50"),
        "ownership": "state",
    }
    city = personas["city_ip"]
    assert (
        LogEntry.objects.get_for_model(AnnualReport).filter(actor=city, action=LogEntry.Action.CREATE).count()
        == 2
    )
    assert LogEntry.objects.get_for_model(IndicatorValue).filter(actor=city).count() == 7


def test_dry_run_reports_what_would_change_and_writes_nothing(
    tmp_path, catalogue, enterprises, existing, personas
):
    before = snapshot()
    file = workbook_file(tmp_path, catalogue, enterprises, THREE_ROWS)
    code, out, err = run(file, dry_run=True, verbosity=2)
    assert code == 0, err
    assert "Dry run, nothing changed. Would write 3 rows: 7 values in 3 reports (2 new reports)." in out
    assert "employees: 100 → 120" in out
    assert f"第4行 {enterprises[1].name} {enterprises[1].uscc} 2025 (new report): 3 values" in out
    assert snapshot() == before


def test_dry_run_with_one_bad_cell_reports_it_and_exits_1(tmp_path, catalogue, enterprises, existing):
    file = workbook_file(
        tmp_path, catalogue, enterprises, THREE_ROWS, edit={(4, "operating_revenue"): "1.005"}
    )
    code, _out, err = run(file, dry_run=True)
    assert code == 1
    assert "第4行" in err and "[operating_revenue]" in err


def test_a_submitted_report_is_refused_for_its_row_naming_it(tmp_path, catalogue, enterprises, existing):
    AnnualReport.objects.filter(pk=existing.pk).update(status=AnnualReport.Status.SUBMITTED)
    before = snapshot()
    code, _out, err = run(workbook_file(tmp_path, catalogue, enterprises, THREE_ROWS))
    assert code == 1
    assert "第3行" in err and enterprises[0].name in err
    assert snapshot() == before


def test_a_returned_report_takes_the_rows_values(tmp_path, catalogue, enterprises, existing):
    AnnualReport.objects.filter(pk=existing.pk).update(status=AnnualReport.Status.RETURNED)
    code, _out, err = run(workbook_file(tmp_path, catalogue, enterprises, THREE_ROWS))
    assert code == 0, err
    assert values_of(existing)["employees"] == Decimal(120)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers: nothing to race")
def test_a_submission_waits_for_an_import_writing_into_the_report(tmp_path, catalogue, enterprises, personas):
    """The import locks the reports it checks until its values are written: a submission in between
    waits and then freezes the imported values, never values the import overwrites after it."""
    valid = {"ownership": "private", "operating_revenue": "1000", "main_business_revenue": "900"}
    valid |= {"employees": 100, "rd_staff": 20, "rd_expense": "50", "valid_invention_patents": 10}
    report = report_with(enterprises[0], catalogue, **valid)
    file = workbook_file(tmp_path, catalogue, enterprises[:1], [{"employees": Decimal(120)}])
    checked, write = threading.Event(), bulk.plan_write

    def write_slowly(plan, **options):
        checked.set()
        time.sleep(1)  # the submission runs now, unless it waits for the report's lock
        return write(plan, **options)

    def import_file():
        try:
            bulk.bulk_import(file, year=None, actor=personas["city_ip"], dry_run=False, label="test")
        finally:
            connections.close_all()

    with mock.patch.object(bulk, "plan_write", side_effect=write_slowly):
        thread = threading.Thread(target=import_file)
        thread.start()
        assert checked.wait(timeout=10)
        submission = services.report_submit(personas["enterprise_user"], report)
        thread.join(timeout=30)
    assert values_of(report)["employees"] == Decimal(120)
    assert submission.snapshot["values"]["employees"] == "120"


def test_cross_field_errors_unknown_enterprises_duplicates_and_unopened_years_are_each_reported(
    tmp_path, catalogue, enterprises, existing
):
    file = workbook_file(
        tmp_path,
        catalogue,
        enterprises,
        THREE_ROWS,
        edit={(3, "rd_staff"): 500, (4, "uscc"): "91500000MA5U000000", (5, "data_year"): 2019},
    )
    book = load_workbook(file)
    sheet = book[layout.DATA_SHEET]
    sheet.append([cell.value for cell in sheet[3]])  # the first row once more
    book.save(file)
    code, _out, err = run(file)
    assert code == 1
    lines = err.splitlines()
    assert any("第3行" in line and "研发人员（500）不能大于职工总数（120）" in line for line in lines)
    assert any("第4行" in line and "91500000MA5U000000" in line for line in lines)
    assert any("第5行" in line and "2019" in line for line in lines)
    assert any("第6行" in line and "3" in line for line in lines)


def test_year_option_fills_and_checks_the_rows_year(tmp_path, catalogue, enterprises, existing):
    file = workbook_file(tmp_path, catalogue, enterprises, THREE_ROWS, edit={(3, "data_year"): None})
    assert run(file, dry_run=True)[0] == 1  # no year for row 3
    assert run(file, dry_run=True, year=2025)[0] == 0
    code, _out, err = run(file, dry_run=True, year=2024)
    assert code == 1 and "--year 2024" in err


def test_only_the_city_or_an_administrator_may_be_named_as_the_author(
    tmp_path, catalogue, enterprises, personas
):
    file = workbook_file(tmp_path, catalogue, enterprises, THREE_ROWS)
    code, _out, err = run(file, as_user="yubei_ip")
    assert code == 1 and "may not import" in err
    code, _out, err = run(file, as_user="nobody")
    assert code == 1 and "No active user" in err
    assert run(file, as_user="platform_admin", dry_run=True)[0] == 0


def test_the_subcommand_parses_its_options():
    import argparse

    parser = argparse.ArgumentParser()
    imports.add_arguments(parser)
    options = vars(parser.parse_args(["data.xlsx", "--year", "2025", "--dry-run", "--as", "city_ip"]))
    assert options == {"file": "data.xlsx", "year": 2025, "dry_run": True, "as_user": "city_ip"}


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "annual.xlsx"
    path.write_text("not a workbook")
    code, _out, err = run(str(path))
    assert code == 1 and ".xlsx" in err
