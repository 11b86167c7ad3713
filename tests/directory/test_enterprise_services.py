"""Writes to enterprises, contacts and qualifications: rights, validation, all-or-nothing, audit."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from innopilot.common.errors import DomainError
from innopilot.directory import services
from innopilot.directory.models import EnterpriseContact, Qualification, QualificationType
from tests.factories import ContactFactory, QualificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def advantage(reference_data):
    return QualificationType.objects.get(code="national_ip_advantage")


def entries_for(instance):
    return LogEntry.objects.get_for_object(instance).order_by("pk")


def test_a_district_official_updates_its_enterprises_survey_and_the_audit_names_it(
    personas, jiangbei_enterprise
):
    official = personas["jiangbei_official"]
    services.enterprise_update(
        actor=official,
        enterprise=jiangbei_enterprise,
        valid_invention_patents=12,
        rd_expense_last_year=Decimal("350.50"),
        has_ip_department=True,
    )
    jiangbei_enterprise.refresh_from_db()
    assert jiangbei_enterprise.valid_invention_patents == 12
    entry = entries_for(jiangbei_enterprise).last()
    assert entry.actor == official and "valid_invention_patents" in entry.changes_dict


def test_a_district_official_cannot_edit_another_units_enterprise(personas, jiangbei_enterprise):
    with pytest.raises(DomainError):
        services.enterprise_update(
            actor=personas["yubei_official"], enterprise=jiangbei_enterprise, survey_notes="越权"
        )
    jiangbei_enterprise.refresh_from_db()
    assert jiangbei_enterprise.survey_notes == ""


def test_only_the_city_moves_an_enterprise_to_another_unit(personas, jiangbei_enterprise, yubei):
    with pytest.raises(DomainError) as refused:
        services.enterprise_update(
            actor=personas["jiangbei_official"], enterprise=jiangbei_enterprise, managing_unit=yubei
        )
    assert refused.value.field == "managing_unit"
    services.enterprise_update(actor=personas["city_ip"], enterprise=jiangbei_enterprise, managing_unit=yubei)
    jiangbei_enterprise.refresh_from_db()
    assert jiangbei_enterprise.managing_unit == yubei


def test_a_bad_district_code_is_refused_with_the_field_named(personas, jiangbei_enterprise):
    with pytest.raises(DomainError) as refused:
        services.enterprise_update(
            actor=personas["city_ip"], enterprise=jiangbei_enterprise, district_code="5001"
        )
    assert refused.value.field == "district_code"


def test_an_enterprise_user_changes_only_its_own_profile(personas, yubei_enterprise, jiangbei_enterprise):
    user = personas["enterprise_user"]
    services.enterprise_profile_update(
        actor=user, enterprise=yubei_enterprise, address="重庆市渝北区金开大道1号", willingness="yes"
    )
    yubei_enterprise.refresh_from_db()
    assert yubei_enterprise.willingness == "yes"
    assert entries_for(yubei_enterprise).last().actor == user
    with pytest.raises(DomainError):
        services.enterprise_profile_update(actor=user, enterprise=jiangbei_enterprise, address="越权")
    with pytest.raises(TypeError):
        services.enterprise_profile_update(actor=user, enterprise=yubei_enterprise, survey_notes="自评")


def test_contacts_are_replaced_in_one_go_and_audited(personas, yubei_enterprise):
    keep = ContactFactory(enterprise=yubei_enterprise, name="张三")
    drop = ContactFactory(enterprise=yubei_enterprise, name="李四")
    user = personas["enterprise_user"]
    services.enterprise_contacts_replace(
        actor=user,
        enterprise=yubei_enterprise,
        contacts=[
            {"id": keep.pk, "name": "张三", "position": "总经理", "mobile": "13900000000", "email": ""},
            {"name": "王五", "position": "知识产权专员", "mobile": "", "email": "wangwu@example.cn"},
        ],
    )
    assert list(yubei_enterprise.contacts.values_list("name", "position")) == [
        ("张三", "总经理"),
        ("王五", "知识产权专员"),
    ]
    deletion = LogEntry.objects.get(object_repr="李四", action=LogEntry.Action.DELETE)
    assert deletion.actor == user and deletion.additional_data == {"enterprise_id": yubei_enterprise.pk}
    assert not EnterpriseContact.objects.filter(pk=drop.pk).exists()


def test_one_bad_contact_row_saves_nothing(personas, yubei_enterprise):
    keep = ContactFactory(enterprise=yubei_enterprise, name="张三", mobile="13800000000")
    with pytest.raises(DomainError) as refused:
        services.enterprise_contacts_replace(
            actor=personas["yubei_official"],
            enterprise=yubei_enterprise,
            contacts=[
                {"id": keep.pk, "name": "张三", "mobile": "13911111111"},
                {"name": "王五", "mobile": "12345"},
            ],
        )
    assert refused.value.field == "1-mobile"
    keep.refresh_from_db()
    assert keep.mobile == "13800000000" and yubei_enterprise.contacts.count() == 1


def test_a_contact_listed_twice_is_refused(personas, yubei_enterprise):
    with pytest.raises(DomainError):
        services.enterprise_contacts_replace(
            actor=personas["yubei_official"],
            enterprise=yubei_enterprise,
            contacts=[{"name": "张三"}, {"name": "张三"}],
        )
    assert yubei_enterprise.contacts.count() == 0


def test_another_enterprises_user_cannot_touch_the_contacts(personas, yubei_enterprise):
    with pytest.raises(DomainError):
        services.enterprise_contacts_replace(
            actor=personas["other_enterprise_user"], enterprise=yubei_enterprise, contacts=[{"name": "X"}]
        )


def test_a_qualification_without_an_end_date_gets_the_default_one(personas, jiangbei_enterprise, advantage):
    qualification = services.qualification_save(
        actor=personas["jiangbei_official"],
        enterprise=jiangbei_enterprise,
        type=advantage,
        recognized_year=2024,
    )
    assert qualification.valid_to == datetime.date(2027, 12, 31)
    entry = entries_for(qualification).get()
    assert entry.actor == personas["jiangbei_official"]
    assert entry.additional_data == {"enterprise_id": jiangbei_enterprise.pk}


def test_a_validity_ending_before_it_starts_is_refused(personas, jiangbei_enterprise, advantage):
    with pytest.raises(DomainError) as refused:
        services.qualification_save(
            actor=personas["city_ip"],
            enterprise=jiangbei_enterprise,
            type=advantage,
            recognized_year=2024,
            valid_from=datetime.date(2024, 6, 1),
            valid_to=datetime.date(2024, 1, 1),
        )
    assert refused.value.field == "valid_to"
    assert not Qualification.objects.exists()


def test_the_same_type_twice_in_one_year_is_refused_but_editing_it_is_not(
    personas, jiangbei_enterprise, advantage
):
    existing = QualificationFactory(enterprise=jiangbei_enterprise, type=advantage, recognized_year=2024)
    with pytest.raises(DomainError) as refused:
        services.qualification_save(
            actor=personas["city_ip"], enterprise=jiangbei_enterprise, type=advantage, recognized_year=2024
        )
    assert refused.value.field == "recognized_year"
    services.qualification_save(
        actor=personas["city_ip"],
        enterprise=jiangbei_enterprise,
        qualification=existing,
        type=advantage,
        recognized_year=2024,
        document_number="国知办函〔2024〕1号",
    )
    existing.refresh_from_db()
    assert existing.document_number == "国知办函〔2024〕1号"


def test_a_district_official_cannot_add_qualifications_to_another_unit(
    personas, jiangbei_enterprise, advantage
):
    with pytest.raises(DomainError):
        services.qualification_save(
            actor=personas["yubei_official"],
            enterprise=jiangbei_enterprise,
            type=advantage,
            recognized_year=2024,
        )


def test_deleting_a_qualification_is_audited_under_the_enterprise(personas, jiangbei_enterprise):
    qualification = QualificationFactory(enterprise=jiangbei_enterprise)
    services.qualification_delete(actor=personas["jiangbei_official"], qualification=qualification)
    entry = LogEntry.objects.get(action=LogEntry.Action.DELETE)
    assert entry.actor == personas["jiangbei_official"]
    assert entry.additional_data["enterprise_id"] == jiangbei_enterprise.pk


def test_a_new_enterprise_carries_its_survey_fields(personas, yubei):
    from tests.factories import valid_uscc

    enterprise = services.enterprise_create(
        actor=personas["yubei_official"],
        uscc=valid_uscc("500112"),
        name="重庆新登记有限公司",
        managing_unit=yubei,
        size_class="small",
        valid_invention_patents=3,
    )
    assert enterprise.size_class == "small" and enterprise.valid_invention_patents == 3
    assert entries_for(enterprise).get().actor == personas["yubei_official"]
