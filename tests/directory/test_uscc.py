"""Unified social credit codes: python-stdnum's checks, plus codes that start with a letter."""

import pytest
from django.core.exceptions import ValidationError
from stdnum.cn import uscc as stdnum_uscc

from innopilot.directory.uscc import normalize_uscc, organization_code_warning, validate_uscc

VALID = "91110000600037341L"  # python-stdnum's own example


def test_a_valid_code_is_accepted():
    assert validate_uscc(VALID) == VALID


def test_lower_case_spaces_and_full_width_characters_are_tidied():
    assert normalize_uscc(" ９１１１0000 600037341l ") == VALID
    assert validate_uscc("９１１１0000-600037341l") == VALID


def test_a_legitimate_code_starting_with_a_letter_is_accepted_although_stdnum_refuses_it():
    partial = "Y1500112MA5U7ABC2"
    code = partial + stdnum_uscc.calc_check_digit(partial)
    assert not stdnum_uscc.is_valid(code)
    assert validate_uscc(code) == code


def test_a_wrong_check_character_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError) as error:
        validate_uscc(VALID[:-1] + "M")
    assert error.value.code == "uscc_checksum"


def test_a_letter_leading_code_with_a_wrong_check_character_is_refused():
    partial = "Y1500112MA5U7ABC2"
    wrong = "0" if stdnum_uscc.calc_check_digit(partial) != "0" else "1"
    with pytest.raises(ValidationError) as error:
        validate_uscc(partial + wrong)
    assert error.value.code == "uscc_checksum"


@pytest.mark.parametrize("code", ["91110000600O37341L", "9111000060003734IL", "Z1110000600037341L"])
def test_letters_outside_the_alphabet_are_named(code):
    with pytest.raises(ValidationError) as error:
        validate_uscc(code)
    assert error.value.code == "uscc_format"


def test_a_code_of_the_wrong_length_says_how_long_it_is():
    with pytest.raises(ValidationError, match="17"):
        validate_uscc(VALID[:-1])


def test_an_embedded_organization_code_that_fails_its_check_is_a_warning_only():
    # GB 11714's worked example: D2143569 has the check character X.
    assert organization_code_warning("91500112" + "D2143569" + "X" + "0") is None
    assert organization_code_warning("91500112" + "D2143569" + "5" + "0") is not None
