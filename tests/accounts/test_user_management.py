"""Officials manage the accounts within their scope, and only those."""

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse

from innopilot.accounts import access, services
from innopilot.accounts.models import User
from innopilot.accounts.roles import Role
from innopilot.common.errors import DomainError
from tests.conftest import login
from tests.factories import EnterpriseFactory
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def create(actor, **fields):
    defaults = {"username": "someone", "full_name": "某人", "email": "someone@example.cn"}
    return services.user_create(actor=actor, **{**defaults, **fields})


def test_a_district_official_creates_accounts_for_its_own_enterprises(personas, yubei_enterprise):
    user = create(personas["yubei_official"], role=Role.ENTERPRISE, enterprise=yubei_enterprise)
    assert user.enterprise == yubei_enterprise
    assert not user.has_usable_password()


def test_a_district_official_cannot_create_accounts_for_another_units_enterprise(
    personas, jiangbei_enterprise
):
    with pytest.raises(DomainError) as error:
        create(personas["yubei_official"], role=Role.ENTERPRISE, enterprise=jiangbei_enterprise)
    assert error.value.field == "enterprise"


@pytest.mark.parametrize("role", [Role.CITY_IP, Role.DISTRICT_IP, Role.ADMIN, Role.EVALUATOR])
def test_a_district_official_cannot_give_roles_beyond_enterprise_user(personas, yubei, role):
    with pytest.raises(DomainError) as error:
        create(personas["yubei_official"], role=role, managing_unit=yubei)
    assert error.value.field == "role"


def test_the_city_creates_district_officials_for_any_unit(personas, jiangbei):
    user = create(personas["city_econ"], role=Role.DISTRICT_ECON, managing_unit=jiangbei)
    assert user.managing_unit == jiangbei


def test_the_city_cannot_create_administrators(personas):
    with pytest.raises(DomainError):
        create(personas["city_ip"], role=Role.ADMIN)


def test_a_role_gets_only_the_scope_it_needs(personas, yubei, yubei_enterprise):
    user = create(personas["admin"], role=Role.DISTRICT_IP, managing_unit=yubei, enterprise=yubei_enterprise)
    assert user.managing_unit == yubei and user.enterprise is None


def test_a_district_role_without_a_unit_is_refused(personas):
    with pytest.raises(DomainError) as error:
        create(personas["city_ip"], role=Role.DISTRICT_IP)
    assert error.value.field == "managing_unit"


def test_the_database_refuses_a_half_scoped_user(reference_data):
    with pytest.raises(IntegrityError):
        User.objects.create(username="broken", role=Role.DISTRICT_IP)


def test_the_database_refuses_staff_rights_to_anyone_but_administrators(reference_data):
    with pytest.raises(IntegrityError):
        User.objects.create(username="sneaky", role=Role.CITY_IP, is_staff=True)


def test_nobody_manages_their_own_account_through_user_management(personas):
    official = personas["yubei_official"]
    assert not access.can_manage_user(personas["city_ip"], personas["city_ip"])
    assert not access.can_manage_user(official, official)


def test_a_district_official_sees_its_units_accounts_but_manages_only_enterprise_users(personas):
    visible = set(access.users_visible_to(personas["yubei_official"]).values_list("username", flat=True))
    assert visible == {"yubei_ip", "ent_yubei"}
    manageable = set(
        access.users_manageable_by(personas["yubei_official"]).values_list("username", flat=True)
    )
    assert manageable == {"ent_yubei"}


def test_deactivated_users_cannot_sign_in(client, personas):
    services.user_set_active(
        actor=personas["yubei_official"], target=personas["enterprise_user"], active=False
    )
    response = client.post(reverse("login"), {"username": "ent_yubei", "password": "Correct-Horse-9"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def post_new_account(client, enterprise, **overrides):
    form = {
        "username": "x.y",
        "full_name": "某",
        "email": "x@example.cn",
        "phone": "",
        "role": "enterprise",
        "enterprise": enterprise.pk,
    }
    return client.post(reverse("user_create"), {**form, **overrides}, HTTP_ACCEPT_LANGUAGE="zh-hans")


def test_creating_an_account_mails_a_one_time_link_that_sets_the_password(client, personas, yubei_enterprise):
    login(client, personas["yubei_official"])
    response = post_new_account(
        client, yubei_enterprise, username="zhang.wei", email="zhang.wei@example.cn", phone="13800000000"
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zhang.wei@example.cn"]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/access/" in line)
    client.logout()
    form_url = client.get(link.replace("http://testserver", "")).url  # Django moves the token to the session
    response = client.post(form_url, {"new_password1": "Yubei-Pilot-88", "new_password2": "Yubei-Pilot-88"})
    assert response.status_code == 302
    assert User.objects.get(username="zhang.wei").check_password("Yubei-Pilot-88")
    used = client.get(link.replace("http://testserver", ""), follow=True)
    assert "该链接已失效" in used.content.decode()


def test_the_form_reports_a_bad_mobile_number_and_creates_nothing(client, personas, yubei_enterprise):
    login(client, personas["yubei_official"])
    response = post_new_account(client, yubei_enterprise, phone="12345")
    assert response.status_code == 200
    assert "11 位" in response.content.decode()
    assert not User.objects.filter(username="x.y").exists()


def test_the_form_offers_a_district_official_only_its_own_enterprises(client, personas, jiangbei_enterprise):
    login(client, personas["yubei_official"])
    response = post_new_account(client, jiangbei_enterprise)
    assert response.status_code == 200
    assert not User.objects.filter(username="x.y").exists()


def test_the_user_list_keeps_its_query_count_as_accounts_grow(client, personas, yubei_enterprise):
    login(client, personas["city_ip"])

    def add_users(count):
        for i in range(count):
            enterprise = EnterpriseFactory(managing_unit=yubei_enterprise.managing_unit)
            User.objects.create(username=f"bulk{i}", role=Role.ENTERPRISE, enterprise=enterprise)

    assert_queries_do_not_grow(client, reverse("user_list"), add_users)
