"""``innopilot annual import FILE [--year Y] [--dry-run] [--as USERNAME]``: many enterprises' annual
data from one workbook in the template's layout, all or nothing (``annual.excel.bulk``)."""

from pathlib import Path

from django.core.management.base import CommandError

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.annual.excel.bulk import BulkPlan, bulk_import
from innopilot.annual.excel.checking import describe
from innopilot.annual.values import display
from innopilot.common.errors import DomainError

HELP = "import annual data (.xlsx, one row per enterprise) all or nothing; exit 1 on any error"


def add_arguments(parser) -> None:
    parser.add_argument(
        "file", help="the .xlsx file (the template's layout: indicator codes in a header row)"
    )
    parser.add_argument("--year", type=int, help="data year of every row (rows without a 数据年度 get it)")
    parser.add_argument(
        "--dry-run", action="store_true", help="check and report what would change; write nothing"
    )
    parser.add_argument(
        "--as",
        dest="as_user",
        metavar="USERNAME",
        help="the city official or administrator recorded as the author in the audit trail",
    )


def _actor(username: str | None) -> User | None:
    if not username:
        return None
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"No active user {username}.")
    if not access.can_import_annual_files(user):
        raise CommandError(f"{username} may not import annual data files (the city and administrators may).")
    return user


def _print_changes(command, plan: BulkPlan, verbosity: int) -> None:
    for row in plan.changing:
        created = " (new report)" if row.creates_report else ""
        command.stdout.write(
            f"第{row.number}行 {row.enterprise.name} {row.enterprise.uscc} {row.year}{created}: "
            f"{len(row.check.changes)} values"
        )
        if verbosity >= 2:
            for code, (before, after) in row.check.changes.items():
                indicator = row.spec.by_code[code]
                command.stdout.write(
                    f"    {code}: {display(indicator, before)} → {display(indicator, after)}"
                )


def run(command, options) -> None:
    path = Path(options["file"])
    if not path.is_file():
        raise CommandError(f"{path}: file not found")
    actor = _actor(options.get("as_user"))
    dry_run = options.get("dry_run", False)
    try:
        plan, written = bulk_import(
            str(path),
            year=options.get("year"),
            actor=actor,
            dry_run=dry_run,
            label=f"command line: innopilot annual import {path.name}",
        )
    except DomainError as error:
        raise CommandError(error.message) from None
    for note in plan.notes:
        command.stdout.write(note)
    for item in plan.problems:
        command.stderr.write(describe(item))
    summary = plan.summary()
    counts = (
        f"{summary['rows']} rows: {summary['values']} values in {summary['reports_changed']} reports "
        f"({summary['reports_created']} new reports)"
    )
    if plan.problems:
        raise CommandError(f"Errors: {len(plan.problems)}. Nothing was imported.", returncode=1)
    _print_changes(command, plan, options.get("verbosity", 1))
    if dry_run:
        command.stdout.write(f"Dry run, nothing changed. Would write {counts}.")
    else:
        command.stdout.write(command.style.SUCCESS(f"Imported {written} values. {counts}."))
