"""Annual data deadline reminders: pilot enterprises that have not submitted hear about it, once."""

import datetime

import pytest
from django.core.management import call_command

from innopilot.annual.models import AnnualReport, ReportingYear
from innopilot.annual.reminders import annual_reminders_send
from innopilot.pilots.models import Notification
from tests.annual.catalogue_builders import small_catalogue
from tests.pilots.builders import campaign, confirm

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2026, 3, 31)


@pytest.fixture
def reporting_year(personas):
    catalogue = small_catalogue()
    pilots = campaign(2025)
    confirm(pilots, personas["enterprise_user"].enterprise)
    confirm(pilots, personas["other_enterprise_user"].enterprise)
    return ReportingYear.objects.create(year=2025, deadline=DEADLINE, catalogue=catalogue)


def days_before(days: int) -> datetime.date:
    return DEADLINE - datetime.timedelta(days=days)


def test_pilot_enterprises_without_a_submitted_report_are_reminded_on_the_reminder_days(
    personas, reporting_year
):
    AnnualReport.objects.create(
        enterprise=personas["enterprise_user"].enterprise,
        year=2025,
        catalogue=reporting_year.catalogue,
        status=AnnualReport.Status.SUBMITTED,
    )
    assert annual_reminders_send(reporting_year=reporting_year, today=days_before(15)) == []

    sent = annual_reminders_send(reporting_year=reporting_year, today=days_before(14))
    assert [notification.recipient for notification in sent] == [personas["other_enterprise_user"]]
    assert "2026-03-31" in sent[0].message


def test_a_draft_report_still_gets_a_reminder_and_reruns_send_nothing_twice(personas, reporting_year):
    AnnualReport.objects.create(
        enterprise=personas["other_enterprise_user"].enterprise, year=2025, catalogue=reporting_year.catalogue
    )
    first = annual_reminders_send(reporting_year=reporting_year, today=days_before(3))
    again = annual_reminders_send(reporting_year=reporting_year, today=days_before(2))
    assert len(first) == 2 and again == []


def test_a_closed_year_and_a_passed_deadline_remind_nobody(personas, reporting_year):
    assert (
        annual_reminders_send(reporting_year=reporting_year, today=DEADLINE + datetime.timedelta(days=1))
        == []
    )
    reporting_year.status = ReportingYear.Status.CLOSED
    reporting_year.save()
    assert annual_reminders_send(reporting_year=reporting_year, today=days_before(3)) == []


def test_the_reminders_command_also_sends_the_annual_reminders(personas, reporting_year):
    call_command("reminders", "--date", days_before(3).isoformat())
    assert Notification.objects.filter(kind="annual_deadline_reminder").count() == 2
