"""Writes of the enterprise import: store an upload, check it, commit it all or nothing.

The commit writes with bulk operations (50,000 rows in seconds), which bypass django-auditlog's
signals, so it writes the audit trail itself: one LogEntry per created or updated enterprise,
contact and qualification, with the changed fields, the actor and the import it came from.
"""

import logging
from collections.abc import Callable
from pathlib import Path
from typing import IO

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.common.errors import DomainError
from innopilot.directory.imports.checking import Checker, Plan, chunks
from innopilot.directory.imports.reader import open_workbook, read_workbook
from innopilot.directory.models import (
    Enterprise,
    EnterpriseContact,
    EnterpriseImport,
    ManagingUnit,
    Qualification,
)

logger = logging.getLogger(__name__)
BATCH = 1000
Status = EnterpriseImport.Status


# --- Checking and committing a file (shared by the web page and the command line) -----------------------


def file_check(
    *,
    source: str | Path | IO[bytes],
    unit: ManagingUnit | None,
    progress: Callable[[int], None] | None = None,
) -> Plan:
    """Read and check a workbook; ``DomainError`` if it is not a readable list at all."""
    book = open_workbook(source)
    try:
        return Checker(unit=unit, progress=progress).run(read_workbook(book))
    finally:
        book.close()


def file_commit(
    *,
    source: str | Path | IO[bytes],
    unit: ManagingUnit | None,
    actor: User | None,
    audit: dict,
    progress: Callable[[int], None] | None = None,
) -> Plan:
    """Check again and, when nothing is wrong, write everything in one transaction."""
    plan = file_check(source=source, unit=unit, progress=progress)
    if not plan.errors:
        plan_write(plan=plan, actor=actor, audit=audit)
    return plan


def _stringify(value) -> str:
    return "None" if value is None or value == "" else str(value)


class _Audit:
    """Audit-trail rows (auditlog's LogEntry table) written in batches while the commit runs.

    Rows go in with one executemany per batch rather than ``LogEntry.objects.bulk_create``: a
    50,000-row file makes 150,000 entries, and building that many model instances costs more time
    and memory than the whole rest of the commit. Values are still prepared by the model's fields.
    """

    COLUMNS = (
        "content_type",
        "object_pk",
        "object_id",
        "object_repr",
        "action",
        "changes",
        "changes_text",
        "actor",
        "actor_email",
        "timestamp",
        "additional_data",
    )

    def __init__(self, actor: User | None, audit: dict):
        meta = LogEntry._meta
        fields = [meta.get_field(name) for name in self.COLUMNS]
        quote = connection.ops.quote_name
        self.sql = (
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
            f"VALUES ({', '.join(['%s'] * len(fields))})"
        )
        self.changes_field = meta.get_field("changes")
        self.now = timezone.now()
        self.actor = (
            actor.pk if actor else None,
            actor.email if actor else None,
            meta.get_field("timestamp").get_db_prep_save(self.now, connection),
            meta.get_field("additional_data").get_db_prep_save(audit, connection),
        )
        self.types = {
            model: ContentType.objects.get_for_model(model).pk
            for model in (Enterprise, EnterpriseContact, Qualification)
        }
        self.rows: list[tuple] = []

    def add(self, model, pk: int, label: str, action: int, changes: dict) -> None:
        changes = {name: [_stringify(old), _stringify(new)] for name, (old, new) in changes.items()}
        actor_id, actor_email, timestamp, extra = self.actor
        self.rows.append(
            (
                self.types[model],
                str(pk),
                pk,
                label[:200],
                action,
                self.changes_field.get_db_prep_save(changes, connection),
                "",
                actor_id,
                actor_email,
                timestamp,
                extra,
            )
        )
        if len(self.rows) >= BATCH:
            self.flush()

    def created(self, model, pk: int, label: str, values: dict) -> None:
        self.add(model, pk, label, LogEntry.Action.CREATE, {k: (None, v) for k, v in values.items()})

    def updated(self, model, pk: int, label: str, changes: dict) -> None:
        self.add(model, pk, label, LogEntry.Action.UPDATE, changes)

    def flush(self) -> None:
        if self.rows:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, self.rows)
            self.rows = []


def _bulk_update(model, changed: list[tuple[int, dict, str]], now) -> None:
    """One ``UPDATE … WHERE id = %s`` per record, sent with executemany and grouped by the set of
    changed fields: unchanged columns are never rewritten, and it is many times faster than
    ``bulk_update``'s CASE expressions on 50,000 rows."""
    meta = model._meta
    timestamped = any(f.name == "updated_at" for f in meta.fields)
    groups: dict[tuple[str, ...], list[list]] = {}
    for pk, changes, _label in changed:
        names = tuple(sorted(changes))
        fields = [meta.get_field(name) for name in names]
        params = [
            f.get_db_prep_save(changes[name][1], connection) for f, name in zip(fields, names, strict=True)
        ]
        if timestamped:
            params.append(meta.get_field("updated_at").get_db_prep_save(now, connection))
        groups.setdefault(names, []).append([*params, pk])
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for names, rows in groups.items():
            columns = [meta.get_field(name).column for name in names] + (
                ["updated_at"] if timestamped else []
            )
            assignments = ", ".join(f"{quote(column)} = %s" for column in columns)
            sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
            for chunk in chunks(rows, BATCH):
                cursor.executemany(sql, chunk)


@transaction.atomic
def plan_write(*, plan: Plan, actor: User | None, audit: dict) -> None:
    """Write a checked plan: creates with bulk_create, updates with executemany, and the audit trail.

    Works through the plan a batch at a time so that 50,000 rows never exist as model instances at once.
    """
    log = _Audit(actor, audit)
    for chunk in chunks(plan.new_enterprises, BATCH):
        objects = Enterprise.objects.bulk_create([Enterprise(**values) for _row, values in chunk])
        for enterprise, (_row, values) in zip(objects, chunk, strict=True):
            log.created(Enterprise, enterprise.pk, enterprise.name, values)
    _bulk_update(Enterprise, plan.changed_enterprises, log.now)
    for pk, changes, label in plan.changed_enterprises:
        log.updated(Enterprise, pk, label, changes)

    codes = sorted({code for code, *_ in plan.new_contacts} | {code for code, *_ in plan.new_qualifications})
    ids = {}
    for chunk in chunks(codes):
        ids.update(Enterprise.objects.filter(uscc__in=chunk).values_list("uscc", "pk"))
    for model, created, changed in (
        (EnterpriseContact, plan.new_contacts, plan.changed_contacts),
        (Qualification, plan.new_qualifications, plan.changed_qualifications),
    ):
        for chunk in chunks(created, BATCH):
            objects = model.objects.bulk_create(
                [model(enterprise_id=ids[code], **values) for code, values, _ in chunk]
            )
            for obj, (_code, values, label) in zip(objects, chunk, strict=True):
                log.created(model, obj.pk, label, values)
        _bulk_update(model, changed, log.now)
        for pk, changes, label in changed:
            log.updated(model, pk, label, changes)
    log.flush()


# --- The stored import behind the web page -------------------------------------------------------------


def _problems_fields(plan: Plan) -> dict:
    return {
        "errors": plan.errors,
        "warnings": plan.warnings,
        "error_count": len(plan.errors),
        "warning_count": len(plan.warnings),
        "summary": plan.summary(),
    }


def import_create(*, actor: User, upload: UploadedFile) -> EnterpriseImport:
    """Store an uploaded .xlsx (type, size and content checked) and check it: in this request when it
    is small, in the background when it has more than IMPORT_BACKGROUND_ROWS rows."""
    if not access.can_import_enterprises(actor):
        raise DomainError(_("You may not import enterprises."))
    limit = settings.IMPORT_MAX_MB
    if upload.size > limit * 1024 * 1024:
        raise DomainError(_("The file is larger than %(limit)d MB.") % {"limit": limit}, field="file")
    book = open_workbook(upload)
    try:
        estimate = read_workbook(book).row_estimate()
    finally:
        book.close()
    upload.seek(0)
    record = EnterpriseImport.objects.create(
        uploaded_by=actor,
        managing_unit=access.import_unit_for(actor),
        file=upload,
        original_name=Path(upload.name).name[:255],
        total_rows=estimate,
    )
    if estimate > settings.IMPORT_BACKGROUND_ROWS:
        from innopilot.directory.imports.tasks import check_import

        check_import.enqueue(record.pk)
    else:
        import_check(import_id=record.pk)
    record.refresh_from_db()
    return record


def _progress(record_id: int) -> Callable[[int], None]:
    def report(done: int) -> None:
        EnterpriseImport.objects.filter(pk=record_id).update(processed_rows=done)

    return report


def import_check(*, import_id: int) -> None:
    record = EnterpriseImport.objects.select_related("managing_unit").get(pk=import_id)
    try:
        with record.file.open("rb") as source:
            plan = file_check(source=source, unit=record.managing_unit, progress=_progress(record.pk))
    except DomainError as error:
        _fail(record, error.message)
        return
    except Exception:
        logger.exception("checking import %s failed", record.pk)
        _fail(record, _("The file could not be checked because of an unexpected error."))
        return
    outcome = {
        "total_rows": plan.rows,
        "processed_rows": plan.rows,
        "checked_at": timezone.now(),
        **_problems_fields(plan),
    }
    if plan.errors:
        _finish(record, status=Status.INVALID, **outcome)
    else:
        EnterpriseImport.objects.filter(pk=record.pk).update(status=Status.READY, **outcome)


def _finish(record: EnterpriseImport, **fields) -> None:
    """Put the import in a final state and delete its stored upload: nothing reads the file again
    (the problems and the outcome are kept on the record), and it holds people's contact details."""
    if record.file:
        record.file.delete(save=False)
    EnterpriseImport.objects.filter(pk=record.pk).update(file="", **fields)


def _fail(record: EnterpriseImport, message: str) -> None:
    _finish(record, status=Status.FAILED, failure=message)


def import_confirm(*, actor: User, record: EnterpriseImport) -> EnterpriseImport:
    """Start the commit of a checked import (in the background for large files)."""
    updated = EnterpriseImport.objects.filter(pk=record.pk, status=Status.READY).update(
        status=Status.COMMITTING, processed_rows=0
    )
    if not updated:
        raise DomainError(_("This import is not waiting for confirmation."))
    if record.total_rows > settings.IMPORT_BACKGROUND_ROWS:
        from innopilot.directory.imports.tasks import commit_import

        commit_import.enqueue(record.pk)
    else:
        import_commit(import_id=record.pk)
    record.refresh_from_db()
    return record


def import_commit(*, import_id: int) -> None:
    record = EnterpriseImport.objects.select_related("managing_unit", "uploaded_by").get(pk=import_id)
    audit = {"import": record.pk, "file": record.original_name, "source": "web"}
    try:
        with record.file.open("rb") as source:
            plan = file_commit(
                source=source,
                unit=record.managing_unit,
                actor=record.uploaded_by,
                audit=audit,
                progress=_progress(record.pk),
            )
    except DomainError as error:
        _fail(record, error.message)
        return
    except Exception:
        logger.exception("committing import %s failed", record.pk)
        _fail(record, _("The import failed because of an unexpected error; nothing was changed."))
        return
    if plan.errors:  # the directory changed since the check: show what is wrong now
        _finish(record, status=Status.INVALID, **_problems_fields(plan))
        return
    _finish(
        record,
        status=Status.DONE,
        processed_rows=plan.rows,
        committed_at=timezone.now(),
        outcome=list(plan.outcome.items()),
        **_problems_fields(plan),
    )
