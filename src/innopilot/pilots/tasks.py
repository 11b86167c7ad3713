"""Background work of the pilot campaigns (run by ``innopilot worker``)."""

import datetime

from django_tasks import task

from innopilot.pilots.models import Campaign
from innopilot.pilots.notifications import reminders_send


@task
def send_campaign_reminders(campaign_id: int, day: str) -> int:
    """Send one campaign's deadline reminders due on ``day`` (ISO date); returns how many were new."""
    campaign = Campaign.objects.get(pk=campaign_id)
    return len(reminders_send(campaign=campaign, today=datetime.date.fromisoformat(day)))
