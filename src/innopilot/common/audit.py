"""The audit trail outside auditlog's signals: the actor outside a request, entries for bulk writes."""

import contextlib
from collections.abc import Iterable, Iterator

from auditlog.context import auditlog_value, set_actor
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

# What the demo's bulk writes carry in the audit trail, so nobody mistakes them for real changes.
DEMO_SOURCE = "demo data (innopilot load-demo)"


@contextlib.contextmanager
def audited_as(actor) -> Iterator[None]:
    """Record ``actor`` on the audit entries written inside, also outside a request (commands, the
    shell, tests), keeping the request's client address.

    auditlog's ``set_actor`` leaves its context behind when it ends, which would silence the request
    middleware's context for the rest of the request; the outer one is put back afterwards."""
    outer = auditlog_value.get(None)
    try:
        with set_actor(actor, remote_addr=(outer or {}).get("remote_addr")):
            yield
    finally:
        if outer is not None:
            auditlog_value.set(outer)


def audit_bulk_created(*groups: Iterable, source: str, actor=None) -> None:
    """``bulk_create`` sends no signals: write the CREATE entries auditlog would have written, with
    ``source`` (what wrote them) in their additional data."""
    entries = [
        LogEntry(
            content_type=ContentType.objects.get_for_model(obj),
            object_pk=str(obj.pk),
            object_id=obj.pk,
            object_repr=str(obj),
            action=LogEntry.Action.CREATE,
            changes=model_instance_diff(None, obj, use_json_for_changes=False),
            actor=actor,
            additional_data={"source": source},
        )
        for objects in groups
        for obj in objects
    ]
    LogEntry.objects.bulk_create(entries, batch_size=500)
