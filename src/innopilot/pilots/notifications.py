"""In-app notifications with an e-mail copy: deadline reminders, rejections and list submissions.

Every notification carries a ``dedupe_key`` naming what it is about; the database holds one per
recipient and key, so running the reminders twice (or two workers at once) never sends anything twice.
Messages are written in the platform's language (Chinese), whoever triggered them.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from innopilot.accounts.models import User
from innopilot.accounts.roles import CITY_ROLES, DISTRICT_ROLES
from innopilot.directory.models import ManagingUnit
from innopilot.pilots.models import Campaign, Nomination, NominationList, Notification


def unit_officials(unit_id: int) -> QuerySet[User]:
    """Both departments' officials of one unit."""
    return User.objects.filter(is_active=True, role__in=DISTRICT_ROLES, managing_unit=unit_id)


def city_officials() -> QuerySet[User]:
    """The officials of both municipal bureaus."""
    return User.objects.filter(is_active=True, role__in=CITY_ROLES)


def notification_send(
    *, recipients: Iterable[User], kind: str, subject: str, message: str, link: str, dedupe_key: str
) -> list[Notification]:
    """Notify each recipient once per ``dedupe_key``; e-mail the new ones after the transaction commits.

    Returns the notifications created now (recipients notified before are skipped)."""
    recipients = list(recipients)
    already = set(
        Notification.objects.filter(recipient__in=recipients, dedupe_key=dedupe_key).values_list(
            "recipient_id", flat=True
        )
    )
    fresh = [user for user in recipients if user.pk not in already]
    created = [
        Notification(recipient=user, kind=kind, message=message, link=link, dedupe_key=dedupe_key)
        for user in fresh
    ]
    # A concurrent run that inserted the same key first makes this insert a no-op, not an error.
    Notification.objects.bulk_create(created, ignore_conflicts=True)
    mails = [(subject, f"{message}\n\n{_absolute(link)}", None, [user.email]) for user in fresh if user.email]
    if mails:
        transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=False))
    return created


def _absolute(link: str) -> str:
    return settings.SITE_URL.rstrip("/") + link if link else settings.SITE_URL


def notify_list_submitted(nomination_list: NominationList) -> list[Notification]:
    """Tell the city officials of both bureaus that a unit has submitted its list."""
    values = {
        "unit": nomination_list.managing_unit.name,
        "year": nomination_list.campaign.year,
        "count": nomination_list.nominations.filter(status=Nomination.Status.NOMINATED).count(),
    }
    submitted = (nomination_list.submitted_at or timezone.now()).strftime("%Y%m%d%H%M%S")
    with translation.override(settings.LANGUAGE_CODE):
        return notification_send(
            recipients=city_officials(),
            kind="list_submitted",
            subject=_("Nomination list submitted"),
            message=_("%(unit)s has submitted its %(year)s nomination list (%(count)s enterprises).")
            % values,
            link=reverse("confirmation_list", args=[nomination_list.campaign.year])
            + f"?unit={nomination_list.managing_unit.code}",
            dedupe_key=f"list_submitted:{nomination_list.pk}:{submitted}",
        )


def notify_nomination_rejected(
    nomination: Nomination, *, bureau_label: str, reason: str
) -> list[Notification]:
    """Tell the nominating unit's officials that the city rejected one of their enterprises, and why."""
    unit = nomination.nomination_list.managing_unit
    values = {
        "enterprise": nomination.enterprise.name,
        "year": nomination.campaign.year,
        "bureau": bureau_label,
        "reason": reason,
    }
    with translation.override(settings.LANGUAGE_CODE):
        return notification_send(
            recipients=unit_officials(unit.pk),
            kind="nomination_rejected",
            subject=_("Nomination rejected"),
            message=_(
                "The %(bureau)s rejected %(enterprise)s from your %(year)s nomination list: %(reason)s. "
                "You may nominate another enterprise in its place while the campaign is open."
            )
            % values,
            link="",
            dedupe_key=f"nomination_rejected:{nomination.pk}",
        )


def reminder_days(campaign: Campaign) -> list[int]:
    """The campaign's reminder days, or the platform default (REMINDER_DAYS_DEFAULT)."""
    days = campaign.reminder_days or settings.REMINDER_DAYS_DEFAULT
    return sorted({int(day) for day in days if int(day) >= 0})


def reminder_due(days_left: int, days: list[int]) -> int | None:
    """Which reminder is due with ``days_left`` days to go: the nearest one reached (so a day the
    reminders did not run is caught up the next day, once), or None before the first and after the
    deadline."""
    if days_left < 0:
        return None
    reached = [day for day in days if days_left <= day]
    return min(reached) if reached else None


def reminders_send(*, campaign: Campaign, today: datetime.date) -> list[Notification]:
    """Remind both departments of every unit whose list for ``campaign`` is not submitted, on the
    reminder days before its deadline (an extension's, where granted). Safe to run any number of times."""
    if campaign.status != Campaign.Status.OPEN:
        return []
    days = reminder_days(campaign)
    extended = dict(campaign.extensions.values_list("managing_unit_id", "new_deadline"))
    units = ManagingUnit.objects.filter(is_active=True).exclude(
        Q(nomination_lists__campaign=campaign) & Q(nomination_lists__status=NominationList.Status.SUBMITTED)
    )
    sent: list[Notification] = []
    with translation.override(settings.LANGUAGE_CODE):
        for unit in units.order_by("sort_order", "code"):
            deadline = extended.get(unit.pk, campaign.nomination_deadline)
            days_left = (deadline - today).days
            due = reminder_due(days_left, days)
            if due is None:
                continue
            values = {"year": campaign.year, "deadline": deadline.isoformat(), "days": days_left}
            sent += notification_send(
                recipients=unit_officials(unit.pk),
                kind="deadline_reminder",
                subject=_("Nomination deadline approaching"),
                message=_(
                    "Your %(year)s nomination list is not submitted yet. The deadline is %(deadline)s "
                    "(%(days)s days left)."
                )
                % values,
                link="",
                dedupe_key=f"deadline:{campaign.pk}:{unit.pk}:{deadline.isoformat()}:{due}",
            )
    return sent


def notification_mark_read(*, user: User, notification: Notification | None = None) -> int:
    """Mark one of the user's notifications read, or all of them; returns how many changed."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification is not None:
        unread = unread.filter(pk=notification.pk)
    return unread.update(read_at=timezone.now())


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
