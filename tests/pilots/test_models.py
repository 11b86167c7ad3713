"""The rules the database itself holds for campaigns, nominations and decisions."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from innopilot.accounts import access
from innopilot.pilots.models import Campaign, Decision, Nomination, NominationList


@pytest.fixture
def nomination(personas, yubei, yubei_enterprise):
    campaign = Campaign.objects.create(year=2024, nomination_deadline=datetime.date(2024, 3, 20))
    unit_list = NominationList.objects.create(campaign=campaign, managing_unit=yubei)
    return Nomination.objects.create(
        nomination_list=unit_list,
        campaign=campaign,
        enterprise=yubei_enterprise,
        contact_name="张三",
        contact_mobile="13800001111",
    )


def test_each_bureau_decides_a_nomination_once(nomination):
    Decision.objects.create(nomination=nomination, bureau="ip", verdict="approve")
    Decision.objects.create(nomination=nomination, bureau="econ", verdict="approve")
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(nomination=nomination, bureau="ip", verdict="approve")


def test_a_rejection_needs_a_reason(nomination):
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(nomination=nomination, bureau="ip", verdict="reject", reason="")


def test_an_enterprise_is_nominated_once_per_campaign(nomination):
    with pytest.raises(IntegrityError), transaction.atomic():
        Nomination.objects.create(
            nomination_list=nomination.nomination_list,
            campaign=nomination.campaign,
            enterprise=nomination.enterprise,
            contact_name="李四",
            contact_mobile="13800002222",
        )


def test_each_city_official_decides_for_its_own_bureau(personas):
    assert access.bureau_of(personas["city_ip"]) == "ip"
    assert access.bureau_of(personas["city_econ"]) == "econ"
    assert not access.can_decide_nominations(personas["yubei_official"])
    assert not access.can_decide_nominations(personas["admin"])
