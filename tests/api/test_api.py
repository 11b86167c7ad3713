"""The JSON API returns only what the user may see."""

import pytest

from tests.conftest import login
from tests.factories import EnterpriseFactory
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_me_describes_the_user_and_scope(client, personas):
    login(client, personas["yubei_official"])
    body = client.get("/api/me", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert body["role"] == "district_ip" and body["scope"] == "渝北区"


def test_a_district_official_gets_only_its_units_enterprises(client, personas, yubei_enterprise):
    login(client, personas["yubei_official"])
    body = client.get("/api/enterprises").json()
    assert [row["uscc"] for row in body] == [yubei_enterprise.uscc]
    assert [row["code"] for row in client.get("/api/units").json()] == ["500112"]


def test_writes_without_a_csrf_token_are_refused(client, personas):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    login(strict, personas["city_ip"])
    assert strict.post("/api/me").status_code in {403, 405}


def test_the_enterprise_api_keeps_its_query_count(client, personas, yubei):
    login(client, personas["city_ip"])
    assert_queries_do_not_grow(
        client, "/api/enterprises", lambda n: EnterpriseFactory.create_batch(n, managing_unit=yubei)
    )


def test_the_enterprise_list_says_whether_each_is_eligible_and_masks_contacts_for_the_city(
    client, personas, yubei_enterprise
):
    from tests.factories import ContactFactory, QualificationFactory

    QualificationFactory(enterprise=yubei_enterprise, recognized_year=2024)
    ContactFactory(enterprise=yubei_enterprise, mobile="13812345678", email="zhang@example.cn")
    login(client, personas["city_ip"])
    row = next(
        r
        for r in client.get("/api/enterprises", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
        if r["uscc"] == yubei_enterprise.uscc
    )
    assert row["eligible"] is True
    assert row["eligibility_reasons"] == ["国家知识产权优势企业（2024年认定，有效期至2027年）"]
    assert row["valid_qualifications"][0]["type"] == "national_ip_advantage"
    assert row["contacts"][0]["mobile"] == "138****5678"
    assert row["willingness"] == "unstated"
    detail = client.get(f"/api/enterprises/{yubei_enterprise.uscc}").json()
    assert detail["contacts"][0]["mobile"] == "13812345678"
    login(client, personas["yubei_official"])
    assert client.get("/api/enterprises").json()[0]["contacts"][0]["email"] == "zhang@example.cn"


def test_the_enterprise_api_keeps_its_query_count_with_qualifications_and_contacts(client, personas, yubei):
    from tests.directory.test_enterprise_list import add_full_rows

    login(client, personas["yubei_official"])
    assert_queries_do_not_grow(client, "/api/enterprises", add_full_rows(yubei))
