"""Writes for campaigns, extensions and the districts' nomination lists.

Every function checks who acts and the programme's rules, writes in one transaction under the
actor's name (django-auditlog records each row), and refuses with a DomainError in the user's words.
Deadlines are days in Asia/Shanghai: the deadline day itself still counts.
"""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.common.audit import audited_as
from innopilot.common.errors import DomainError
from innopilot.directory import eligibility
from innopilot.directory.models import Enterprise, ManagingUnit, Qualification
from innopilot.pilots import priorities
from innopilot.pilots.models import Campaign, Extension, Nomination, NominationList, PilotEnterprise
from innopilot.pilots.notifications import notify_list_submitted

# --- Campaigns ----------------------------------------------------------------------------------------


def parse_reminder_days(text: str) -> list[int]:
    """ "14, 3" → [14, 3]: whole days before the deadline, largest first, each once."""
    parts = [p for p in re.split(r"[,，、\s]+", text or "") if p]
    if not all(p.isdigit() and 0 < int(p) <= 365 for p in parts):
        raise DomainError(
            _("Enter whole days between 1 and 365, separated by commas, e.g. 14,3."), field="reminder_days"
        )
    return sorted({int(p) for p in parts}, reverse=True)


def _check_campaign_values(*, year: int, target_share: Decimal, campaign: Campaign | None = None) -> None:
    if not (Decimal("0") < target_share <= Decimal("1")):
        raise DomainError(_("The target share must lie above 0% and at most 100%."), field="target_share")
    others = Campaign.objects.filter(year=year)
    if campaign is not None:
        others = others.exclude(pk=campaign.pk)
    if others.exists():
        raise DomainError(_("There is already a campaign for %(year)s.") % {"year": year}, field="year")


def _full_clean(instance, exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field) from None


def campaign_create(
    *,
    actor: User,
    year: int,
    nomination_deadline: datetime.date,
    target_share: Decimal = Decimal("0.3333"),
    reminder_days: list[int] | None = None,
    status: str = Campaign.Status.DRAFT,
    notes: str = "",
) -> Campaign:
    if not access.can_manage_campaigns(actor):
        raise DomainError(_("Only the city sets up campaigns."))
    _check_campaign_values(year=year, target_share=target_share)
    campaign = Campaign(
        year=year,
        nomination_deadline=nomination_deadline,
        target_share=target_share,
        reminder_days=list(reminder_days or []),
        status=status,
        notes=notes.strip(),
        created_by=actor,
    )
    _full_clean(campaign, exclude=["created_by"])
    with audited_as(actor), transaction.atomic():
        campaign.save()
    return campaign


def campaign_update(
    *,
    actor: User,
    campaign: Campaign,
    year: int,
    nomination_deadline: datetime.date,
    target_share: Decimal,
    reminder_days: list[int],
    status: str,
    notes: str = "",
) -> Campaign:
    if not access.can_manage_campaigns(actor):
        raise DomainError(_("Only the city sets up campaigns."))
    _check_campaign_values(year=year, target_share=target_share, campaign=campaign)
    if year != campaign.year and campaign.lists.exists():
        raise DomainError(
            _("Units have already started their lists; the year can no longer change."), field="year"
        )
    with audited_as(actor), transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        campaign.year = year
        campaign.nomination_deadline = nomination_deadline
        campaign.target_share = target_share
        campaign.reminder_days = list(reminder_days)
        campaign.status = status
        campaign.notes = notes.strip()
        _full_clean(campaign, exclude=["created_by"])
        campaign.save()
    return campaign


def extension_grant(
    *, actor: User, campaign: Campaign, unit: ManagingUnit, new_deadline: datetime.date, reason: str
) -> Extension:
    """Give one unit a later deadline; granting again replaces the unit's earlier extension."""
    if not access.can_manage_campaigns(actor):
        raise DomainError(_("Only the city grants extensions."))
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Give the reason for the extension."), field="reason")
    if new_deadline <= campaign.nomination_deadline:
        raise DomainError(
            _("The new deadline must come after the campaign's deadline (%(date)s).")
            % {"date": campaign.nomination_deadline.isoformat()},
            field="new_deadline",
        )
    with audited_as(actor), transaction.atomic():
        extension = (
            Extension.objects.select_for_update().filter(campaign=campaign, managing_unit=unit).first()
        )
        extension = extension or Extension(campaign=campaign, managing_unit=unit)
        extension.new_deadline = new_deadline
        extension.reason = reason
        extension.granted_by = actor
        extension.save()
    return extension


# --- Deadlines ------------------------------------------------------------------------------------------


def deadline_for(campaign: Campaign, unit: ManagingUnit) -> datetime.date:
    """The unit's last day: the campaign's deadline, or its extension's if one was granted."""
    extension = Extension.objects.filter(campaign=campaign, managing_unit=unit).first()
    return (
        max(campaign.nomination_deadline, extension.new_deadline)
        if extension
        else campaign.nomination_deadline
    )


def accepts_changes(campaign: Campaign, unit: ManagingUnit, *, today: datetime.date | None = None) -> bool:
    """The campaign is open and the unit's deadline (with its extension) has not passed."""
    today = today or timezone.localdate()
    return campaign.status == Campaign.Status.OPEN and today <= deadline_for(campaign, unit)


def _refuse_if_closed(campaign: Campaign, unit: ManagingUnit) -> None:
    if campaign.status != Campaign.Status.OPEN:
        raise DomainError(_("The %(year)s campaign is not open for nominations.") % {"year": campaign.year})
    deadline = deadline_for(campaign, unit)
    if timezone.localdate() > deadline:
        raise DomainError(
            _(
                "The nomination deadline was %(date)s and has passed, so the list can no longer be "
                "submitted or changed. Please ask the city for an extension."
            )
            % {"date": deadline.isoformat()}
        )


# --- Nominations ----------------------------------------------------------------------------------------


def _normalize_mobile(value: str) -> str:
    digits = re.sub(r"[\s\-]", "", value or "")
    return digits.removeprefix("+86")


def _check_nominator(actor: User, unit: ManagingUnit) -> None:
    if not access.can_nominate(actor, unit):
        raise DomainError(_("Only the unit's own officials draw up its nomination list."))


def qualifying_title(enterprise: Enterprise, day: datetime.date) -> Qualification | None:
    """The pilot-eligible title that holds on ``day`` (the strongest, then the latest), or None."""
    holding = [
        q
        for q in enterprise.qualifications.select_related("type").filter(type__pilot_eligible=True)
        if eligibility.holds_on(q, day)
    ]
    if not holding:
        return None
    return max(holding, key=lambda q: (priorities.TITLE_POINTS.get(q.type.code, 0), q.recognized_year))


def _contact_values(name: str, position: str, mobile: str, email: str) -> dict:
    return {
        "contact_name": " ".join((name or "").split()),
        "contact_position": " ".join((position or "").split()),
        "contact_mobile": _normalize_mobile(mobile),
        "contact_email": (email or "").strip(),
    }


def _check_candidate(campaign: Campaign, unit: ManagingUnit, enterprise: Enterprise) -> Qualification:
    if enterprise.managing_unit_id != unit.pk:
        raise DomainError(
            _("%(name)s is not managed by this unit.") % {"name": enterprise.name}, field="enterprise"
        )
    if PilotEnterprise.objects.filter(enterprise=enterprise).exists():
        raise DomainError(
            _("%(name)s was already confirmed as a pilot enterprise in an earlier campaign.")
            % {"name": enterprise.name},
            field="enterprise",
        )
    if Nomination.objects.filter(campaign=campaign, enterprise=enterprise).exists():
        raise DomainError(
            _("%(name)s is already on the %(year)s list.") % {"name": enterprise.name, "year": campaign.year},
            field="enterprise",
        )
    basis = qualifying_title(enterprise, timezone.localdate())
    if basis is None:
        raise DomainError(
            _("%(name)s holds no valid title that counts for the pilot today.") % {"name": enterprise.name},
            field="enterprise",
        )
    return basis


def nomination_add(
    *,
    actor: User,
    campaign: Campaign,
    unit: ManagingUnit,
    enterprise: Enterprise,
    contact_name: str,
    contact_position: str = "",
    contact_mobile: str,
    contact_email: str = "",
) -> Nomination:
    """Put an eligible enterprise of the unit on its draft list (the list is created with the first)."""
    _check_nominator(actor, unit)
    _refuse_if_closed(campaign, unit)
    with audited_as(actor), transaction.atomic():
        nomination_list, _created = NominationList.objects.get_or_create(
            campaign=campaign, managing_unit=unit
        )
        nomination_list = NominationList.objects.select_for_update().get(pk=nomination_list.pk)
        if nomination_list.status != NominationList.Status.DRAFT:
            raise DomainError(
                _("The list has been submitted; only rejected enterprises can still be replaced.")
            )
        nomination = _nomination_save(
            actor=actor,
            nomination_list=nomination_list,
            enterprise=enterprise,
            contact=(contact_name, contact_position, contact_mobile, contact_email),
        )
    return nomination


def nomination_update(
    *,
    actor: User,
    nomination: Nomination,
    contact_name: str,
    contact_position: str = "",
    contact_mobile: str,
    contact_email: str = "",
) -> Nomination:
    """Correct the contact person; allowed while the nomination stands (not replaced or withdrawn)."""
    unit = nomination.nomination_list.managing_unit
    _check_nominator(actor, unit)
    if nomination.status in (Nomination.Status.REPLACED, Nomination.Status.WITHDRAWN):
        raise DomainError(_("This nomination was replaced or withdrawn and can no longer change."))
    with audited_as(actor), transaction.atomic():
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        for name, value in _contact_values(
            contact_name, contact_position, contact_mobile, contact_email
        ).items():
            setattr(nomination, name, value)
        _full_clean(
            nomination,
            exclude=["nomination_list", "campaign", "enterprise", "basis", "replaces", "created_by"],
        )
        nomination.save()
    return nomination


def nomination_remove(*, actor: User, nomination: Nomination) -> None:
    """Take an enterprise off a list that has not been submitted yet."""
    _check_nominator(actor, nomination.nomination_list.managing_unit)
    with audited_as(actor), transaction.atomic():
        nomination_list = NominationList.objects.select_for_update().get(pk=nomination.nomination_list_id)
        if nomination_list.status != NominationList.Status.DRAFT:
            raise DomainError(_("The list has been submitted; its enterprises can no longer be removed."))
        Nomination.objects.get(pk=nomination.pk).delete()


def nomination_list_submit(*, actor: User, nomination_list: NominationList) -> NominationList:
    """Send the list to the city: refused after the unit's deadline unless an extension still runs.

    The city officials of both bureaus are notified (in the app and by e-mail).
    """
    unit = nomination_list.managing_unit
    _check_nominator(actor, unit)
    _refuse_if_closed(nomination_list.campaign, unit)
    with audited_as(actor), transaction.atomic():
        nomination_list = NominationList.objects.select_for_update().get(pk=nomination_list.pk)
        if nomination_list.status != NominationList.Status.DRAFT:
            raise DomainError(_("The list has already been submitted."))
        if not nomination_list.nominations.exists():
            raise DomainError(_("Add at least one enterprise before submitting the list."))
        nomination_list.status = NominationList.Status.SUBMITTED
        nomination_list.submitted_at = timezone.now()
        nomination_list.submitted_by = actor
        nomination_list.save()
        notify_list_submitted(nomination_list)
    return nomination_list


def nomination_replace(
    *,
    actor: User,
    nomination: Nomination,
    enterprise: Enterprise,
    contact_name: str,
    contact_position: str = "",
    contact_mobile: str,
    contact_email: str = "",
) -> Nomination:
    """Put another enterprise in place of a rejected one, while the campaign is open for the unit."""
    nomination_list = nomination.nomination_list
    unit = nomination_list.managing_unit
    _check_nominator(actor, unit)
    _refuse_if_closed(nomination.campaign, unit)
    with audited_as(actor), transaction.atomic():
        old = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if old.status != Nomination.Status.REJECTED:
            raise DomainError(_("Only a rejected nomination can be replaced."))
        old.status = Nomination.Status.REPLACED
        old.save(update_fields=["status", "updated_at"])
        replacement = _nomination_save(
            actor=actor,
            nomination_list=nomination_list,
            enterprise=enterprise,
            contact=(contact_name, contact_position, contact_mobile, contact_email),
            replaces=old,
        )
    return replacement


def _nomination_save(*, actor, nomination_list, enterprise, contact, replaces=None) -> Nomination:
    """A checked candidate with its qualifying title and validated contact, saved on the list."""
    nomination = Nomination(
        nomination_list=nomination_list,
        campaign=nomination_list.campaign,
        enterprise=enterprise,
        basis=_check_candidate(nomination_list.campaign, nomination_list.managing_unit, enterprise),
        replaces=replaces,
        created_by=actor,
        **_contact_values(*contact),
    )
    _full_clean(
        nomination,
        exclude=["nomination_list", "campaign", "enterprise", "basis", "replaces", "created_by"],
    )
    nomination.save()
    return nomination
