"""The result report of an import as Excel: a summary, every problem, and what was imported.

Problems echo the uploader's cells back, so every value goes through ``common.excel`` (formula
injection neutralised)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from innopilot.common.excel import workbook_bytes, write_sheet
from innopilot.directory.imports.checking import chunks
from innopilot.directory.models import Enterprise, EnterpriseImport

ACTIONS = {
    "created": gettext_lazy("created"),
    "updated": gettext_lazy("updated"),
    "unchanged": gettext_lazy("unchanged"),
}


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def summary_rows(record: EnterpriseImport) -> list[tuple[str, object]]:
    summary = record.summary or {}
    rows: list[tuple[str, object]] = [
        (_("File"), record.original_name),
        (_("Uploaded by"), str(record.uploaded_by or "")),
        (_("Restricted to unit"), str(record.managing_unit or _("all units"))),
        (_("Uploaded at"), _local(record.created_at)),
        (_("Imported at"), _local(record.committed_at)),
        (_("Status"), str(record.get_status_display())),
        (_("Data rows"), summary.get("rows", record.total_rows)),
        (_("Errors"), record.error_count),
        (_("Warnings"), record.warning_count),
    ]
    labels = {"enterprise": _("Enterprises"), "contact": _("Contacts"), "qualification": _("Qualifications")}
    for kind, label in labels.items():
        for action, count in (summary.get(kind) or {}).items():
            rows.append((f"{label} · {ACTIONS.get(action, action)}", count))
    if record.failure:
        rows.append((_("Failure"), record.failure))
    return rows


def report_bytes(record: EnterpriseImport) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Summary")
    write_sheet(sheet, [_("Item"), _("Value")], summary_rows(record), widths=[30, 60])
    problems = book.create_sheet(_("Problems"))
    write_sheet(
        problems,
        [_("Kind"), _("Sheet"), _("Row"), _("Column"), _("Header"), _("Value"), _("Message")],
        [
            (kind, p["sheet"], p["row"] or "", p["column"], p["header"], p["value"], p["message"])
            for kind, bucket in ((_("Error"), record.errors), (_("Warning"), record.warnings))
            for p in bucket
        ],
        widths=[8, 12, 8, 8, 22, 30, 80],
    )
    if record.status == EnterpriseImport.Status.DONE:
        imported = book.create_sheet(_("Enterprises"))
        names = {}
        codes = [code for code, _action in record.outcome]
        for chunk in chunks(codes):
            names.update(Enterprise.objects.filter(uscc__in=chunk).values_list("uscc", "name"))
        write_sheet(
            imported,
            [_("Unified social credit code"), _("Name"), _("Result")],
            [
                (code, names.get(code, ""), str(ACTIONS.get(action, action)))
                for code, action in record.outcome
            ],
            widths=[24, 50, 12],
        )
    return workbook_bytes(book)
