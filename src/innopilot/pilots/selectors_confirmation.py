"""Reads for the confirmation, pilot-enterprise, invitation and notification pages, scoped to the
user, each in a constant number of queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.directory.eligibility import assess
from innopilot.directory.models import Qualification
from innopilot.pilots.confirmation import invitation_state
from innopilot.pilots.models import Campaign, Decision, Invitation, Nomination, NominationList, Notification


@dataclass
class ConfirmationRow:
    nomination: Nomination
    reasons: list[str]
    decisions: dict[str, Decision] = field(default_factory=dict)  # by bureau
    mine: Decision | None = None  # the viewer's bureau's decision

    @property
    def awaits_me(self) -> bool:
        return self.mine is None and self.nomination.status == Nomination.Status.NOMINATED


def confirmation_rows(
    user: User, campaign: Campaign, *, unit_code: str = "", status: str = ""
) -> list[ConfirmationRow]:
    """Nominations of the campaign's submitted lists, with eligibility reasons and both decisions."""
    nominations = (
        access.nominations_visible_to(user)
        .filter(campaign=campaign, nomination_list__status=NominationList.Status.SUBMITTED)
        .select_related("enterprise", "nomination_list__managing_unit", "basis__type")
        .prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.select_related("decided_by")),
            Prefetch("enterprise__qualifications", queryset=Qualification.objects.select_related("type")),
        )
        .order_by("nomination_list__managing_unit__sort_order", "enterprise__name")
    )
    if unit_code:
        nominations = nominations.filter(nomination_list__managing_unit__code=unit_code)
    if status:
        nominations = nominations.filter(status=status)
    bureau = access.bureau_of(user)
    rows = []
    for nomination in nominations:
        # The pool rule on the day the unit vouched for the enterprise (its list's submission).
        submitted = nomination.nomination_list.submitted_at
        day = timezone.localdate(submitted) if submitted else timezone.localdate()
        decisions = {decision.bureau: decision for decision in nomination.decisions.all()}
        rows.append(
            ConfirmationRow(
                nomination=nomination,
                reasons=assess(nomination.enterprise.qualifications.all(), day).reasons,
                decisions=decisions,
                mine=decisions.get(bureau),
            )
        )
    return rows


def pilots_of(user: User, campaign: Campaign) -> QuerySet:
    """The campaign's pilot enterprises in the user's scope, each with its invitations (newest first)
    and their accounts."""
    return (
        access.pilots_visible_to(user)
        .filter(campaign=campaign)
        .select_related("enterprise__managing_unit", "nomination")
        .prefetch_related(
            Prefetch("invitations", queryset=Invitation.objects.select_related("user").order_by("-sent_at"))
        )
        .order_by("enterprise__managing_unit__sort_order", "enterprise__name")
    )


@dataclass
class InvitationRow:
    invitation: Invitation
    state: str


def invitations_of(user: User, campaign: Campaign) -> list[InvitationRow]:
    invitations = (
        Invitation.objects.filter(pilot__in=access.pilots_visible_to(user).filter(campaign=campaign))
        .select_related("pilot__enterprise__managing_unit", "user", "sent_by")
        .order_by("-sent_at")
    )
    now = timezone.now()
    return [InvitationRow(invitation, invitation_state(invitation, now)) for invitation in invitations]


def notifications_of(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")
