"""Each role's home page shows the user's real scope."""

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.factories import EnterpriseFactory
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def home(client, user):
    login(client, user)
    return client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()


def test_the_city_sees_all_41_units(client, personas):
    page = home(client, personas["city_ip"])
    assert 'id="stat-units">41<' in page
    assert "重庆市知识产权局" in page


def test_a_district_official_sees_its_unit_and_its_enterprise_count(client, personas, yubei):
    EnterpriseFactory.create_batch(3, managing_unit=yubei)
    page = home(client, personas["yubei_official"])
    assert 'id="home-unit">渝北区<' in page
    assert 'id="stat-enterprises">4<' in page  # the persona's enterprise and three more
    assert "江北区" not in page


def test_an_enterprise_user_sees_its_enterprise(client, personas, yubei_enterprise):
    page = home(client, personas["enterprise_user"])
    assert yubei_enterprise.name in page and "初始测评" in page


def test_an_evaluator_sees_its_institution(client, personas, institution):
    assert institution.name in home(client, personas["evaluator"])


def test_the_city_home_keeps_its_query_count_as_enterprises_grow(client, personas, jiangbei):
    login(client, personas["city_ip"])
    assert_queries_do_not_grow(
        client, reverse("home"), lambda n: EnterpriseFactory.create_batch(n, managing_unit=jiangbei)
    )


def test_the_district_home_keeps_its_query_count_as_enterprises_grow(client, personas, yubei):
    login(client, personas["yubei_official"])
    assert_queries_do_not_grow(
        client, reverse("home"), lambda n: EnterpriseFactory.create_batch(n, managing_unit=yubei)
    )
