"""Write checked changes to one or many reports in one transaction: new values with ``bulk_create``,
changed ones with ``bulk_update``, and the audit entries auditlog would have written for each (bulk
writes send no signals). Then ``signals.values_changed`` per report, inside the transaction, so the
plausibility warnings follow the new values or nothing is written at all."""

import copy
from collections.abc import Sequence
from dataclasses import dataclass

from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from innopilot.annual import signals
from innopilot.annual.models import AnnualReport, Indicator, IndicatorValue
from innopilot.annual.spec import CatalogueSpec
from innopilot.annual.values import Value, stored
from innopilot.common.audit import audit_bulk_created

BATCH = 1000


@dataclass
class ReportChanges:
    report: AnnualReport  # with its enterprise loaded (audit entries name it)
    spec: CatalogueSpec
    changes: dict[str, tuple[Value, Value]]  # code → (before, after)


def _chunks(items: Sequence, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _update_entries(pairs, *, actor, source: str) -> list[LogEntry]:
    content_type = ContentType.objects.get_for_model(IndicatorValue)
    return [
        LogEntry(
            content_type=content_type,
            object_pk=str(new.pk),
            object_id=new.pk,
            object_repr=str(new),
            action=LogEntry.Action.UPDATE,
            changes=model_instance_diff(old, new, fields_to_check=None, use_json_for_changes=False),
            actor=actor,
            additional_data={"source": source},
        )
        for old, new in pairs
    ]


@transaction.atomic
def changes_write(*, items: Sequence[ReportChanges], actor, source: str) -> int:
    """Write every change of ``items``; returns the number of values written."""
    items = [item for item in items if item.changes]
    if not items:
        return 0
    now = timezone.now()
    catalogue_ids = {item.spec.pk for item in items}
    indicators = {
        (row.catalogue_id, row.code): row for row in Indicator.objects.filter(catalogue_id__in=catalogue_ids)
    }
    existing: dict[tuple[int, int], IndicatorValue] = {}
    for chunk in _chunks([item.report.pk for item in items]):
        for value in IndicatorValue.objects.filter(report_id__in=chunk):
            existing[(value.report_id, value.indicator_id)] = value
    created: list[IndicatorValue] = []
    updated: list[tuple[IndicatorValue, IndicatorValue]] = []
    for item in items:
        for code, (_before, after) in item.changes.items():
            indicator = indicators[(item.spec.pk, code)]
            fields = stored(item.spec.by_code[code], after)
            row = existing.get((item.report.pk, indicator.pk))
            if row is None:
                created.append(
                    IndicatorValue(report=item.report, indicator=indicator, updated_by=actor, **fields)
                )
                continue
            row.report, row.indicator = item.report, indicator  # for the audit entry's name, no query
            old = copy.copy(row)
            row.number, row.text, row.updated_by, row.updated_at = (
                fields["number"],
                fields["text"],
                actor,
                now,
            )
            updated.append((old, row))
    for chunk in _chunks(created):
        IndicatorValue.objects.bulk_create(chunk)
    audit_bulk_created(created, source=source, actor=actor)
    for chunk in _chunks(updated):
        IndicatorValue.objects.bulk_update(
            [new for _old, new in chunk], ["number", "text", "updated_by", "updated_at"]
        )
        LogEntry.objects.bulk_create(_update_entries(chunk, actor=actor, source=source))
    for chunk in _chunks([item.report.pk for item in items]):
        AnnualReport.objects.filter(pk__in=chunk).update(updated_at=now)
    for item in items:
        signals.values_changed.send(sender=AnnualReport, report=item.report, codes=tuple(item.changes))
    return len(created) + len(updated)
