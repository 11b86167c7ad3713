"""Password policy: 10+ characters, mixed classes, not like the user name, not common."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from innopilot.accounts.models import User


@pytest.mark.parametrize(
    "password",
    ["Short-1a", "abcdefghijkl", "alllowercase1", "1234567890123", "password1234"],
)
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, User(username="wangfang"))


def test_a_password_like_the_user_name_is_refused():
    with pytest.raises(ValidationError):
        validate_password("Wangfang-2026", User(username="wangfang2026", full_name="王芳"))


def test_a_long_mixed_password_is_accepted():
    validate_password("Jiangbei#Pilot7", User(username="wangfang"))


def test_the_mixed_classes_rule_explains_itself_in_chinese():
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        validate_password("abcdefghijklmn", User(username="someone"))
    assert any("大写字母" in message or "小写字母" in message for message in error.value.messages)
