"""Failed logins lock the account with a Chinese message; logins and changes are in the audit trail."""

import pytest
from auditlog.models import LogEntry
from axes.models import AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from innopilot.accounts.models import User
from tests.conftest import PASSWORD, login

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post(
        reverse("login"), {"username": username, "password": password}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )


def test_a_wrong_password_is_refused_in_chinese(client, personas):
    response = sign_in(client, "yubei_ip", "Wrong-password-1")
    assert response.status_code == 200
    assert "用户名或密码" in response.content.decode()


def test_six_wrong_passwords_lock_the_account_with_a_chinese_message(client, personas):
    for _ in range(5):
        sign_in(client, "yubei_ip", "Wrong-password-1")
    response = sign_in(client, "yubei_ip", "Wrong-password-1")
    assert response.status_code == 429
    assert "该账号因连续 5 次登录失败已被锁定" in response.content.decode()
    assert AccessFailureLog.objects.filter(username="yubei_ip").count() >= 5


def test_a_locked_account_refuses_even_the_right_password(client, personas):
    for _ in range(5):
        sign_in(client, "yubei_ip", "Wrong-password-1")
    response = sign_in(client, "yubei_ip", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_locking_one_account_leaves_others_at_the_same_address_alone(client, personas):
    for _ in range(6):
        sign_in(client, "yubei_ip", "Wrong-password-1")
    response = sign_in(client, "jiangbei_ip", PASSWORD)
    assert response.status_code == 302


def test_the_managing_official_unlocks_a_locked_account(client, personas):
    for _ in range(6):
        sign_in(client, "ent_yubei", "Wrong-password-1")
    login(client, personas["yubei_official"])
    response = client.post(reverse("user_unlock", args=[personas["enterprise_user"].pk]))
    assert response.status_code == 302
    client.logout()
    assert sign_in(client, "ent_yubei", PASSWORD).status_code == 302


def test_successful_and_failed_logins_show_in_the_audit_trail(client, personas):
    sign_in(client, "jiangbei_ip", "Wrong-password-1")
    sign_in(client, "jiangbei_ip", PASSWORD)
    assert AccessLog.objects.filter(username="jiangbei_ip").count() == 1
    client.logout()
    login(client, personas["admin"])
    page = client.get(reverse("audit_trail") + "?tab=logins").content.decode()
    assert page.count("jiangbei_ip") >= 2


def test_changes_are_recorded_with_the_acting_user(client, personas):
    login(client, personas["yubei_official"])
    client.post(
        reverse("user_create"),
        {
            "username": "new_ent_user",
            "full_name": "新用户",
            "email": "new@example.cn",
            "role": "enterprise",
            "enterprise": personas["enterprise_user"].enterprise_id,
        },
    )
    created = User.objects.get(username="new_ent_user")
    entry = LogEntry.objects.get_for_object(created).get(action=LogEntry.Action.CREATE)
    assert entry.actor == personas["yubei_official"]
    login(client, personas["admin"])
    assert "new_ent_user" in client.get(reverse("audit_trail")).content.decode()


def test_an_idle_session_expires_and_asks_to_sign_in_again(client, personas):
    login(client, personas["city_ip"])
    assert client.get(reverse("home")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and "login" in response["Location"]
