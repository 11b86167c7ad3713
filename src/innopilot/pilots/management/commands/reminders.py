"""``innopilot reminders``: queue today's deadline reminders, one task per open campaign.

Run it once a day (cron or a systemd timer); the worker sends the reminders. Running it twice sends
nothing twice.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from innopilot.pilots.models import Campaign
from innopilot.pilots.tasks import send_campaign_reminders


class Command(BaseCommand):
    help = "Queue the deadline reminders due today for every open campaign (run daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="Send the reminders due on this day (YYYY-MM-DD) instead of today (Asia/Shanghai).",
        )

    def handle(self, *args, date=None, **options):
        day = date or timezone.localdate()
        campaigns = Campaign.objects.filter(status=Campaign.Status.OPEN).order_by("year")
        for campaign in campaigns:
            send_campaign_reminders.enqueue(campaign.pk, day.isoformat())
            self.stdout.write(f"{campaign.year}: reminders for {day.isoformat()} queued")
        if not campaigns:
            self.stdout.write("No open campaign: nothing to remind.")
