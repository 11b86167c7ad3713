"""Settings come from the environment; production mode refuses unsafe defaults."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from innopilot.common import env

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k7#Qz!p2Lr9@vX4m$Tn8Wc1^Yb6&Hd3*Jf5(Gs0)Ue-Ai+Ok=Pl;Rq",
    "ALLOWED_HOSTS": "innopilot.example.gov.cn",
}


def run_innopilot(*args: str, environment: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "innopilot.cli", *args],
        env={**clean, **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_mode_refuses_to_start_with_the_default_secret_key():
    result = run_innopilot("check", environment={"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deploy_check_reports_nothing_in_production_mode():
    result = run_innopilot("check", "--deploy", "--fail-level", "DEBUG", environment=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_mode_sets_secure_cookies_and_hsts():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT)"
    )
    result = run_innopilot("shell", "-c", code, environment=PRODUCTION_ENV)
    assert result.stdout.strip().splitlines()[-1].split() == ["True", "True", "31536000", "True"], (
        result.stderr
    )


def test_platform_speaks_chinese_first_in_shanghai_time():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert [code for code, _ in settings.LANGUAGES] == ["zh-hans", "en"]


def test_idle_sessions_expire_after_thirty_minutes_by_default():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


@pytest.mark.parametrize("raw, expected", [("true", True), ("1", True), ("off", False), ("", False)])
def test_boolean_settings_accept_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env.env_bool("SOME_FLAG", not expected) is expected


def test_a_malformed_setting_stops_start_up_with_its_name(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env.env_bool("SOME_FLAG", False)
    monkeypatch.setenv("SOME_NUMBER", "thirty")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER"):
        env.env_int("SOME_NUMBER", 1)


def test_lists_are_read_comma_separated(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", " a.example.cn, b.example.cn ,")
    assert env.env_list("SOME_HOSTS", []) == ["a.example.cn", "b.example.cn"]


def test_database_url_selects_the_engine():
    engine = settings.DATABASES["default"]["ENGINE"]
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite3"
    assert engine.endswith(expected)
