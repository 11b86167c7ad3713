"""``innopilot reminders``: queue today's deadline reminders, one task per open campaign and one per
data year open for annual reporting.

Run it once a day (cron or a systemd timer); the worker sends the reminders. Running it twice sends
nothing twice.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from innopilot.annual.models import ReportingYear
from innopilot.annual.tasks import send_annual_reminders
from innopilot.pilots.models import Campaign
from innopilot.pilots.tasks import send_campaign_reminders


class Command(BaseCommand):
    help = "Queue the deadline reminders due today for every open campaign and reporting year (run daily)."

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
        years = ReportingYear.objects.filter(status=ReportingYear.Status.OPEN).order_by("year")
        for reporting_year in years:
            send_annual_reminders.enqueue(reporting_year.pk, day.isoformat())
            self.stdout.write(f"annual data {reporting_year.year}: reminders for {day.isoformat()} queued")
