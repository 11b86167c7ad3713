"""Pilot enterprises and their invitations: an account for the contact person, a one-time link that
expires, a fresh invitation on each resend."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from innopilot.accounts.models import User
from innopilot.accounts.roles import Role
from innopilot.common.errors import DomainError
from innopilot.pilots.confirmation import decision_record, invitation_send, invitation_state
from innopilot.pilots.models import Invitation, PilotEnterprise
from tests.factories import UserFactory
from tests.helpers import assert_queries_do_not_grow
from tests.pilots.confirmation_builders import nominate, open_campaign

pytestmark = pytest.mark.django_db
BASE_URL = "http://testserver/"


def confirm(personas, nomination) -> PilotEnterprise:
    for persona in ("city_ip", "city_econ"):
        decision_record(actor=personas[persona], nomination=nomination, verdict="approve")
    return PilotEnterprise.objects.get(nomination=nomination)


@pytest.fixture
def pilot(personas, jiangbei, jiangbei_enterprise):
    nomination = nominate(open_campaign(), jiangbei, jiangbei_enterprise, email="Liu.Yang@example.cn")
    return confirm(personas, nomination)


def follow_link(client, message) -> str:
    link = next(line for line in message.body.splitlines() if "/access/" in line)
    return client.get(link.replace("http://testserver", "")).url  # the token moves to the session


def test_an_invitation_creates_the_contacts_account_and_mails_a_working_one_time_link(
    client, personas, pilot, settings
):
    invitation = invitation_send(actor=personas["jiangbei_official"], pilot=pilot, base_url=BASE_URL)

    user = User.objects.get(email__iexact="liu.yang@example.cn")
    assert (user.role, user.enterprise, user.full_name) == (Role.ENTERPRISE, pilot.enterprise, "赵联系")
    assert invitation.user == user and invitation.sent_by == personas["jiangbei_official"]
    assert invitation.expires_at - invitation.sent_at == datetime.timedelta(
        seconds=settings.PASSWORD_RESET_TIMEOUT
    )
    assert invitation_state(invitation) == "sent"
    assert [message.to for message in mail.outbox] == [["Liu.Yang@example.cn"]]

    form_url = follow_link(client, mail.outbox[0])
    response = client.post(
        form_url, {"new_password1": "Jiangbei-Pilot-88", "new_password2": "Jiangbei-Pilot-88"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Jiangbei-Pilot-88")
    invitation.refresh_from_db()
    assert invitation_state(invitation) == "accepted"
    link = next(line for line in mail.outbox[0].body.splitlines() if "/access/" in line)
    used = client.get(link.replace("http://testserver", ""), follow=True)
    assert "该链接已失效" in used.content.decode()


def test_an_existing_account_of_the_enterprise_is_linked_not_duplicated(personas, pilot):
    existing = UserFactory(role=Role.ENTERPRISE, enterprise=pilot.enterprise, email="liu.yang@example.cn")
    invitation = invitation_send(actor=personas["city_ip"], pilot=pilot, base_url=BASE_URL)
    assert invitation.user == existing
    assert User.objects.filter(email__iexact="liu.yang@example.cn").count() == 1


def test_an_address_used_by_another_enterprises_account_is_refused(personas, pilot, yubei_enterprise):
    UserFactory(role=Role.ENTERPRISE, enterprise=yubei_enterprise, email="liu.yang@example.cn")
    with pytest.raises(DomainError):
        invitation_send(actor=personas["city_ip"], pilot=pilot, base_url=BASE_URL)
    assert not Invitation.objects.exists() and mail.outbox == []


def test_a_nomination_without_an_email_cannot_be_invited(personas, jiangbei):
    pilot = confirm(personas, nominate(open_campaign(), jiangbei))
    with pytest.raises(DomainError) as refused:
        invitation_send(actor=personas["city_ip"], pilot=pilot, base_url=BASE_URL)
    assert refused.value.field == "email"


def test_resending_creates_a_new_invitation_and_an_unused_one_expires(personas, pilot):
    first = invitation_send(actor=personas["city_ip"], pilot=pilot, base_url=BASE_URL)
    second = invitation_send(actor=personas["city_econ"], pilot=pilot, base_url=BASE_URL)
    assert Invitation.objects.filter(pilot=pilot).count() == 2 and first.pk != second.pk
    assert User.objects.filter(email__iexact="liu.yang@example.cn").count() == 1
    assert len(mail.outbox) == 2
    later = first.expires_at + datetime.timedelta(minutes=1)
    assert invitation_state(first, later) == "expired"


def test_the_expiry_follows_the_account_link_validity(personas, pilot, settings):
    settings.PASSWORD_RESET_TIMEOUT = 3600
    before = timezone.now()
    invitation = invitation_send(actor=personas["city_ip"], pilot=pilot, base_url=BASE_URL)
    assert (
        before + datetime.timedelta(hours=1)
        <= invitation.expires_at
        <= timezone.now() + datetime.timedelta(hours=1)
    )


def test_another_districts_official_cannot_invite(personas, pilot):
    with pytest.raises(DomainError):
        invitation_send(actor=personas["yubei_official"], pilot=pilot, base_url=BASE_URL)


def test_the_pilot_list_shows_a_district_only_its_own_pilots(client_as, personas, pilot, yubei):
    yubei_pilot = confirm(personas, nominate(pilot.campaign, yubei))
    body = (
        client_as(personas["jiangbei_official"])
        .get(reverse("pilot_list", args=[pilot.campaign.year]))
        .content.decode()
    )
    assert pilot.enterprise.name in body and yubei_pilot.enterprise.name not in body


def test_inviting_from_the_pilot_list_reports_the_address(client_as, personas, pilot):
    client = client_as(personas["jiangbei_official"])
    response = client.post(reverse("invitation_send", args=[pilot.pk]), follow=True)
    assert "Liu.Yang@example.cn" in response.content.decode()
    invitations = client.get(reverse("invitation_list", args=[pilot.campaign.year])).content.decode()
    assert 'data-state="sent"' in invitations


def test_the_pilot_and_invitation_pages_query_counts_do_not_grow(client_as, personas, pilot, jiangbei):
    client = client_as(personas["city_ip"])

    def add_rows(count):
        for _ in range(count):
            email = f"p{Invitation.objects.count()}@example.cn"
            added = confirm(personas, nominate(pilot.campaign, jiangbei, email=email))
            invitation_send(actor=personas["city_ip"], pilot=added, base_url=BASE_URL)

    invitation_send(actor=personas["city_ip"], pilot=pilot, base_url=BASE_URL)
    assert_queries_do_not_grow(client, reverse("pilot_list", args=[pilot.campaign.year]), add_rows, more=5)
    assert_queries_do_not_grow(
        client, reverse("invitation_list", args=[pilot.campaign.year]), add_rows, more=5
    )
