"""The officials' enterprise list: filters, sorting, pagination, eligibility with its reason, masked
contacts, and a query count that does not grow with the rows."""

import datetime

import pytest
from django.urls import reverse

from innopilot.directory.models import IndustryDivision, QualificationType
from tests.conftest import login
from tests.factories import ContactFactory, EnterpriseFactory, QualificationFactory
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def names_on(client, **params) -> list[str]:
    response = client.get(reverse("enterprise_list"), params, **ZH)
    assert response.status_code == 200
    return [row["enterprise"].name for row in response.context["rows"]]


@pytest.fixture
def eligible(yubei):
    enterprise = EnterpriseFactory(managing_unit=yubei, name="重庆优势示范有限公司")
    QualificationFactory(enterprise=enterprise, recognized_year=2024)  # valid to the end of 2027
    return enterprise


@pytest.fixture
def expired(yubei):
    enterprise = EnterpriseFactory(managing_unit=yubei, name="重庆过期资质有限公司")
    QualificationFactory(enterprise=enterprise, recognized_year=2021)  # valid to the end of 2024
    return enterprise


def test_the_eligibility_filter_uses_todays_validity(client, personas, eligible, expired, yubei_enterprise):
    login(client, personas["yubei_official"])
    assert names_on(client, eligibility="yes") == [eligible.name]
    assert set(names_on(client, eligibility="no")) == {expired.name, yubei_enterprise.name}


def test_each_row_shows_why_it_is_eligible_or_not_in_plain_words(client, personas, eligible, expired):
    login(client, personas["yubei_official"])
    page = client.get(reverse("enterprise_list"), **ZH).content.decode()
    assert "国家知识产权优势企业（2024年认定，有效期至2027年）" in page
    assert "国家知识产权优势企业（2021年认定）已于2024-12-31到期" in page


def test_the_qualification_filter_counts_only_a_valid_title(client, personas, eligible, expired):
    login(client, personas["yubei_official"])
    assert names_on(client, qualification="national_ip_advantage") == [eligible.name]
    little_giant = QualificationType.objects.get(code="national_little_giant")
    QualificationFactory(enterprise=expired, type=little_giant, recognized_year=2025)
    assert names_on(client, qualification="national_little_giant") == [expired.name]


def test_industry_filters_by_section_and_by_division(client, personas, yubei, jiangbei_enterprise):
    food = IndustryDivision.objects.get(code="13")
    software = IndustryDivision.objects.get(code="65")
    farm = EnterpriseFactory(managing_unit=yubei, name="食品加工企业", industry=food)
    EnterpriseFactory(managing_unit=yubei, name="软件企业", industry=software)
    login(client, personas["city_ip"])
    assert names_on(client, industry="13") == [farm.name]
    assert names_on(client, industry="C") == [farm.name]


def test_willingness_size_and_unit_filters_combine(client, personas, yubei, jiangbei):
    EnterpriseFactory(managing_unit=yubei, name="渝北愿意小型", willingness="yes", size_class="small")
    EnterpriseFactory(managing_unit=yubei, name="渝北愿意大型", willingness="yes", size_class="large")
    EnterpriseFactory(managing_unit=jiangbei, name="江北愿意小型", willingness="yes", size_class="small")
    login(client, personas["city_econ"])
    assert names_on(client, willingness="yes", size="small", unit="500112") == ["渝北愿意小型"]


def test_text_search_finds_name_code_and_contact_name(
    client, personas, yubei_enterprise, jiangbei_enterprise
):
    ContactFactory(enterprise=jiangbei_enterprise, name="欧阳娜娜")
    login(client, personas["city_ip"])
    assert names_on(client, q="欧阳") == [jiangbei_enterprise.name]
    assert names_on(client, q=yubei_enterprise.uscc.lower()) == [yubei_enterprise.name]


def test_sorting_uses_only_the_offered_columns_in_both_directions(client, personas, yubei):
    EnterpriseFactory(managing_unit=yubei, name="A公司", established_on=datetime.date(2001, 1, 1))
    EnterpriseFactory(managing_unit=yubei, name="B公司", established_on=datetime.date(2010, 1, 1))
    login(client, personas["yubei_official"])
    assert names_on(client, sort="established")[:2] == ["A公司", "B公司"]
    assert names_on(client, sort="-name")[-2:] == ["B公司", "A公司"]
    # A column outside the list is ignored rather than handed to the database.
    assert client.get(reverse("enterprise_list"), {"sort": "survey_notes"}).status_code == 200


def test_pagination_keeps_the_filters(client, personas, yubei):
    EnterpriseFactory.create_batch(55, managing_unit=yubei, willingness="yes")
    login(client, personas["yubei_official"])
    first = client.get(reverse("enterprise_list"), {"willingness": "yes"}).content.decode()
    assert "willingness=yes&page=2" in first
    second = client.get(reverse("enterprise_list"), {"willingness": "yes", "page": 2})
    assert len(second.context["rows"]) == 5


def test_the_city_sees_contacts_masked_and_the_district_in_full(client, personas, yubei_enterprise):
    ContactFactory(enterprise=yubei_enterprise, mobile="13812345678", email="zhang.san@example.cn")
    login(client, personas["city_ip"])
    page = client.get(reverse("enterprise_list")).content.decode()
    assert "138****5678" in page and "z***@example.cn" in page and "13812345678" not in page
    login(client, personas["yubei_official"])
    page = client.get(reverse("enterprise_list")).content.decode()
    assert "13812345678" in page and "zhang.san@example.cn" in page


def add_full_rows(unit):
    def add(n):
        for enterprise in EnterpriseFactory.create_batch(n, managing_unit=unit):
            QualificationFactory(enterprise=enterprise, recognized_year=2024)
            QualificationFactory(
                enterprise=enterprise,
                type=QualificationType.objects.get(code="high_tech"),
                recognized_year=2023,
            )
            ContactFactory.create_batch(2, enterprise=enterprise)

    return add


@pytest.mark.parametrize("persona", ["city_ip", "yubei_official"])
def test_the_list_keeps_its_query_count_with_qualifications_and_contacts(client, personas, yubei, persona):
    login(client, personas[persona])
    assert_queries_do_not_grow(client, reverse("enterprise_list"), add_full_rows(yubei))
    url = reverse("enterprise_list") + "?eligibility=yes&sort=-updated"
    assert_queries_do_not_grow(client, url, add_full_rows(yubei))


def test_the_list_filter_and_the_eligibility_rule_agree(
    client, personas, eligible, expired, yubei_enterprise
):
    failed = EnterpriseFactory(managing_unit=eligible.managing_unit, name="重庆复核未通过有限公司")
    QualificationFactory(enterprise=failed, recognized_year=2025, review_result="failed")
    login(client, personas["yubei_official"])
    every_row = client.get(reverse("enterprise_list")).context["rows"]
    by_rule = {row["enterprise"].name for row in every_row if row["verdict"].eligible}
    assert set(names_on(client, eligibility="yes")) == by_rule == {eligible.name}
    assert set(names_on(client, eligibility="no")) == {row["enterprise"].name for row in every_row} - by_rule
