"""Deadline reminders of the annual data: the users of every pilot enterprise whose report of an open
data year is not submitted yet hear about it on the reminder days before the year's deadline
(REMINDER_DAYS_DEFAULT), once per reminder day — the dedupe keys make reruns harmless."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from innopilot.accounts.models import User
from innopilot.accounts.roles import Role
from innopilot.annual.models import AnnualReport, ReportingYear
from innopilot.pilots.models import Notification
from innopilot.pilots.notifications import notification_send, reminder_due

DONE = (AnnualReport.Status.SUBMITTED, AnnualReport.Status.ACCEPTED, AnnualReport.Status.CORRECTING)


def reminder_days() -> list[int]:
    return sorted({int(day) for day in settings.REMINDER_DAYS_DEFAULT if int(day) >= 0})


def annual_reminders_send(*, reporting_year: ReportingYear, today: datetime.date) -> list[Notification]:
    """Remind the enterprise users of pilot enterprises that have not submitted ``reporting_year``."""
    if reporting_year.status != ReportingYear.Status.OPEN:
        return []
    days_left = (reporting_year.deadline - today).days
    due = reminder_due(days_left, reminder_days())
    if due is None:
        return []
    submitted = AnnualReport.objects.filter(year=reporting_year.year, status__in=DONE).values("enterprise_id")
    users = User.objects.filter(
        is_active=True, role=Role.ENTERPRISE, enterprise__pilot__isnull=False
    ).exclude(enterprise__in=submitted)
    values = {"year": reporting_year.year, "deadline": reporting_year.deadline.isoformat(), "days": days_left}
    with translation.override(settings.LANGUAGE_CODE):
        return notification_send(
            recipients=users,
            kind="annual_deadline_reminder",
            subject=_("Annual data deadline approaching"),
            message=_(
                "Your annual data for %(year)s is not submitted yet. The deadline is %(deadline)s "
                "(%(days)s days left)."
            )
            % values,
            link=reverse("annual_report_list"),
            dedupe_key=f"annual_deadline:{reporting_year.year}:{reporting_year.deadline.isoformat()}:{due}",
        )
