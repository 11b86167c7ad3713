"""Writes to a unit's work mechanism: its departments, offices and contacts, and its work plan file."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.common import uploads
from innopilot.common.audit import audited_as
from innopilot.common.errors import DomainError
from innopilot.directory.mechanisms import checks
from innopilot.directory.models import ManagingUnit, WorkMechanism

TEXT_FIELDS = (
    "ip_department",
    "ip_office",
    "ip_contact_name",
    "ip_contact_phone",
    "econ_department",
    "econ_office",
    "econ_contact_name",
    "econ_contact_phone",
)


def mechanism_save(
    *,
    actor: User,
    unit: ManagingUnit,
    ip_department: str,
    ip_office: str,
    ip_contact_name: str,
    ip_contact_phone: str,
    econ_department: str,
    econ_office: str,
    econ_contact_name: str,
    econ_contact_phone: str,
    work_plan: UploadedFile | None = None,
) -> WorkMechanism:
    """Create or update the unit's mechanism; a new work plan replaces the old file.

    Everything is checked before anything is written; the old file is deleted only once the new
    record is committed, and a new file is removed again if the record cannot be saved.
    """
    if not access.can_edit_mechanism(actor, unit):
        raise DomainError(_("You may not change this unit's work mechanism."))
    values = {
        "ip_department": ip_department,
        "ip_office": ip_office,
        "ip_contact_name": ip_contact_name,
        "ip_contact_phone": checks.normalize_phone(ip_contact_phone),
        "econ_department": econ_department,
        "econ_office": econ_office,
        "econ_contact_name": econ_contact_name,
        "econ_contact_phone": checks.normalize_phone(econ_contact_phone),
    }
    values = {name: " ".join((value or "").split()) for name, value in values.items()}
    for name in ("ip_contact_phone", "econ_contact_phone"):
        problem = checks.phone_problem(values[name])
        if problem:
            raise DomainError(problem, field=name)
    if work_plan is not None:
        problem = checks.plan_problem(work_plan.name, work_plan.size, work_plan, settings.WORK_PLAN_MAX_MB)
        if problem:
            raise DomainError(problem, field="work_plan")

    stored_new = ""
    try:
        with audited_as(actor), transaction.atomic():
            mechanism = WorkMechanism.objects.select_for_update().filter(managing_unit=unit).first()
            mechanism = mechanism or WorkMechanism(managing_unit=unit)
            old_file = mechanism.work_plan.name if work_plan is not None else ""
            for name, value in values.items():
                setattr(mechanism, name, value)
            if work_plan is not None:
                mechanism.work_plan.save(work_plan.name, work_plan, save=False)
                stored_new = mechanism.work_plan.name
                mechanism.work_plan_name = uploads.display_name(
                    work_plan.name, WorkMechanism._meta.get_field("work_plan_name").max_length
                )
                mechanism.work_plan_uploaded_at = timezone.now()
            mechanism.updated_by = actor
            _validate(mechanism)
            mechanism.save()
            if old_file:
                storage = mechanism.work_plan.storage
                transaction.on_commit(lambda: storage.delete(old_file))
    except Exception:
        if stored_new:
            WorkMechanism._meta.get_field("work_plan").storage.delete(stored_new)
        raise
    return mechanism


def _validate(mechanism: WorkMechanism) -> None:
    try:
        mechanism.full_clean(exclude=["managing_unit", "updated_by"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field) from None
