"""Campaigns and extensions are the city's; every write reaches the audit trail."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from innopilot.common.errors import DomainError
from innopilot.pilots import services
from innopilot.pilots.models import Campaign, Extension
from tests.pilots.nomination_builders import open_campaign


def test_the_city_sets_up_a_campaign_with_a_one_third_default_share(personas):
    campaign = services.campaign_create(
        actor=personas["city_ip"],
        year=2026,
        nomination_deadline=datetime.date(2026, 3, 20),
        reminder_days=[14, 3],
    )
    assert campaign.target_share == Decimal("0.3333")
    assert LogEntry.objects.get_for_object(campaign).get().actor == personas["city_ip"]


def test_a_district_official_cannot_set_up_a_campaign(personas):
    with pytest.raises(DomainError):
        services.campaign_create(
            actor=personas["yubei_official"], year=2026, nomination_deadline=datetime.date(2026, 3, 20)
        )
    assert not Campaign.objects.exists()


def test_a_second_campaign_for_the_same_year_is_refused(personas):
    open_campaign(year=2026)
    with pytest.raises(DomainError) as refused:
        services.campaign_create(
            actor=personas["city_ip"], year=2026, nomination_deadline=datetime.date(2026, 3, 20)
        )
    assert refused.value.field == "year"


def test_a_share_above_one_hundred_percent_is_refused(personas):
    with pytest.raises(DomainError) as refused:
        services.campaign_create(
            actor=personas["city_ip"],
            year=2026,
            nomination_deadline=datetime.date(2026, 3, 20),
            target_share=Decimal("1.5"),
        )
    assert refused.value.field == "target_share"


def test_reminder_days_are_read_from_text():
    assert services.parse_reminder_days("3, 14，3") == [14, 3]
    with pytest.raises(DomainError):
        services.parse_reminder_days("14, soon")


def test_the_city_edits_a_campaign_from_its_form(client_as, personas):
    campaign = open_campaign(year=2026)
    client = client_as(personas["city_econ"])
    response = client.post(
        f"/pilots/campaigns/{campaign.year}/edit/",
        {
            "year": 2026,
            "nomination_deadline": "2026-12-31",
            "target_percent": "40",
            "reminder_days": "7,1",
            "status": "closed",
            "notes": "第四批",
        },
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.target_share, campaign.reminder_days, campaign.status) == (
        Decimal("0.4000"),
        [7, 1],
        "closed",
    )


def test_an_extension_is_granted_once_per_unit_with_its_reason(personas, yubei):
    campaign = open_campaign()
    later = campaign.nomination_deadline + datetime.timedelta(days=10)
    services.extension_grant(
        actor=personas["city_ip"], campaign=campaign, unit=yubei, new_deadline=later, reason="汛期"
    )
    services.extension_grant(
        actor=personas["city_ip"],
        campaign=campaign,
        unit=yubei,
        new_deadline=later + datetime.timedelta(days=1),
        reason="再延",
    )
    extension = Extension.objects.get()
    assert (extension.reason, extension.new_deadline) == ("再延", later + datetime.timedelta(days=1))


def test_an_extension_must_come_after_the_deadline_and_give_a_reason(personas, yubei):
    campaign = open_campaign()
    with pytest.raises(DomainError):
        services.extension_grant(
            actor=personas["city_ip"],
            campaign=campaign,
            unit=yubei,
            new_deadline=campaign.nomination_deadline,
            reason="x",
        )
    with pytest.raises(DomainError):
        services.extension_grant(
            actor=personas["city_ip"],
            campaign=campaign,
            unit=yubei,
            new_deadline=campaign.nomination_deadline + datetime.timedelta(days=1),
            reason=" ",
        )


def test_the_campaign_page_lists_extensions_granted_through_its_form(client_as, personas, jiangbei):
    campaign = open_campaign()
    client = client_as(personas["city_ip"])
    new_deadline = (campaign.nomination_deadline + datetime.timedelta(days=7)).isoformat()
    response = client.post(
        f"/pilots/campaigns/{campaign.year}/extensions/",
        {"unit": jiangbei.pk, "new_deadline": new_deadline, "reason": "系统故障"},
    )
    assert response.status_code == 302
    page = client.get(f"/pilots/campaigns/{campaign.year}/").content.decode()
    assert "系统故障" in page and new_deadline in page


def test_the_city_creates_a_campaign_from_its_form_with_the_share_as_a_percentage(client_as, personas):
    response = client_as(personas["city_ip"]).post(
        "/pilots/campaigns/new/",
        {
            "year": 2027,
            "nomination_deadline": "2027-03-20",
            "target_percent": "33.33",
            "reminder_days": "14,3",
            "status": "open",
            "notes": "",
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get(year=2027)
    assert (campaign.target_share, campaign.reminder_days) == (Decimal("0.3333"), [14, 3])


def test_bad_reminder_days_are_shown_on_the_form_and_nothing_is_saved(client_as, personas):
    response = client_as(personas["city_ip"]).post(
        "/pilots/campaigns/new/",
        {
            "year": 2027,
            "nomination_deadline": "2027-03-20",
            "target_percent": "33.33",
            "reminder_days": "soon",
            "status": "open",
        },
    )
    assert response.status_code == 400 and "14,3" in response.content.decode()
    assert not Campaign.objects.exists()
