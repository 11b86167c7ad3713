"""Notifications and deadline reminders: the right people, once each, in the app and by e-mail."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from innopilot.accounts.roles import Role
from innopilot.directory.models import ManagingUnit
from innopilot.pilots.models import Campaign, Extension, NominationList, Notification
from innopilot.pilots.notifications import notify_list_submitted, reminder_due, reminders_send
from tests.factories import UserFactory
from tests.helpers import assert_queries_do_not_grow
from tests.pilots.confirmation_builders import open_campaign, submitted_list

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2026, 3, 20)


@pytest.fixture
def campaign(reference_data):
    return open_campaign(deadline=DEADLINE)


def reminded_units(notifications) -> set[str]:
    return {notification.recipient.managing_unit.code for notification in notifications}


@pytest.mark.parametrize(
    ("days_left", "due"), [(20, None), (14, 14), (10, 14), (3, 3), (1, 3), (0, 3), (-1, None)]
)
def test_the_nearest_reminder_day_reached_is_due(days_left, due):
    assert reminder_due(days_left, [3, 14]) == due


def test_units_that_have_not_submitted_are_reminded_on_the_reminder_days(personas, campaign, yubei):
    submitted_list(campaign, yubei)  # 渝北 has submitted; 江北 has not
    assert reminders_send(campaign=campaign, today=DEADLINE - datetime.timedelta(days=15)) == []

    sent = reminders_send(campaign=campaign, today=DEADLINE - datetime.timedelta(days=14))
    assert [notification.recipient for notification in sent] == [personas["jiangbei_official"]]
    assert "2026-03-20" in sent[0].message and "14" in sent[0].message


def test_reminders_run_twice_send_nothing_twice(
    personas, campaign, mailoutbox, django_capture_on_commit_callbacks
):
    personas["jiangbei_official"].email = "jiangbei@example.cn"
    personas["jiangbei_official"].save()
    day = DEADLINE - datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_send(campaign=campaign, today=day)
        second = reminders_send(campaign=campaign, today=day)
        third = reminders_send(campaign=campaign, today=day + datetime.timedelta(days=1))
    assert first and second == [] and third == []
    assert Notification.objects.filter(recipient=personas["jiangbei_official"]).count() == 1
    to_jiangbei = [mail for mail in mailoutbox if mail.to == ["jiangbei@example.cn"]]
    assert len(to_jiangbei) == 1 and len(mailoutbox) == Notification.objects.count()
    assert "2026-03-20" in to_jiangbei[0].body


def test_every_department_of_every_unit_behind_is_reminded(personas, campaign, jiangbei):
    econ = UserFactory(role=Role.DISTRICT_ECON, managing_unit=jiangbei)
    sent = reminders_send(campaign=campaign, today=DEADLINE - datetime.timedelta(days=3))
    recipients = {notification.recipient for notification in sent}
    assert {personas["jiangbei_official"], personas["yubei_official"], econ} <= recipients
    active_units = ManagingUnit.objects.filter(
        is_active=True, users__role__in=[Role.DISTRICT_IP, Role.DISTRICT_ECON]
    )
    assert reminded_units(sent) == set(active_units.values_list("code", flat=True))


def test_an_extension_moves_the_reminders_to_the_new_deadline(personas, campaign, jiangbei):
    Extension.objects.create(
        campaign=campaign,
        managing_unit=jiangbei,
        new_deadline=DEADLINE + datetime.timedelta(days=30),
        reason="补报",
    )
    sent = reminders_send(campaign=campaign, today=DEADLINE - datetime.timedelta(days=3))
    assert personas["jiangbei_official"] not in {notification.recipient for notification in sent}
    sent = reminders_send(campaign=campaign, today=DEADLINE + datetime.timedelta(days=27))
    assert [notification.recipient for notification in sent] == [personas["jiangbei_official"]]


def test_a_campaigns_own_reminder_days_replace_the_default(personas, campaign):
    campaign.reminder_days = [7]
    campaign.save()
    assert reminders_send(campaign=campaign, today=DEADLINE - datetime.timedelta(days=14)) == []
    assert reminders_send(campaign=campaign, today=DEADLINE - datetime.timedelta(days=7))


def test_closed_campaigns_remind_no_one(personas, campaign):
    campaign.status = Campaign.Status.CLOSED
    campaign.save()
    assert reminders_send(campaign=campaign, today=DEADLINE - datetime.timedelta(days=3)) == []


def test_the_reminders_command_queues_a_task_per_open_campaign(personas, campaign):
    # Tests run tasks immediately, so the command's reminders are sent by the time it returns.
    call_command("reminders", "--date", (DEADLINE - datetime.timedelta(days=3)).isoformat())
    call_command("reminders", "--date", (DEADLINE - datetime.timedelta(days=3)).isoformat())
    assert (
        Notification.objects.filter(recipient=personas["jiangbei_official"], kind="deadline_reminder").count()
        == 1
    )


def test_a_submitted_list_notifies_the_city_officials_of_both_bureaus(personas, campaign, jiangbei):
    nomination_list = submitted_list(campaign, jiangbei)
    sent = notify_list_submitted(nomination_list)
    assert {notification.recipient for notification in sent} == {personas["city_ip"], personas["city_econ"]}
    assert "江北区" in sent[0].message
    assert notify_list_submitted(nomination_list) == []
    NominationList.objects.filter(pk=nomination_list.pk).update(
        submitted_at=timezone.now() + datetime.timedelta(hours=1)
    )
    nomination_list.refresh_from_db()
    assert len(notify_list_submitted(nomination_list)) == 2  # submitted again later: notified again


def test_the_bell_shows_the_unread_count_and_the_page_marks_read(client_as, personas, campaign):
    official = personas["jiangbei_official"]
    reminders_send(campaign=campaign, today=DEADLINE - datetime.timedelta(days=14))
    reminders_send(campaign=campaign, today=DEADLINE - datetime.timedelta(days=3))
    client = client_as(official)
    body = client.get(reverse("home")).content.decode()
    assert 'id="unread-count">2<' in body

    first = Notification.objects.filter(recipient=official).first()
    response = client.post(reverse("notification_read", args=[first.pk]))
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=official, read_at__isnull=True).count() == 1
    client.post(reverse("notification_read_all"))
    assert not Notification.objects.filter(recipient=official, read_at__isnull=True).exists()
    assert 'id="unread-count"' not in client.get(reverse("notification_list")).content.decode()


def test_someone_elses_notification_does_not_exist(client_as, personas, campaign):
    reminders_send(campaign=campaign, today=DEADLINE - datetime.timedelta(days=3))
    theirs = Notification.objects.filter(recipient=personas["jiangbei_official"]).get()
    response = client_as(personas["yubei_official"]).post(reverse("notification_read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_notifications_page_query_count_does_not_grow(client_as, personas):
    official = personas["jiangbei_official"]

    def add_rows(count):
        Notification.objects.bulk_create(
            Notification(recipient=official, kind="deadline_reminder", message=f"提醒{n}")
            for n in range(count)
        )

    add_rows(2)
    assert_queries_do_not_grow(client_as(official), reverse("notification_list"), add_rows)
