"""Enterprise detail, the officials' edit pages, self-service and the eligible pool per unit."""

import datetime

import pytest
from django.urls import reverse

from innopilot.directory import services
from innopilot.directory.models import QualificationType
from tests.conftest import login
from tests.factories import ContactFactory, EnterpriseFactory, QualificationFactory
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def page_of(client, url, **params) -> str:
    response = client.get(url, params, **ZH)
    assert response.status_code == 200
    return response.content.decode()


def contact_post(rows, initial=0):
    data = {"form-TOTAL_FORMS": len(rows), "form-INITIAL_FORMS": initial, "form-MIN_NUM_FORMS": 0}
    for index, row in enumerate(rows):
        for field, value in row.items():
            data[f"form-{index}-{field}"] = value
    return data


def test_the_detail_page_shows_the_history_with_each_records_standing(client, personas, jiangbei_enterprise):
    QualificationFactory(enterprise=jiangbei_enterprise, recognized_year=2021)
    QualificationFactory(enterprise=jiangbei_enterprise, recognized_year=2024)
    QualificationFactory(
        enterprise=jiangbei_enterprise,
        type=QualificationType.objects.get(code="high_tech"),
        recognized_year=2025,
        reviewed_on=datetime.date(2026, 3, 1),
        review_result="failed",
    )
    login(client, personas["jiangbei_official"])
    page = page_of(client, reverse("enterprise_detail", args=[jiangbei_enterprise.uscc]))
    assert "国家知识产权优势企业（2024年认定，有效期至2027年）" in page
    for standing in ("有效", "已过期", "复核未通过"):
        assert standing in page


def test_officials_see_recent_changes_with_who_made_them_and_enterprises_do_not(
    client, personas, yubei_enterprise
):
    official = personas["yubei_official"]
    services.enterprise_update(actor=official, enterprise=yubei_enterprise, valid_invention_patents=7)
    contact = ContactFactory(enterprise=yubei_enterprise, name="赵六")
    services.enterprise_contacts_replace(actor=official, enterprise=yubei_enterprise, contacts=[])
    login(client, official)
    page = page_of(client, reverse("enterprise_detail", args=[yubei_enterprise.uscc]))
    assert "最近变更" in page and "有效发明专利数" in page and official.full_name in page
    assert contact.name in page  # the deleted contact's entry is still found
    login(client, personas["enterprise_user"])
    assert "最近变更" not in page_of(client, reverse("enterprise_detail", args=[yubei_enterprise.uscc]))


def test_the_city_sees_full_contacts_on_the_detail_page(client, personas, yubei_enterprise):
    ContactFactory(enterprise=yubei_enterprise, mobile="13812345678")
    login(client, personas["city_ip"])
    assert "13812345678" in page_of(client, reverse("enterprise_detail", args=[yubei_enterprise.uscc]))


def test_the_detail_page_keeps_its_query_count_as_its_record_grows(client, personas, jiangbei_enterprise):
    official = personas["jiangbei_official"]
    login(client, official)
    types = list(QualificationType.objects.all())

    def add(n):
        for index in range(n):
            ContactFactory(enterprise=jiangbei_enterprise)
            services.qualification_save(
                actor=official,
                enterprise=jiangbei_enterprise,
                type=types[index % len(types)],
                recognized_year=2000 + index,
            )
        services.enterprise_update(
            actor=personas["city_ip"],
            enterprise=jiangbei_enterprise,
            managing_unit=personas["yubei_official"].managing_unit,
        )

    url = reverse("enterprise_detail", args=[jiangbei_enterprise.uscc])
    login(client, personas["city_ip"])
    assert_queries_do_not_grow(client, url, add)


def test_a_district_official_edits_a_survey_field_of_its_own_enterprise(
    client, personas, jiangbei_enterprise
):
    login(client, personas["jiangbei_official"])
    url = reverse("enterprise_edit", args=[jiangbei_enterprise.uscc])
    form = client.get(url).context["form"]
    assert "managing_unit" not in form.fields
    response = client.post(
        url,
        {
            "name": jiangbei_enterprise.name,
            "willingness": "yes",
            "valid_invention_patents": "9",
            "has_ip_department": "true",
            "survey_notes": "已走访",
        },
    )
    assert response.status_code == 302
    jiangbei_enterprise.refresh_from_db()
    assert (jiangbei_enterprise.valid_invention_patents, jiangbei_enterprise.has_ip_department) == (9, True)


def test_the_city_may_move_an_enterprise_to_another_unit(client, personas, jiangbei_enterprise, yubei):
    login(client, personas["city_ip"])
    url = reverse("enterprise_edit", args=[jiangbei_enterprise.uscc])
    response = client.post(
        url, {"name": jiangbei_enterprise.name, "managing_unit": yubei.pk, "willingness": "no"}
    )
    assert response.status_code == 302
    jiangbei_enterprise.refresh_from_db()
    assert jiangbei_enterprise.managing_unit == yubei


def test_a_bad_mobile_among_the_contacts_saves_none_and_says_why_in_chinese(
    client, personas, jiangbei_enterprise
):
    contact = ContactFactory(enterprise=jiangbei_enterprise, name="张三", mobile="13800000000")
    login(client, personas["jiangbei_official"])
    rows = [
        {"id": contact.pk, "name": "张三", "mobile": "13911112222"},
        {"name": "王五", "mobile": "123", "email": "not-an-email"},
    ]
    response = client.post(
        reverse("enterprise_contacts", args=[jiangbei_enterprise.uscc]), contact_post(rows, initial=1), **ZH
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "11位" in page and "电子邮箱" in page
    contact.refresh_from_db()
    assert contact.mobile == "13800000000" and jiangbei_enterprise.contacts.count() == 1


def test_an_enterprise_user_edits_its_own_contacts(client, personas, yubei_enterprise):
    contact = ContactFactory(enterprise=yubei_enterprise, name="张三")
    login(client, personas["enterprise_user"])
    rows = [
        {"id": contact.pk, "name": "张三", "DELETE": "on"},
        {"name": "钱七", "position": "法务", "mobile": "139 1111 2222", "email": "qian@example.cn"},
    ]
    response = client.post(
        reverse("enterprise_contacts", args=[yubei_enterprise.uscc]), contact_post(rows, initial=1)
    )
    assert response.status_code == 302
    assert list(yubei_enterprise.contacts.values_list("name", "mobile")) == [("钱七", "13911112222")]


def test_duplicate_contact_names_are_refused_in_chinese(client, personas, yubei_enterprise):
    login(client, personas["enterprise_user"])
    rows = [{"name": "张三"}, {"name": "张三"}]
    response = client.post(
        reverse("enterprise_contacts", args=[yubei_enterprise.uscc]), contact_post(rows), **ZH
    )
    assert "出现了两次" in response.content.decode()
    assert yubei_enterprise.contacts.count() == 0


def test_adding_a_qualification_with_its_end_before_its_start_is_refused_in_chinese(
    client, personas, jiangbei_enterprise
):
    login(client, personas["jiangbei_official"])
    advantage = QualificationType.objects.get(code="national_ip_advantage")
    url = reverse("qualification_create", args=[jiangbei_enterprise.uscc])
    response = client.post(
        url,
        {"type": advantage.pk, "recognized_year": 2024, "valid_from": "2024-06-01", "valid_to": "2024-01-01"},
        **ZH,
    )
    assert "有效期截止日期早于起始日期" in response.content.decode()
    response = client.post(url, {"type": advantage.pk, "recognized_year": 2024})
    assert response.status_code == 302
    assert jiangbei_enterprise.qualifications.get().valid_to == datetime.date(2027, 12, 31)
    response = client.post(url, {"type": advantage.pk, "recognized_year": 2024}, **ZH)
    assert "已有2024年认定的国家知识产权优势企业" in response.content.decode()


def test_the_enterprise_user_edits_its_profile_but_not_the_districts_fields(
    client, personas, yubei_enterprise
):
    login(client, personas["enterprise_user"])
    url = reverse("enterprise_profile_edit", args=[yubei_enterprise.uscc])
    response = client.post(
        url,
        {
            "address": "重庆市渝北区",
            "size_class": "small",
            "willingness": "yes",
            "established_on": "2015-03-01",
            "survey_notes": "自己写的",
            "name": "改名",
        },
    )
    assert response.status_code == 302
    yubei_enterprise.refresh_from_db()
    assert yubei_enterprise.address == "重庆市渝北区" and yubei_enterprise.size_class == "small"
    assert yubei_enterprise.survey_notes == "" and yubei_enterprise.name == "重庆渝北示例科技有限公司"


def test_the_enterprise_home_leads_to_the_profile_and_contacts(client, personas, yubei_enterprise):
    login(client, personas["enterprise_user"])
    page = page_of(client, reverse("home"))
    assert reverse("enterprise_profile_edit", args=[yubei_enterprise.uscc]) in page
    assert reverse("enterprise_contacts", args=[yubei_enterprise.uscc]) in page


def test_the_unit_page_shows_its_eligible_pool_with_a_link_to_the_list(client, personas, jiangbei):
    holders = EnterpriseFactory.create_batch(3, managing_unit=jiangbei)
    for enterprise in holders[:2]:
        QualificationFactory(enterprise=enterprise, recognized_year=2024)
    QualificationFactory(enterprise=holders[2], recognized_year=2020)
    login(client, personas["jiangbei_official"])
    response = client.get(reverse("unit_detail", args=[jiangbei.code]), **ZH)
    pool = response.context["pool"]
    assert (pool.eligible, pool.total) == (2, 4)  # with the 江北 enterprise of the personas
    assert dict((t.code, n) for t, n in pool.by_type)["national_ip_advantage"] == 2
    assert "unit=500105&amp;eligibility=yes" in response.content.decode()


def test_the_unit_list_shows_each_units_pool_with_a_constant_query_count(client, personas, yubei, jiangbei):
    login(client, personas["city_ip"])

    def add(n):
        for enterprise in EnterpriseFactory.create_batch(n, managing_unit=jiangbei):
            QualificationFactory(enterprise=enterprise, recognized_year=2024)
            QualificationFactory(
                enterprise=enterprise,
                type=QualificationType.objects.get(code="national_little_giant"),
                recognized_year=2025,
            )

    assert_queries_do_not_grow(client, reverse("unit_list"), add)
    units = {u.code: u for u in client.get(reverse("unit_list")).context["units"]}
    assert units["500105"].eligible_count == 15 and units["500112"].eligible_count == 0
