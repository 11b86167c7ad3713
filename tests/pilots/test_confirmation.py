"""Joint confirmation: both bureaus approve to confirm, either rejects with a reason, each decides once."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from innopilot.common.errors import DomainError
from innopilot.pilots.confirmation import decision_record, decisions_approve_all
from innopilot.pilots.models import Decision, Nomination, NominationList, Notification, PilotEnterprise
from tests.helpers import assert_queries_do_not_grow
from tests.pilots.confirmation_builders import nominate, open_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(reference_data):
    return open_campaign()


@pytest.fixture
def nomination(campaign, jiangbei, jiangbei_enterprise):
    return nominate(campaign, jiangbei, jiangbei_enterprise)


def test_both_bureaus_approvals_make_a_pilot_enterprise(personas, nomination):
    decision_record(actor=personas["city_ip"], nomination=nomination, verdict="approve")
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.NOMINATED
    assert not PilotEnterprise.objects.exists()

    decision_record(actor=personas["city_econ"], nomination=nomination, verdict="approve")
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.CONFIRMED
    pilot = PilotEnterprise.objects.get()
    assert (pilot.enterprise, pilot.campaign, pilot.nomination) == (
        nomination.enterprise,
        nomination.campaign,
        nomination,
    )
    assert pilot.confirmed_at is not None


def test_one_rejection_rejects_and_notifies_the_units_officials(
    personas, nomination, mailoutbox, django_capture_on_commit_callbacks
):
    personas["jiangbei_official"].email = "jiangbei@example.cn"
    personas["jiangbei_official"].save()
    decision_record(actor=personas["city_ip"], nomination=nomination, verdict="approve")
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves once the decision commits
        decision_record(
            actor=personas["city_econ"], nomination=nomination, verdict="reject", reason="材料不全"
        )

    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.REJECTED
    assert not PilotEnterprise.objects.exists()
    notice = Notification.objects.get(recipient=personas["jiangbei_official"])
    assert notice.kind == "nomination_rejected"
    assert "材料不全" in notice.message and nomination.enterprise.name in notice.message
    assert not Notification.objects.filter(recipient=personas["yubei_official"]).exists()
    assert [mail.to for mail in mailoutbox] == [["jiangbei@example.cn"]]


def test_a_rejection_without_a_reason_is_refused(personas, nomination):
    with pytest.raises(DomainError) as refused:
        decision_record(actor=personas["city_ip"], nomination=nomination, verdict="reject", reason="  ")
    assert refused.value.field == "reason"
    assert not Decision.objects.exists()


def test_a_bureau_cannot_decide_twice(personas, nomination):
    decision_record(actor=personas["city_ip"], nomination=nomination, verdict="approve")
    with pytest.raises(DomainError, match="该部门已对此企业作出决定"):
        decision_record(actor=personas["city_ip"], nomination=nomination, verdict="reject", reason="再议")
    assert Decision.objects.count() == 1


def test_a_rejected_nomination_takes_no_further_decision(personas, nomination):
    decision_record(actor=personas["city_ip"], nomination=nomination, verdict="reject", reason="不符合条件")
    with pytest.raises(DomainError):
        decision_record(actor=personas["city_econ"], nomination=nomination, verdict="approve")
    assert Decision.objects.count() == 1


def test_a_list_still_being_prepared_cannot_be_decided(personas, nomination):
    NominationList.objects.filter(pk=nomination.nomination_list_id).update(status=NominationList.Status.DRAFT)
    with pytest.raises(DomainError):
        decision_record(actor=personas["city_ip"], nomination=nomination, verdict="approve")


@pytest.mark.parametrize("persona", ["jiangbei_official", "admin"])
def test_only_the_two_bureaus_decide(personas, nomination, persona):
    with pytest.raises(DomainError):
        decision_record(actor=personas[persona], nomination=nomination, verdict="approve")


def test_decisions_and_the_pilot_reach_the_audit_trail(personas, nomination):
    decision_record(actor=personas["city_ip"], nomination=nomination, verdict="approve")
    decision_record(actor=personas["city_econ"], nomination=nomination, verdict="approve")
    decisions = LogEntry.objects.filter(content_type__model="decision")
    assert {entry.actor for entry in decisions} == {personas["city_ip"], personas["city_econ"]}
    assert LogEntry.objects.filter(
        content_type__model="pilotenterprise", actor=personas["city_econ"]
    ).exists()
    assert LogEntry.objects.filter(
        content_type__model="nomination", object_pk=str(nomination.pk), changes__icontains="confirmed"
    ).exists()


def test_approving_all_selected_is_all_or_nothing(personas, campaign, jiangbei, nomination):
    others = [nominate(campaign, jiangbei) for _ in range(2)]
    decision_record(actor=personas["city_ip"], nomination=others[1], verdict="approve")
    with pytest.raises(DomainError, match=others[1].enterprise.name):
        decisions_approve_all(actor=personas["city_ip"], nominations=[nomination, others[0], others[1]])
    assert Decision.objects.count() == 1  # only the earlier one

    assert decisions_approve_all(actor=personas["city_ip"], nominations=[nomination, others[0]]) == 2
    assert Decision.objects.filter(bureau="ip").count() == 3


def test_the_city_ip_official_approves_and_rejects_on_the_page(
    client_as, personas, campaign, nomination, jiangbei
):
    client = client_as(personas["city_ip"])
    page = reverse("confirmation_list", args=[campaign.year])
    other = nominate(campaign, jiangbei)
    response = client.get(page)
    assert response.status_code == 200
    assert nomination.enterprise.name in response.content.decode()
    assert "国家知识产权优势企业" in response.content.decode()  # the eligibility reason

    response = client.post(
        reverse("decision_record", args=[nomination.pk]), {"verdict": "approve", "next": page}
    )
    assert response.status_code == 302
    response = client.post(reverse("decision_record", args=[other.pk]), {"verdict": "reject", "reason": ""})
    assert response.status_code == 400
    response = client.post(reverse("decision_record", args=[nomination.pk]), {"verdict": "approve"})
    assert response.status_code == 400
    assert "该部门已对此企业作出决定" in response.content.decode()
    assert Decision.objects.count() == 1


def test_the_page_filters_by_unit_and_status(client_as, personas, campaign, nomination, yubei):
    yubei_nomination = nominate(campaign, yubei)
    client = client_as(personas["city_econ"])
    url = reverse("confirmation_list", args=[campaign.year])
    body = client.get(url, {"unit": yubei.code}).content.decode()
    assert yubei_nomination.enterprise.name in body and nomination.enterprise.name not in body
    body = client.get(url, {"status": "confirmed"}).content.decode()
    assert yubei_nomination.enterprise.name not in body


def test_the_confirmation_page_query_count_does_not_grow(client_as, personas, campaign, jiangbei, nomination):
    client = client_as(personas["city_ip"])
    decision_record(actor=personas["city_econ"], nomination=nomination, verdict="approve")

    def add_rows(count):
        for _ in range(count):
            decision_record(
                actor=personas["city_econ"], nomination=nominate(campaign, jiangbei), verdict="approve"
            )

    assert_queries_do_not_grow(client, reverse("confirmation_list", args=[campaign.year]), add_rows)
