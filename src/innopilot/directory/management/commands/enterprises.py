"""``innopilot enterprises import FILE [--unit CODE] [--dry-run]``: the web import, from a terminal."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from innopilot.common.errors import DomainError
from innopilot.directory.imports.services import file_check, file_commit
from innopilot.directory.models import ManagingUnit


def describe(problem: dict) -> str:
    """第12行 C列（管理单位）：message — the same words as the web page."""
    where = f"{problem['sheet']} " if problem["sheet"] and problem["sheet"] != "企业名单" else ""
    if problem["row"]:
        where += f"第{problem['row']}行"
    if problem["column"]:
        where += f" {problem['column']}列（{problem['header']}）"
    elif problem["header"]:  # a column the file does not have
        where += f"（{problem['header']}）"
    value = f"「{problem['value']}」" if problem["value"] else ""
    return f"{where}：{value}{problem['message']}"


class Command(BaseCommand):
    help = "Enterprise directory tasks. 'import FILE' imports an enterprise list (.xlsx), all or nothing."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("import", help="import an enterprise list (.xlsx); exit 1 on any row error")
        load.add_argument("file", help="the .xlsx file")
        load.add_argument(
            "--unit", help="managing unit code: every row must belong to it (rows without one get it)"
        )
        load.add_argument("--dry-run", action="store_true", help="check and report only; change nothing")

    def handle(self, *args, action, file, unit=None, dry_run=False, **options):
        if not Path(file).is_file():
            raise CommandError(f"{file}: file not found")
        restriction = None
        if unit:
            restriction = ManagingUnit.objects.filter(code=unit).first()
            if restriction is None:
                raise CommandError(f"No managing unit with code {unit}.")
        try:
            if dry_run:
                plan = file_check(source=file, unit=restriction)
            else:
                plan = file_commit(
                    source=file,
                    unit=restriction,
                    actor=None,
                    audit={"source": "command line", "file": str(file)},
                )
        except DomainError as error:
            raise CommandError(error.message) from None
        for problem in plan.warnings:
            self.stdout.write(self.style.WARNING("警告 " + describe(problem)))
        for problem in plan.errors:
            self.stderr.write(describe(problem))
        summary = plan.summary()
        counts = (
            f"{summary['rows']} rows: enterprises {summary['enterprise']['created']} new, "
            f"{summary['enterprise']['updated']} updated, {summary['enterprise']['unchanged']} unchanged; "
            f"contacts {summary['contact']['created']} new, {summary['contact']['updated']} updated; "
            f"qualifications {summary['qualification']['created']} new, "
            f"{summary['qualification']['updated']} updated"
        )
        if plan.errors:
            raise CommandError(f"Errors: {len(plan.errors)}. Nothing was imported.", returncode=1)
        if dry_run:
            self.stdout.write(f"Dry run, nothing changed. {counts}")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported. {counts}"))
