"""Background work of the annual data (run by ``innopilot worker``)."""

import datetime

from django_tasks import task

from innopilot.annual.models import ReportingYear
from innopilot.annual.reminders import annual_reminders_send


@task
def send_annual_reminders(reporting_year_id: int, day: str) -> int:
    """Send one data year's deadline reminders due on ``day`` (ISO date); returns how many were new."""
    reporting_year = ReportingYear.objects.get(pk=reporting_year_id)
    return len(annual_reminders_send(reporting_year=reporting_year, today=datetime.date.fromisoformat(day)))
