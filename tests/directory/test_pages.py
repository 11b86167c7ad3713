"""Directory pages: scoped lists, registering an enterprise, constant query counts."""

import pytest
from django.urls import reverse

from innopilot.accounts.roles import Role
from innopilot.directory.models import Enterprise, ManagingUnit
from tests.conftest import login
from tests.factories import EnterpriseFactory, UserFactory, valid_uscc
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_a_district_official_lists_only_its_units_enterprises(
    client, personas, yubei_enterprise, jiangbei_enterprise
):
    login(client, personas["yubei_official"])
    page = client.get(reverse("enterprise_list")).content.decode()
    assert yubei_enterprise.name in page and jiangbei_enterprise.name not in page


def test_the_city_filters_enterprises_by_unit_and_text(
    client, personas, yubei_enterprise, jiangbei_enterprise
):
    login(client, personas["city_ip"])
    page = client.get(reverse("enterprise_list"), {"unit": "500105"}).content.decode()
    assert jiangbei_enterprise.name in page and yubei_enterprise.name not in page
    page = client.get(reverse("enterprise_list"), {"q": yubei_enterprise.uscc[-6:].lower()}).content.decode()
    assert yubei_enterprise.name in page and jiangbei_enterprise.name not in page


def test_a_district_official_registers_an_enterprise_typed_sloppily(client, personas, yubei):
    login(client, personas["yubei_official"])
    code = valid_uscc("500112")
    sloppy = " " + code[:9].lower() + " " + code[9:] + " "
    response = client.post(
        reverse("enterprise_create"),
        {"uscc": sloppy, "name": "重庆新注册科技有限公司", "managing_unit": yubei.pk},
    )
    assert response.status_code == 302
    assert Enterprise.objects.get(uscc=code).managing_unit == yubei


def test_registering_under_another_unit_is_refused(client, personas, jiangbei):
    login(client, personas["yubei_official"])
    response = client.post(
        reverse("enterprise_create"),
        {"uscc": valid_uscc("500105"), "name": "越权企业", "managing_unit": jiangbei.pk},
    )
    assert response.status_code == 200
    assert not Enterprise.objects.filter(name="越权企业").exists()


def test_a_bad_code_is_refused_in_chinese_and_nothing_is_saved(client, personas, yubei):
    login(client, personas["yubei_official"])
    code = valid_uscc("500112")
    wrong = code[:-1] + ("1" if code[-1] != "1" else "2")
    response = client.post(
        reverse("enterprise_create"),
        {"uscc": wrong, "name": "错误代码企业", "managing_unit": yubei.pk},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert "校验" in response.content.decode()
    assert not Enterprise.objects.filter(name="错误代码企业").exists()


def test_a_duplicate_code_names_the_unit_that_has_it(client, personas, yubei, jiangbei_enterprise):
    login(client, personas["city_ip"])
    response = client.post(
        reverse("enterprise_create"),
        {"uscc": jiangbei_enterprise.uscc, "name": "重复企业", "managing_unit": yubei.pk},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert "江北区" in response.content.decode()


def test_enterprise_list_keeps_its_query_count_as_enterprises_grow(client, personas, yubei):
    login(client, personas["city_ip"])
    assert_queries_do_not_grow(
        client, reverse("enterprise_list"), lambda n: EnterpriseFactory.create_batch(n, managing_unit=yubei)
    )


def test_unit_list_keeps_its_query_count_as_enterprises_and_officials_grow(client, personas, yubei, jiangbei):
    login(client, personas["city_ip"])

    def add(n):
        EnterpriseFactory.create_batch(n, managing_unit=jiangbei)
        for unit in ManagingUnit.objects.all()[:n]:
            UserFactory(role=Role.DISTRICT_ECON, managing_unit=unit)

    assert_queries_do_not_grow(client, reverse("unit_list"), add)


def test_a_unit_page_lists_both_departments_officials(client, personas, yubei):
    UserFactory(username="yubei_jx", full_name="刘洋", role=Role.DISTRICT_ECON, managing_unit=yubei)
    login(client, personas["city_econ"])
    page = client.get(
        reverse("unit_detail", args=["500112"]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert "刘洋" in page and "经信部门" in page and "知识产权管理部门" in page
