"""Unified social credit code (GB 32100-2015) checks on top of python-stdnum.

python-stdnum checks length, alphabet and check character, but refuses codes whose first eight
characters are not all digits, although legitimate codes may start with a letter such as A, N or Y
(domain.md §10). For those we repeat the same checksum with stdnum's own ``calc_check_digit``.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc as stdnum_uscc

# GB 32100 alphabet: digits and capitals without I, O, S, V, Z.
USCC_ALPHABET = frozenset("0123456789ABCDEFGHJKLMNPQRTUWXY")
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def normalize_uscc(raw: str) -> str:
    """Full-width to half-width, no spaces or dashes, upper case: the stored form."""
    return stdnum_uscc.compact(unicodedata.normalize("NFKC", raw or ""))


def validate_uscc(raw: str) -> str:
    """Return the normalized code or raise ``ValidationError`` with a message for the user."""
    code = normalize_uscc(raw)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d.")
            % {"count": len(code)},
            code="uscc_length",
        )
    try:
        return stdnum_uscc.validate(code)
    except stdnum_errors.InvalidChecksum:
        raise _checksum_error() from None
    except stdnum_errors.InvalidFormat:
        pass  # maybe a legitimate code starting with a letter: checked below
    bad = sorted({char for char in code if char not in USCC_ALPHABET})
    if bad:
        raise ValidationError(
            _("The code contains characters that a unified social credit code never uses: %(chars)s.")
            % {"chars": " ".join(bad)},
            code="uscc_format",
        )
    if code[-1] != stdnum_uscc.calc_check_digit(code):
        raise _checksum_error()
    return code


def _checksum_error() -> ValidationError:
    return ValidationError(
        _("The check character (the 18th) does not match: please check the code for a typing error."),
        code="uscc_checksum",
    )


def organization_code_warning(code: str) -> str | None:
    """The embedded GB 11714 organization code (characters 9–17) has its own check character.

    Old registrations do not always satisfy it, so a mismatch is a warning, never a rejection.
    """
    body, check = code[8:16], code[16]
    try:
        total = sum(_org_value(char) * weight for char, weight in zip(body, _ORG_CODE_WEIGHTS, strict=True))
    except ValueError:
        return _("The embedded organization code (characters 9–17) is not in the usual format.")
    expected = 11 - total % 11
    expected_char = {10: "X", 11: "0"}.get(expected, str(expected))
    if check != expected_char:
        return _(
            "The embedded organization code (characters 9–17) fails its own check; please confirm the code."
        )
    return None


def _org_value(char: str) -> int:
    if char.isdigit():
        return int(char)
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 10
    raise ValueError(char)
