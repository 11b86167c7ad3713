"""Every write to accounts: creation and changes within the actor's scope, access links, unlocking."""

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.accounts.roles import DISTRICT_ROLES, Role
from innopilot.common.errors import DomainError
from innopilot.directory.models import Enterprise, ManagingUnit
from innopilot.evaluations.models import EvaluationInstitution


def _scope_for_role(
    *,
    actor: User,
    role: str,
    managing_unit: ManagingUnit | None,
    enterprise: Enterprise | None,
    institution: EvaluationInstitution | None,
) -> dict:
    """Check the role is the actor's to give and return exactly the scope fields that role carries."""
    if role not in access.roles_assignable_by(actor):
        raise DomainError(_("You may not give this role."), field="role")
    scope = {"managing_unit": None, "enterprise": None, "institution": None}
    if role in DISTRICT_ROLES:
        if managing_unit is None:
            raise DomainError(_("Choose the managing unit this official works for."), field="managing_unit")
        if not access.units_visible_to(actor).filter(pk=managing_unit.pk).exists():
            raise DomainError(_("This managing unit is outside your scope."), field="managing_unit")
        scope["managing_unit"] = managing_unit
    elif role == Role.ENTERPRISE:
        if enterprise is None:
            raise DomainError(_("Choose the enterprise this user belongs to."), field="enterprise")
        if not access.enterprises_visible_to(actor).filter(pk=enterprise.pk).exists():
            raise DomainError(_("This enterprise is outside your scope."), field="enterprise")
        scope["enterprise"] = enterprise
    elif role == Role.EVALUATOR:
        if institution is None:
            raise DomainError(_("Choose the evaluation institution."), field="institution")
        scope["institution"] = institution
    return scope


def _save(user: User) -> User:
    try:
        user.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field) from None
    user.save()
    return user


@transaction.atomic
def user_create(
    *,
    actor: User,
    username: str,
    full_name: str,
    email: str,
    role: str,
    phone: str = "",
    managing_unit: ManagingUnit | None = None,
    enterprise: Enterprise | None = None,
    institution: EvaluationInstitution | None = None,
) -> User:
    """Create an account without a password; its holder sets one through an access link."""
    scope = _scope_for_role(
        actor=actor, role=role, managing_unit=managing_unit, enterprise=enterprise, institution=institution
    )
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("This user name is taken."), field="username")
    user = User(
        username=username,
        full_name=full_name,
        email=email,
        phone=phone,
        role=role,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
        **scope,
    )
    user.set_unusable_password()
    return _save(user)


@transaction.atomic
def user_update(
    *,
    actor: User,
    target: User,
    full_name: str,
    email: str,
    role: str,
    phone: str = "",
    managing_unit: ManagingUnit | None = None,
    enterprise: Enterprise | None = None,
    institution: EvaluationInstitution | None = None,
) -> User:
    if not access.can_manage_user(actor, target):
        raise DomainError(_("You may not change this account."))
    scope = _scope_for_role(
        actor=actor, role=role, managing_unit=managing_unit, enterprise=enterprise, institution=institution
    )
    target.full_name, target.email, target.phone, target.role = full_name, email, phone, role
    target.is_staff = target.is_superuser = role == Role.ADMIN
    for field, value in scope.items():
        setattr(target, field, value)
    return _save(target)


@transaction.atomic
def user_set_active(*, actor: User, target: User, active: bool) -> User:
    if not access.can_manage_user(actor, target):
        raise DomainError(_("You may not change this account."))
    target.is_active = active
    target.save(update_fields=["is_active"])
    return target


def user_unlock(*, actor: User, target: User) -> int:
    """Lift a lockout after failed logins; returns how many lockout records were cleared."""
    if not access.can_manage_user(actor, target):
        raise DomainError(_("You may not change this account."))
    return axes_reset(username=target.username)


def access_link_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("access_link", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})


def user_send_access_link(*, actor: User | None, target: User, base_url: str) -> str:
    """E-mail the holder a one-time link to set a password; returns the link."""
    if actor is not None and not access.can_manage_user(actor, target):
        raise DomainError(_("You may not change this account."))
    if not target.email:
        raise DomainError(_("This account has no e-mail address to send the link to."), field="email")
    link = base_url.rstrip("/") + access_link_path(target)
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    context = {"user": target, "link": link, "hours": hours}
    send_mail(
        subject=_("Your Innopilot account"),
        message=render_to_string("accounts/email/access_link.txt", context),
        from_email=None,
        recipient_list=[target.email],
    )
    return link
