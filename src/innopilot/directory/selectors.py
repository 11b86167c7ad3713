"""Reads for directory pages, already scoped to the viewer, with their counts in one query."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.accounts.roles import DISTRICT_ROLES, Role
from innopilot.directory import eligibility
from innopilot.directory.models import (
    Enterprise,
    EnterpriseContact,
    IndustryDivision,
    ManagingUnit,
    Qualification,
    QualificationType,
)

# Sort keys a list may ask for, and the columns behind them (never a column name from the request).
SORTS = {
    "name": ("name",),
    "unit": ("managing_unit__sort_order", "managing_unit__code", "name"),
    "established": ("established_on", "name"),
    "updated": ("updated_at", "name"),
}
DEFAULT_SORT = "unit"


@dataclass(frozen=True)
class EnterpriseFilters:
    """What the enterprise list (and its export) is narrowed to; empty means "no filter"."""

    query: str = ""
    unit_code: str = ""
    industry: str = ""  # a GB/T 4754 section letter or a two-digit division code
    qualification_type: str = ""  # code of a type held (valid) today
    eligibility: str = ""  # "yes" / "no"
    willingness: str = ""
    size_class: str = ""
    sort: str = DEFAULT_SORT  # a key of SORTS, "-" in front for descending


def eligible_enterprise_ids(day: datetime.date) -> QuerySet:
    """Primary keys of the enterprises in the eligible pool on ``day``, as a subquery."""
    return Enterprise.objects.filter(eligibility.eligible_filter(day)).values("pk")


def count_per_unit(queryset: QuerySet, unit_field: str) -> Coalesce:
    """A correlated subquery counting ``queryset``'s rows of the outer unit. Joining every count into
    one GROUP BY would multiply the rows (enterprises × officials) and run any subquery per row."""
    counted = (
        queryset.filter(**{unit_field: OuterRef("pk")})
        .order_by()
        .values(unit_field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def units_with_counts(user: User) -> QuerySet[ManagingUnit]:
    """Visible units, each with its enterprise count and its officials' counts by department."""
    officials = User.objects.filter(is_active=True)
    return access.units_visible_to(user).annotate(
        enterprise_count=count_per_unit(Enterprise.objects.all(), "managing_unit"),
        ip_official_count=count_per_unit(officials.filter(role=Role.DISTRICT_IP), "managing_unit"),
        econ_official_count=count_per_unit(officials.filter(role=Role.DISTRICT_ECON), "managing_unit"),
    )


def units_with_pool(user: User, *, day: datetime.date) -> QuerySet[ManagingUnit]:
    """``units_with_counts`` plus each unit's eligible pool size."""
    eligible = Enterprise.objects.filter(pk__in=eligible_enterprise_ids(day))
    return units_with_counts(user).annotate(eligible_count=count_per_unit(eligible, "managing_unit"))


@dataclass(frozen=True)
class UnitPool:
    total: int
    eligible: int
    by_type: list[tuple[QualificationType, int]]


def unit_pool(unit: ManagingUnit, *, day: datetime.date) -> UnitPool:
    """A unit's eligible pool: how many of its enterprises are eligible, and through which title
    (an enterprise holding two titles counts under each)."""
    enterprises = Enterprise.objects.filter(managing_unit=unit)
    counts = enterprises.aggregate(
        total=Count("pk"), eligible=Count("pk", filter=Q(pk__in=eligible_enterprise_ids(day)))
    )
    per_type = dict(
        Qualification.objects.filter(enterprise__managing_unit=unit, type__pilot_eligible=True)
        .filter(eligibility.holds_on_filter(day))
        .values_list("type")
        .annotate(count=Count("enterprise", distinct=True))
        .order_by()
    )
    types = QualificationType.objects.filter(pilot_eligible=True, is_active=True)
    return UnitPool(counts["total"], counts["eligible"], [(t, per_type.get(t.pk, 0)) for t in types])


def unit_officials(unit: ManagingUnit) -> QuerySet[User]:
    return unit.users.filter(role__in=DISTRICT_ROLES).order_by("role", "username")


def _qualifications_prefetch() -> Prefetch:
    return Prefetch(
        "qualifications",
        queryset=Qualification.objects.select_related("type").order_by(
            "type__sort_order", "-recognized_year"
        ),
    )


def _filtered(enterprises: QuerySet[Enterprise], filters: EnterpriseFilters, day: datetime.date):
    if filters.query:
        text = filters.query
        enterprises = enterprises.filter(
            Q(name__icontains=text)
            | Q(uscc__icontains=text.upper())
            | Q(pk__in=EnterpriseContact.objects.filter(name__icontains=text).values("enterprise"))
        )
    if filters.unit_code:
        enterprises = enterprises.filter(managing_unit__code=filters.unit_code)
    if len(filters.industry) == 1:
        enterprises = enterprises.filter(industry__section__code=filters.industry)
    elif filters.industry:
        enterprises = enterprises.filter(industry__code=filters.industry)
    if filters.qualification_type:
        holders = (
            Qualification.objects.filter(type__code=filters.qualification_type)
            .filter(eligibility.holds_on_filter(day))
            .values("enterprise")
        )
        enterprises = enterprises.filter(pk__in=holders)
    if filters.eligibility == "yes":
        enterprises = enterprises.filter(pk__in=eligible_enterprise_ids(day))
    elif filters.eligibility == "no":
        enterprises = enterprises.exclude(pk__in=eligible_enterprise_ids(day))
    if filters.willingness:
        enterprises = enterprises.filter(willingness=filters.willingness)
    if filters.size_class:
        enterprises = enterprises.filter(size_class=filters.size_class)
    descending = filters.sort.startswith("-")
    columns = SORTS.get(filters.sort.lstrip("-"), SORTS[DEFAULT_SORT])
    # Empty dates go last either way, on SQLite as on PostgreSQL.
    order = [F(c).desc(nulls_last=True) if descending else F(c).asc(nulls_last=True) for c in columns]
    return enterprises.order_by(*order, "pk")


def enterprises_for_list(
    user: User, *, filters: EnterpriseFilters = EnterpriseFilters(), day: datetime.date | None = None
) -> QuerySet[Enterprise]:
    """The list page's rows: unit, industry, qualifications with their types and contacts prefetched,
    so that eligibility and the first contact come from memory whatever the page size."""
    day = day or eligibility_day()
    enterprises = (
        access.enterprises_visible_to(user)
        .select_related("managing_unit", "industry__section")
        .prefetch_related(_qualifications_prefetch(), "contacts")
    )
    return _filtered(enterprises, filters, day)


@dataclass(frozen=True)
class ExportRow:
    enterprise: Enterprise
    qualifications: list[Qualification]
    contacts: list[EnterpriseContact]


def enterprises_for_export(
    user: User, *, filters: EnterpriseFilters, day: datetime.date, chunk_size: int = 2000
) -> Iterator[ExportRow]:
    """Every enterprise the filters match (not just one page), for the Excel export: streamed in
    chunks, each chunk's qualifications and contacts loaded in one query apiece. (Django's
    prefetch_related would build a queryset per enterprise, which dominates at 20,000 rows.)"""
    enterprises = access.enterprises_visible_to(user).select_related("managing_unit", "industry__section")
    chunk: list[Enterprise] = []
    for enterprise in _filtered(enterprises, filters, day).iterator(chunk_size=chunk_size):
        chunk.append(enterprise)
        if len(chunk) == chunk_size:
            yield from _with_children(chunk)
            chunk = []
    if chunk:
        yield from _with_children(chunk)


def _with_children(chunk: list[Enterprise]) -> Iterator[ExportRow]:
    ids = [e.pk for e in chunk]
    qualifications: dict[int, list] = {pk: [] for pk in ids}
    contacts: dict[int, list] = {pk: [] for pk in ids}
    for q in (
        Qualification.objects.filter(enterprise_id__in=ids)
        .select_related("type")
        .order_by("type__sort_order", "-recognized_year")
    ):
        qualifications[q.enterprise_id].append(q)
    for c in EnterpriseContact.objects.filter(enterprise_id__in=ids).order_by("sort_order", "pk"):
        contacts[c.enterprise_id].append(c)
    for enterprise in chunk:
        yield ExportRow(enterprise, qualifications[enterprise.pk], contacts[enterprise.pk])


def eligibility_day() -> datetime.date:
    return timezone.localdate()


def enterprise_for_detail(user: User, uscc: str) -> Enterprise:
    """One enterprise in scope with everything its page shows (404 outside the scope)."""
    enterprise = (
        access.enterprises_visible_to(user)
        .filter(uscc=uscc)
        .select_related("managing_unit", "industry__section")
        .prefetch_related(
            Prefetch(
                "qualifications",
                queryset=Qualification.objects.select_related("type").order_by(
                    "type__sort_order", "type__code", "-recognized_year"
                ),
            ),
            "contacts",
        )
        .first()
    )
    if enterprise is None:
        raise Http404
    return enterprise


@dataclass(frozen=True)
class Change:
    entry: LogEntry
    fields: list[tuple[str, str, str]]  # (field label, before, after), readable

    @property
    def action(self) -> str:
        # django-auditlog has no Chinese catalogue for its action names.
        labels = {
            LogEntry.Action.CREATE: _("added"),
            LogEntry.Action.UPDATE: _("changed"),
            LogEntry.Action.DELETE: _("deleted"),
        }
        return str(labels.get(self.entry.action, self.entry.get_action_display()))


def enterprise_changes(enterprise: Enterprise, *, limit: int = 20) -> list[Change]:
    """The latest audit-trail entries about the enterprise, its contacts and its qualifications —
    deleted ones included, found through the enterprise id they carry in ``additional_data``."""
    enterprise_type = ContentType.objects.get_for_model(Enterprise)
    child_types = ContentType.objects.get_for_models(EnterpriseContact, Qualification).values()
    entries = list(
        LogEntry.objects.filter(
            Q(content_type=enterprise_type, object_id=enterprise.pk)
            | Q(content_type__in=list(child_types), additional_data__enterprise_id=enterprise.pk)
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )
    # Foreign keys in these records point at small reference tables: name them all in three
    # queries, whatever the entries hold.
    names = {
        model: {str(obj.pk): str(obj) for obj in model.objects.all()}
        for model in (ManagingUnit, IndustryDivision, QualificationType)
    }
    return [Change(entry, _readable_changes(entry, names)) for entry in entries]


def _model_field(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


_UNSHOWN_FIELDS = {"id", "created_at", "updated_at", "enterprise", "sort_order"}


def _readable_changes(entry: LogEntry, names: dict) -> list[tuple[str, str, str]]:
    model = entry.content_type.model_class()
    rows = []
    for name, values in entry.changes_dict.items():
        field = _model_field(model, name)
        if field is None or not field.concrete or name in _UNSHOWN_FIELDS:
            continue
        shown = []
        for value in values:
            if value in (None, "None", ""):
                shown.append("—")
            elif field.many_to_one:
                shown.append(names.get(field.related_model, {}).get(value, value))
            elif field.choices:
                shown.append(str(dict(field.choices).get(value, value)))
            elif isinstance(field, models.BooleanField):
                shown.append(str(_("yes") if value == "True" else _("no")))
            else:
                shown.append(value)
        before, after = [*shown, "—", "—"][:2]
        if before != after:
            rows.append((str(field.verbose_name), before, after))
    return rows


# Standing of one qualification record on a day, for the detail page's history.
VALID, EXPIRED, NOT_YET_VALID, FAILED_REVIEW = "valid", "expired", "not_yet_valid", "failed_review"


def qualification_standing(qualification: Qualification, day: datetime.date) -> str:
    if qualification.review_result == Qualification.ReviewResult.FAILED:
        return FAILED_REVIEW
    if qualification.valid_from and qualification.valid_from > day:
        return NOT_YET_VALID
    if qualification.valid_to and qualification.valid_to < day:
        return EXPIRED
    return VALID


@dataclass(frozen=True)
class QualificationGroup:
    type: QualificationType
    records: list[tuple[Qualification, str]]  # newest first, each with its standing


def qualification_history(enterprise: Enterprise, day: datetime.date) -> list[QualificationGroup]:
    """The enterprise's qualifications grouped by type (from the prefetched list)."""
    groups: dict[int, QualificationGroup] = {}
    for qualification in enterprise.qualifications.all():
        group = groups.setdefault(qualification.type_id, QualificationGroup(qualification.type, []))
        group.records.append((qualification, qualification_standing(qualification, day)))
    return list(groups.values())
