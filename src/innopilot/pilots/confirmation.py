"""Joint confirmation by the two municipal bureaus, the pilot enterprises it produces, and their
invitations.

A nomination is confirmed when both bureaus approved it and rejected as soon as either rejects it.
Each decision locks its nomination row first, so two officials acting at the same moment are
serialised: both decisions count, the second one sees the first, and the pilot enterprise is
created exactly once. The database's (nomination, bureau) uniqueness is the last word on
"a bureau decides once".
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.accounts.roles import Role
from innopilot.accounts.services import user_create, user_send_access_link
from innopilot.common.audit import audited_as
from innopilot.common.errors import DomainError
from innopilot.pilots.models import Decision, Invitation, Nomination, NominationList, PilotEnterprise
from innopilot.pilots.notifications import notify_nomination_rejected


def _already_decided() -> DomainError:
    return DomainError(_("Your bureau has already decided on this enterprise."))


def decision_record(*, actor: User, nomination: Nomination, verdict: str, reason: str = "") -> Decision:
    """Record the actor's bureau's approval or rejection and settle the nomination's status."""
    bureau = access.bureau_of(actor)
    if bureau is None:
        raise DomainError(_("Only the officials of the two municipal bureaus decide on nominations."))
    if verdict not in Decision.Verdict.values:
        raise DomainError(_("Choose to approve or to reject."), field="verdict")
    reason = reason.strip()
    if verdict == Decision.Verdict.REJECT and not reason:
        raise DomainError(_("Give the reason for the rejection."), field="reason")
    with audited_as(actor), transaction.atomic():
        locked = (
            Nomination.objects.select_for_update()
            .select_related("enterprise", "campaign", "nomination_list__managing_unit")
            .get(pk=nomination.pk)
        )
        if locked.nomination_list.status != NominationList.Status.SUBMITTED:
            raise DomainError(_("This nomination list has not been submitted yet."))
        if locked.decisions.filter(bureau=bureau).exists():
            raise _already_decided()
        if locked.status != Nomination.Status.NOMINATED:
            raise DomainError(
                _("%(enterprise)s is no longer awaiting a decision (%(status)s).")
                % {"enterprise": locked.enterprise.name, "status": locked.get_status_display()}
            )
        try:
            with transaction.atomic():  # a savepoint: the constraint's refusal leaves the rest usable
                decision = Decision.objects.create(
                    nomination=locked, bureau=bureau, verdict=verdict, reason=reason, decided_by=actor
                )
        except IntegrityError:
            raise _already_decided() from None
        _settle(locked, decision)
    nomination.status = locked.status
    return decision


def _settle(nomination: Nomination, decision: Decision) -> None:
    """Any rejection rejects; both bureaus' approvals confirm and make the enterprise a pilot."""
    verdicts = dict(nomination.decisions.values_list("bureau", "verdict"))
    if Decision.Verdict.REJECT in verdicts.values():
        nomination.status = Nomination.Status.REJECTED
        nomination.save(update_fields=["status", "updated_at"])
        notify_nomination_rejected(
            nomination, bureau_label=decision.get_bureau_display(), reason=decision.reason
        )
    elif set(verdicts) == set(Decision.Bureau.values):
        if PilotEnterprise.objects.filter(enterprise=nomination.enterprise_id).exists():
            raise DomainError(
                _("%(enterprise)s is already a pilot enterprise of an earlier batch.")
                % {"enterprise": nomination.enterprise.name}
            )
        nomination.status = Nomination.Status.CONFIRMED
        nomination.save(update_fields=["status", "updated_at"])
        PilotEnterprise.objects.create(
            enterprise=nomination.enterprise,
            campaign=nomination.campaign,
            nomination=nomination,
            confirmed_at=timezone.now(),
        )


@transaction.atomic
def decisions_approve_all(*, actor: User, nominations: Iterable[Nomination]) -> int:
    """Approve every selected nomination for the actor's bureau, or none: the first refusal undoes
    the batch and names the enterprise it stopped at."""
    count = 0
    for nomination in nominations:
        try:
            decision_record(actor=actor, nomination=nomination, verdict=Decision.Verdict.APPROVE)
        except DomainError as error:
            raise DomainError(
                _("Nothing was approved. %(enterprise)s: %(problem)s")
                % {"enterprise": nomination.enterprise.name, "problem": error.message}
            ) from None
        count += 1
    if not count:
        raise DomainError(_("Select at least one enterprise."), field="nominations")
    return count


def invitation_send(*, actor: User, pilot: PilotEnterprise, base_url: str) -> Invitation:
    """Create (or link) the account of the pilot's contact person and e-mail a one-time link to set
    a password; each call is a new invitation with its own expiry."""
    if (
        not access.can_invite_pilots(actor)
        or not access.pilots_visible_to(actor).filter(pk=pilot.pk).exists()
    ):
        raise DomainError(_("You may not invite this enterprise."))
    nomination = pilot.nomination
    email = nomination.contact_email.strip()
    if not email:
        raise DomainError(
            _("The nomination gives no e-mail address for %(name)s; add one before inviting.")
            % {"name": nomination.contact_name},
            field="email",
        )
    with audited_as(actor), transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = user_create(
                actor=actor,
                username=_free_username(email),
                full_name=nomination.contact_name,
                email=email,
                phone=nomination.contact_mobile,
                role=Role.ENTERPRISE,
                enterprise=pilot.enterprise,
            )
        elif user.role != Role.ENTERPRISE or user.enterprise_id != pilot.enterprise_id:
            raise DomainError(
                _(
                    "The account with the e-mail address %(email)s belongs to someone else; "
                    "it cannot be linked."
                )
                % {"email": email},
                field="email",
            )
        now = timezone.now()
        invitation = Invitation.objects.create(
            pilot=pilot,
            email=email,
            user=user,
            sent_by=actor,
            sent_at=now,
            expires_at=now + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
        )
        user_send_access_link(actor=actor, target=user, base_url=base_url)
    return invitation


def _free_username(email: str) -> str:
    """The e-mail address as the user name, numbered if someone already has it."""
    base = email.lower()
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def invitation_state(invitation: Invitation, now=None) -> str:
    """ "accepted" once the account holder has set a password or signed in, else "expired" after
    ``expires_at``, else "sent"."""
    user = invitation.user
    if user is not None and (user.last_login is not None or user.has_usable_password()):
        return "accepted"
    if (now or timezone.now()) > invitation.expires_at:
        return "expired"
    return "sent"
