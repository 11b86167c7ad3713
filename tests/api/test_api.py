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
