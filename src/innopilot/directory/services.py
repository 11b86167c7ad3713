"""Writes to the directory: enterprises, their contacts and their qualifications.

Every write checks the actor's rights here as well as in the view, validates the model, runs in one
transaction and records the acting user in the audit trail (django-auditlog's signals).
"""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.common.audit import audited_as
from innopilot.common.errors import DomainError
from innopilot.directory import eligibility
from innopilot.directory.models import (
    Enterprise,
    EnterpriseContact,
    ManagingUnit,
    Qualification,
    QualificationType,
)
from innopilot.directory.uscc import validate_uscc

# What an enterprise keeps current itself; the rest of the record is the district's.
PROFILE_FIELDS = ("address", "size_class", "established_on", "industry", "willingness")
SURVEY_FIELDS = (
    "has_ip_department",
    "ip_staff_full_time",
    "valid_invention_patents",
    "rd_expense_last_year",
    "gbt29490_certified",
    "survey_notes",
)
RECORD_FIELDS = ("name", "district_code", *PROFILE_FIELDS, *SURVEY_FIELDS)
CONTACT_FIELDS = ("name", "position", "mobile", "email")


def _full_clean(instance, *, exclude: Sequence[str] = (), prefix: str = "") -> None:
    try:
        instance.full_clean(exclude=list(exclude) or None)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else prefix + field) from None


def _check_fields(fields: Mapping[str, Any], allowed: Sequence[str]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"fields not editable here: {sorted(unknown)}")


# --- Enterprises ---------------------------------------------------------------------------------


@transaction.atomic
def enterprise_create(
    *, actor: User, uscc: str, name: str, managing_unit: ManagingUnit, **fields: Any
) -> Enterprise:
    """Register an enterprise; ``fields`` are any of ``RECORD_FIELDS`` besides the name."""
    _check_fields(fields, RECORD_FIELDS)
    if not access.units_for_new_enterprises(actor).filter(pk=managing_unit.pk).exists():
        raise DomainError(_("This managing unit is outside your scope."), field="managing_unit")
    try:
        code = validate_uscc(uscc)
    except ValidationError as error:
        raise DomainError(error.messages[0], field="uscc") from None
    existing = Enterprise.objects.filter(uscc=code).select_related("managing_unit").first()
    if existing is not None:
        raise DomainError(
            _("An enterprise with this code is already registered under %(unit)s.")
            % {"unit": existing.managing_unit},
            field="uscc",
        )
    name = name.strip()
    if not name:
        raise DomainError(_("Enter the enterprise's registered name."), field="name")
    enterprise = Enterprise(uscc=code, name=name, managing_unit=managing_unit)
    for field, value in fields.items():
        setattr(enterprise, field, _tidy(value))
    _full_clean(enterprise, exclude=["uscc"])
    with audited_as(actor):
        enterprise.save()
    return enterprise


def _tidy(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _apply(enterprise: Enterprise, fields: Mapping[str, Any], actor: User) -> Enterprise:
    for field, value in fields.items():
        setattr(enterprise, field, _tidy(value))
    if not enterprise.name:
        raise DomainError(_("Enter the enterprise's registered name."), field="name")
    _full_clean(enterprise, exclude=["uscc"])
    with audited_as(actor):
        enterprise.save()
    return enterprise


@transaction.atomic
def enterprise_update(
    *, actor: User, enterprise: Enterprise, managing_unit: ManagingUnit | None = None, **fields: Any
) -> Enterprise:
    """An official changes the record (``RECORD_FIELDS``); only the city moves it to another unit."""
    _check_fields(fields, RECORD_FIELDS)
    if not access.can_edit_enterprise(actor, enterprise):
        raise DomainError(_("You may not change this enterprise."))
    if managing_unit is not None and managing_unit.pk != enterprise.managing_unit_id:
        if not access.can_change_managing_unit(actor):
            raise DomainError(
                _("Only the city can move an enterprise to another managing unit."), field="managing_unit"
            )
        if not managing_unit.is_active:
            raise DomainError(_("This managing unit is no longer active."), field="managing_unit")
        enterprise.managing_unit = managing_unit
    return _apply(enterprise, fields, actor)


@transaction.atomic
def enterprise_profile_update(*, actor: User, enterprise: Enterprise, **fields: Any) -> Enterprise:
    """An enterprise user keeps its own profile current (``PROFILE_FIELDS`` only)."""
    _check_fields(fields, PROFILE_FIELDS)
    if not (access.can_edit_own_enterprise_profile(actor) and actor.enterprise_id == enterprise.pk):
        raise DomainError(_("You may not change this enterprise."))
    return _apply(enterprise, fields, actor)


# --- Contacts ------------------------------------------------------------------------------------


@transaction.atomic
def enterprise_contacts_replace(
    *, actor: User, enterprise: Enterprise, contacts: Sequence[Mapping[str, Any]]
) -> list[EnterpriseContact]:
    """Make the enterprise's contacts exactly ``contacts`` (in that order): rows with an ``id`` update
    that contact, rows without one are added, contacts not listed are deleted. All or nothing."""
    if not access.can_edit_enterprise_contacts(actor, enterprise):
        raise DomainError(_("You may not change this enterprise."))
    existing = {c.pk: c for c in enterprise.contacts.all()}
    names = [(row.get("name") or "").strip() for row in contacts]
    for index, name in enumerate(names):
        if name and names.index(name) != index:
            raise DomainError(
                _("The contact %(name)s is listed twice.") % {"name": name}, field=f"{index}-name"
            )
    kept = {row["id"] for row in contacts if row.get("id")}
    if kept - set(existing):
        raise DomainError(_("A contact to change does not belong to this enterprise."))
    saved = []
    with audited_as(actor):
        for contact in existing.values():
            if contact.pk not in kept:
                contact.delete()
        for index, row in enumerate(contacts):
            contact = existing[row["id"]] if row.get("id") else EnterpriseContact(enterprise=enterprise)
            for field in CONTACT_FIELDS:
                setattr(contact, field, _tidy(row.get(field) or ""))
            contact.sort_order = index
            # Names are checked against the list above; the unique check would see the old rows.
            _full_clean(contact, exclude=["enterprise"], prefix=f"{index}-")
            contact.save()
            saved.append(contact)
    return saved


# --- Qualifications ------------------------------------------------------------------------------


@transaction.atomic
def qualification_save(
    *,
    actor: User,
    enterprise: Enterprise,
    qualification: Qualification | None = None,
    type: QualificationType,
    recognized_year: int,
    batch: str = "",
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    reviewed_on: datetime.date | None = None,
    review_result: str = "",
    document_number: str = "",
) -> Qualification:
    """Add a qualification (``qualification`` None) or change one. Left blank, ``valid_to`` is the
    end of the year the title falls due for review."""
    if not access.can_edit_enterprise(actor, enterprise):
        raise DomainError(_("You may not change this enterprise."))
    if qualification is not None and qualification.enterprise_id != enterprise.pk:
        raise DomainError(_("This qualification belongs to another enterprise."))
    if not type.is_active:
        raise DomainError(_("This qualification type is no longer in use."), field="type")
    if valid_to is None:
        valid_to = eligibility.default_valid_to(recognized_year, type.validity_years)
    if valid_from and valid_to and valid_to < valid_from:
        raise DomainError(_("The end of validity is before its start."), field="valid_to")
    if reviewed_on and not review_result:
        raise DomainError(_("Choose the result of the latest review."), field="review_result")
    duplicate = Qualification.objects.filter(
        enterprise=enterprise, type=type, recognized_year=recognized_year
    )
    if qualification is not None:
        duplicate = duplicate.exclude(pk=qualification.pk)
    if duplicate.exists():
        raise DomainError(
            _("This enterprise already has %(type)s recognised in %(year)s.")
            % {"type": type.name, "year": recognized_year},
            field="recognized_year",
        )
    qualification = qualification or Qualification(enterprise=enterprise)
    values = {
        "type": type,
        "recognized_year": recognized_year,
        "batch": batch.strip(),
        "valid_from": valid_from,
        "valid_to": valid_to,
        "reviewed_on": reviewed_on,
        "review_result": review_result,
        "document_number": document_number.strip(),
    }
    for field, value in values.items():
        setattr(qualification, field, value)
    _full_clean(qualification, exclude=["enterprise"])
    with audited_as(actor):
        qualification.save()
    return qualification


@transaction.atomic
def qualification_delete(*, actor: User, qualification: Qualification) -> None:
    if not access.can_edit_enterprise(actor, qualification.enterprise):
        raise DomainError(_("You may not change this enterprise."))
    with audited_as(actor):
        qualification.delete()
