"""Writes to the directory. The full enterprise record arrives with the directory capability."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.common.errors import DomainError
from innopilot.directory.models import Enterprise, ManagingUnit
from innopilot.directory.uscc import validate_uscc


@transaction.atomic
def enterprise_create(*, actor: User, uscc: str, name: str, managing_unit: ManagingUnit) -> Enterprise:
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
    return Enterprise.objects.create(uscc=code, name=name, managing_unit=managing_unit)
