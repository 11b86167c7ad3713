"""A district's nomination list: candidates, contacts, deadlines, submission and replacement."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.utils import timezone, translation

from innopilot.common.errors import DomainError
from innopilot.pilots import selectors, services
from innopilot.pilots.models import Extension, Nomination, NominationList, Notification, PilotEnterprise
from tests.factories import EnterpriseFactory
from tests.helpers import assert_queries_do_not_grow
from tests.pilots.nomination_builders import CONTACT, eligible_enterprise, open_campaign


@pytest.fixture(autouse=True)
def in_chinese():
    with translation.override("zh-hans"):
        yield


def nominate(official, campaign, unit, enterprise, **contact):
    return services.nomination_add(
        actor=official, campaign=campaign, unit=unit, enterprise=enterprise, **{**CONTACT, **contact}
    )


def test_a_district_official_nominates_an_eligible_enterprise_with_its_qualifying_title(personas, yubei):
    campaign = open_campaign()
    enterprise = eligible_enterprise(yubei)
    nomination = nominate(personas["yubei_official"], campaign, yubei, enterprise)
    assert nomination.basis.type.code == "national_ip_advantage"
    assert nomination.nomination_list.status == NominationList.Status.DRAFT
    assert LogEntry.objects.get_for_object(nomination).get().actor == personas["yubei_official"]


def test_another_districts_official_cannot_nominate_for_the_unit(personas, yubei):
    campaign = open_campaign()
    with pytest.raises(DomainError):
        nominate(personas["jiangbei_official"], campaign, yubei, eligible_enterprise(yubei))


def test_an_enterprise_without_a_valid_title_is_refused(personas, yubei, yubei_enterprise):
    with pytest.raises(DomainError) as refused:
        nominate(personas["yubei_official"], open_campaign(), yubei, yubei_enterprise)
    assert refused.value.field == "enterprise"


def test_the_same_enterprise_twice_on_a_list_is_refused(personas, yubei):
    campaign = open_campaign()
    enterprise = eligible_enterprise(yubei)
    nominate(personas["yubei_official"], campaign, yubei, enterprise)
    with pytest.raises(DomainError, match="已在"):
        nominate(personas["yubei_official"], campaign, yubei, enterprise)


def test_an_enterprise_confirmed_in_an_earlier_campaign_is_neither_a_candidate_nor_nominable(personas, yubei):
    earlier = open_campaign(year=2025)
    enterprise = eligible_enterprise(yubei)
    old = nominate(personas["yubei_official"], earlier, yubei, enterprise)
    PilotEnterprise.objects.create(
        enterprise=enterprise, campaign=earlier, nomination=old, confirmed_at=timezone.now()
    )
    campaign = open_campaign(year=2026)
    assert enterprise not in [
        c.enterprise for c in selectors.candidates(campaign, yubei, day=timezone.localdate())
    ]
    with pytest.raises(DomainError):
        nominate(personas["yubei_official"], campaign, yubei, enterprise)


@pytest.mark.parametrize("mobile", ["1380000111", "23800001111", "138000011112", "abc"])
def test_a_contact_mobile_must_have_eleven_digits_starting_with_one(personas, yubei, mobile):
    with pytest.raises(DomainError) as refused:
        nominate(
            personas["yubei_official"],
            open_campaign(),
            yubei,
            eligible_enterprise(yubei),
            contact_mobile=mobile,
        )
    assert refused.value.field == "contact_mobile"
    assert not Nomination.objects.exists()


def test_spaces_and_the_country_code_are_taken_out_of_a_mobile(personas, yubei):
    nomination = nominate(
        personas["yubei_official"],
        open_campaign(),
        yubei,
        eligible_enterprise(yubei),
        contact_mobile="+86 138-0000-2222",
    )
    assert nomination.contact_mobile == "13800002222"


def _list_with_one(personas, yubei, *, deadline):
    campaign = open_campaign(deadline=timezone.localdate() + datetime.timedelta(days=5))
    nominate(personas["yubei_official"], campaign, yubei, eligible_enterprise(yubei))
    campaign.nomination_deadline = deadline
    campaign.save()
    return campaign, NominationList.objects.get(campaign=campaign)


def test_a_list_can_be_submitted_on_the_deadline_day_itself_and_the_city_is_told(personas, yubei):
    _campaign, unit_list = _list_with_one(personas, yubei, deadline=timezone.localdate())
    services.nomination_list_submit(actor=personas["yubei_official"], nomination_list=unit_list)
    unit_list.refresh_from_db()
    assert unit_list.status == NominationList.Status.SUBMITTED and unit_list.submitted_at is not None
    told = Notification.objects.filter(kind="list_submitted").values_list("recipient__username", flat=True)
    assert set(told) >= {"city_ip", "city_econ"}


def test_a_submission_after_the_deadline_is_refused_naming_the_deadline(personas, yubei):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    _campaign, unit_list = _list_with_one(personas, yubei, deadline=yesterday)
    with pytest.raises(DomainError) as refused:
        services.nomination_list_submit(actor=personas["yubei_official"], nomination_list=unit_list)
    assert yesterday.isoformat() in refused.value.message and "延期" in refused.value.message
    unit_list.refresh_from_db()
    assert unit_list.status == NominationList.Status.DRAFT


def test_with_an_extension_a_late_submission_goes_through(personas, yubei):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    campaign, unit_list = _list_with_one(personas, yubei, deadline=yesterday)
    Extension.objects.create(
        campaign=campaign, managing_unit=yubei, new_deadline=timezone.localdate(), reason="延期"
    )
    services.nomination_list_submit(actor=personas["yubei_official"], nomination_list=unit_list)
    assert NominationList.objects.get().status == NominationList.Status.SUBMITTED


def test_an_expired_extension_does_not_help(personas, yubei):
    campaign, unit_list = _list_with_one(
        personas, yubei, deadline=timezone.localdate() - datetime.timedelta(days=5)
    )
    Extension.objects.create(
        campaign=campaign,
        managing_unit=yubei,
        new_deadline=timezone.localdate() - datetime.timedelta(days=1),
        reason="x",
    )
    with pytest.raises(DomainError):
        services.nomination_list_submit(actor=personas["yubei_official"], nomination_list=unit_list)


def test_the_late_submission_message_reaches_the_page(client_as, personas, yubei):
    campaign, _unit_list = _list_with_one(
        personas, yubei, deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    client = client_as(personas["yubei_official"])
    response = client.post(f"/pilots/campaigns/{campaign.year}/lists/{yubei.code}/submit/", follow=True)
    assert "请向市级主管部门申请延期" in response.content.decode()


def test_an_empty_list_cannot_be_submitted(personas, yubei):
    campaign = open_campaign()
    unit_list = NominationList.objects.create(campaign=campaign, managing_unit=yubei)
    with pytest.raises(DomainError):
        services.nomination_list_submit(actor=personas["yubei_official"], nomination_list=unit_list)


def test_a_submitted_list_takes_no_new_enterprise_and_loses_none(personas, yubei):
    campaign, unit_list = _list_with_one(personas, yubei, deadline=timezone.localdate())
    services.nomination_list_submit(actor=personas["yubei_official"], nomination_list=unit_list)
    with pytest.raises(DomainError):
        nominate(personas["yubei_official"], campaign, yubei, eligible_enterprise(yubei))
    with pytest.raises(DomainError):
        services.nomination_remove(actor=personas["yubei_official"], nomination=Nomination.objects.get())


def test_a_draft_nomination_is_removed_and_the_contact_edited(personas, yubei):
    campaign = open_campaign()
    first = nominate(personas["yubei_official"], campaign, yubei, eligible_enterprise(yubei))
    second = nominate(personas["yubei_official"], campaign, yubei, eligible_enterprise(yubei))
    services.nomination_update(
        actor=personas["yubei_official"], nomination=second, **{**CONTACT, "contact_name": "李四"}
    )
    services.nomination_remove(actor=personas["yubei_official"], nomination=first)
    assert list(Nomination.objects.values_list("contact_name", flat=True)) == ["李四"]


def _rejected(personas, yubei):
    campaign = open_campaign()
    nomination = nominate(personas["yubei_official"], campaign, yubei, eligible_enterprise(yubei))
    services.nomination_list_submit(
        actor=personas["yubei_official"], nomination_list=nomination.nomination_list
    )
    Nomination.objects.filter(pk=nomination.pk).update(status=Nomination.Status.REJECTED)
    nomination.refresh_from_db()
    return campaign, nomination


def test_a_rejected_nomination_is_replaced_by_a_new_one(personas, yubei):
    _campaign, rejected = _rejected(personas, yubei)
    other = eligible_enterprise(yubei)
    replacement = services.nomination_replace(
        actor=personas["yubei_official"], nomination=rejected, enterprise=other, **CONTACT
    )
    rejected.refresh_from_db()
    assert rejected.status == Nomination.Status.REPLACED
    assert (replacement.replaces, replacement.status, replacement.enterprise) == (
        rejected,
        "nominated",
        other,
    )


def test_only_a_rejected_nomination_can_be_replaced(personas, yubei):
    campaign = open_campaign()
    nomination = nominate(personas["yubei_official"], campaign, yubei, eligible_enterprise(yubei))
    with pytest.raises(DomainError):
        services.nomination_replace(
            actor=personas["yubei_official"],
            nomination=nomination,
            enterprise=eligible_enterprise(yubei),
            **CONTACT,
        )


def test_no_replacement_after_the_deadline_and_nothing_half_written(personas, yubei):
    campaign, rejected = _rejected(personas, yubei)
    campaign.nomination_deadline = timezone.localdate() - datetime.timedelta(days=1)
    campaign.save()
    with pytest.raises(DomainError):
        services.nomination_replace(
            actor=personas["yubei_official"],
            nomination=rejected,
            enterprise=eligible_enterprise(yubei),
            **CONTACT,
        )
    rejected.refresh_from_db()
    assert rejected.status == Nomination.Status.REJECTED


def test_a_failed_replacement_leaves_the_rejected_nomination_as_it_was(personas, yubei):
    _campaign, rejected = _rejected(personas, yubei)
    with pytest.raises(DomainError):
        services.nomination_replace(
            actor=personas["yubei_official"],
            nomination=rejected,
            enterprise=eligible_enterprise(yubei),
            **{**CONTACT, "contact_mobile": "123"},
        )
    rejected.refresh_from_db()
    assert rejected.status == Nomination.Status.REJECTED and Nomination.objects.count() == 1


def test_the_page_shows_guidance_and_explained_suggestions(client_as, personas, yubei):
    campaign = open_campaign()
    eligible_enterprise(
        yubei,
        title="national_ip_demonstration",
        name="重庆示范科技有限公司",
        has_ip_department=True,
        valid_invention_patents=23,
        willingness="yes",
    )
    for _ in range(2):
        eligible_enterprise(yubei)
    page = client_as(personas["yubei_official"]).get(f"/pilots/campaigns/{campaign.year}/lists/{yubei.code}/")
    text = page.content.decode()
    assert page.context["guidance"].pool == 3 and page.context["guidance"].target == 1
    assert page.context["suggestions"][0].enterprise.name == "重庆示范科技有限公司"
    assert "国家知识产权示范企业；设有知识产权管理部门；有效发明专利 23 件；愿意参加" in text


def test_the_guidance_spreads_what_remains_over_the_years_left(personas, yubei):
    open_campaign(year=2027, deadline=datetime.date(2027, 3, 20))
    campaign = open_campaign(year=2025)
    for _ in range(7):
        eligible_enterprise(yubei)
    guidance = selectors.guidance(campaign, yubei, day=timezone.localdate(), on_list=0)
    assert (
        guidance.pool,
        guidance.remaining,
        guidance.final_year,
        guidance.years_left,
        guidance.per_year,
    ) == (
        7,
        7,
        2027,
        3,
        3,
    )


def test_the_list_page_query_count_does_not_grow(client_as, personas, yubei):
    campaign = open_campaign()
    official = personas["yubei_official"]
    client = client_as(official)
    nominate(official, campaign, yubei, eligible_enterprise(yubei))
    eligible_enterprise(yubei)  # one candidate left

    def add_rows(count):
        for _ in range(count):
            nominate(official, campaign, yubei, eligible_enterprise(yubei))
            eligible_enterprise(yubei)
            EnterpriseFactory(managing_unit=yubei)

    assert_queries_do_not_grow(
        client, f"/pilots/campaigns/{campaign.year}/lists/{yubei.code}/", add_rows, more=5
    )


def test_the_city_campaign_page_query_count_does_not_grow(client_as, personas, yubei, jiangbei):
    campaign = open_campaign()
    client = client_as(personas["city_ip"])

    def add_rows(count):
        for _ in range(count):
            for unit, official in (
                (yubei, personas["yubei_official"]),
                (jiangbei, personas["jiangbei_official"]),
            ):
                nominate(official, campaign, unit, eligible_enterprise(unit))

    assert_queries_do_not_grow(client, f"/pilots/campaigns/{campaign.year}/", add_rows, more=4)


def test_the_city_sees_a_units_list_read_only(client_as, personas, yubei):
    campaign = open_campaign()
    nominate(personas["yubei_official"], campaign, yubei, eligible_enterprise(yubei, name="重庆只读有限公司"))
    page = client_as(personas["city_econ"]).get(f"/pilots/campaigns/{campaign.year}/lists/{yubei.code}/")
    assert "重庆只读有限公司" in page.content.decode()
    assert not page.context["can_nominate"] and 'id="submit-list"' not in page.content.decode()
