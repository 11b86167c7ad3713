"""Tolerant readers for the cells of real enterprise lists: pure functions, no database.

Officials' files mix full-width and half-width characters, stray spaces, numbers stored as text and
text stored as numbers, and dates in five spellings. Each reader returns the clean value or raises
``CellError`` with a message for the official; ``None`` means the cell is blank.
"""

import datetime
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel


class CellError(ValueError):
    """A cell that cannot be read; ``message`` is shown to the official."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


_SPACES = re.compile(r"\s+")
# A space next to a Chinese character is a typing accident, never meaningful.
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u9fff\uff00-\uffef])")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』《》")


def clean_text(value: Any) -> str:
    """NFKC (full-width to half-width), trimmed, inner runs of spaces made one, none beside Chinese.

    A number typed where text belongs comes back without a trailing ``.0``.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    text = unicodedata.normalize("NFKC", str(value)).strip()
    return _CJK_SPACE.sub("", _SPACES.sub(" ", text))


def lookup_key(value: Any) -> str:
    """The form names are compared in: clean, no spaces or quotes, lower case."""
    return clean_text(value).replace(" ", "").translate(_QUOTES).lower()


def parse_text(value: Any, max_length: int | None = None) -> str | None:
    text = clean_text(value)
    if not text:
        return None
    if max_length and len(text) > max_length:
        raise CellError(
            _("Too long: at most %(limit)d characters, this has %(count)d.")
            % {"limit": max_length, "count": len(text)}
        )
    return text


def parse_date(value: Any) -> datetime.date | None:
    """An Excel date, or text such as 2015-3-1, 2015/03/01, 2015.3.1, 2015年3月1日, 20150301."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 19000101 <= value <= 21001231 and float(value).is_integer():
            return parse_date(str(int(value)))  # 20150301 typed as a number
        if 1 <= value < 2958466:  # Excel's serial day numbers, 1900-01-01 to 9999-12-31
            return from_excel(value).date()
        raise CellError(_("Not a date: write it as 2015-03-01."))
    text = clean_text(value).replace(" ", "")
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if not match:
        raise CellError(_("Not a date: write it as 2015-03-01."))
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise CellError(_("This date does not exist.")) from None


_TRUE_WORDS = frozenset({"是", "有", "√", "✓", "✔", "y", "yes", "true", "1", "已设立", "已认证", "通过"})
_FALSE_WORDS = frozenset({"否", "无", "没有", "×", "✗", "✘", "n", "no", "false", "0", "未设立", "未认证"})


def parse_bool(value: Any) -> bool | None:
    """是/有/√ for yes, 否/无/× for no."""
    key = lookup_key(value)
    if not key:
        return None
    if key in _TRUE_WORDS:
        return True
    if key in _FALSE_WORDS:
        return False
    raise CellError(_("Write 是 or 否."))


_NUMBER_UNITS = re.compile(r"(件|人|项|个|名|万元|元)$")


def _number_text(value: Any) -> str:
    return _NUMBER_UNITS.sub("", clean_text(value).replace(",", "").replace(" ", ""))


def parse_count(value: Any) -> int | None:
    """A whole number ≥ 0: ``12``, ``12.0``, ``"12"``, ``"1,200"``, ``"12件"``."""
    if value is None:
        return None
    text = _number_text(value)
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("Not a number.")) from None
    if number != number.to_integral_value() or number < 0:
        raise CellError(_("Write a whole number of 0 or more."))
    if number > 2_147_483_647:
        raise CellError(_("This number is too large."))
    return int(number)


def parse_amount(value: Any) -> Decimal | None:
    """An amount in 万元 with at most two decimals, ≥ 0."""
    if value is None:
        return None
    if isinstance(value, float):
        value = repr(value)  # avoid binary noise: 12.3 stays 12.3
    text = _number_text(value)
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("Not a number.")) from None
    if not number.is_finite() or number < 0:
        raise CellError(_("Write an amount of 0 or more."))
    if number >= Decimal("1e12"):
        raise CellError(_("This number is too large."))
    return number.quantize(Decimal("0.01"))


def parse_year(value: Any) -> int | None:
    """A year between 1990 and 2100: ``2021``, ``"2021年"``, ``"2021年度"`` or a date in that year."""
    if value is None:
        return None
    if isinstance(value, datetime.date):
        year = value.year
    else:
        text = clean_text(value).replace(" ", "")
        if not text:
            return None
        match = re.match(r"^(\d{4})(?:年度?|\.0)?$", text)
        if not match:
            try:
                return parse_date(value).year if parse_date(value) else None
            except CellError:
                raise CellError(_("Write a year such as 2021.")) from None
        year = int(match.group(1))
    if not 1990 <= year <= 2100:
        raise CellError(_("Write a year between 1990 and 2100."))
    return year


def parse_district_code(value: Any) -> str | None:
    text = clean_text(value).replace(" ", "")
    if not text:
        return None
    if not re.fullmatch(r"\d{6}", text):
        raise CellError(_("A GB/T 2260 district code has six digits."))
    return text


class Choices:
    """Words officials write for one set of choices, mapped to the stored value."""

    def __init__(self, words: dict[str, Iterable[str]], hint: str):
        self.by_key = {lookup_key(word): value for value, spelled in words.items() for word in spelled}
        self.hint = hint

    def parse(self, value: Any) -> str | None:
        key = lookup_key(value)
        if not key:
            return None
        try:
            return self.by_key[key]
        except KeyError:
            raise CellError(self.hint) from None


class NameLookup:
    """Reference rows (units, industries, qualification types) found by any of their names.

    ``names`` maps each stored key (a code or pk) to the spellings it answers to. A value no name
    matches exactly may still match one name by containment ("小巨人企业"), but only if that match
    is unique; otherwise the official is told which names were meant.
    """

    def __init__(self, names: dict[Any, Iterable[str]], *, not_found: str, prefixes: Iterable[str] = ()):
        self.by_key: dict[str, Any] = {}
        self.labels: dict[Any, str] = {}
        for target, spelled in names.items():
            spelled = [name for name in spelled if name]
            self.labels[target] = spelled[0] if spelled else str(target)
            for name in spelled:
                self.by_key.setdefault(lookup_key(name), target)
        self.not_found = not_found
        self.prefixes = tuple(lookup_key(prefix) for prefix in prefixes if prefix)

    def candidates(self, key: str) -> list[str]:
        keys = [key]
        for prefix in self.prefixes:
            if key.startswith(prefix) and len(key) > len(prefix):
                keys.append(key[len(prefix) :])
        return keys

    def parse(self, value: Any) -> Any:
        key = lookup_key(value)
        if not key:
            return None
        for candidate in self.candidates(key):
            if candidate in self.by_key:
                return self.by_key[candidate]
        if len(key) >= 2:
            matches = {target for name, target in self.by_key.items() if key in name or name in key}
            if len(matches) == 1:
                return matches.pop()
            if len(matches) > 1:
                names = "、".join(sorted(self.labels[target] for target in matches))
                raise CellError(_("Ambiguous: it could be %(names)s.") % {"names": names})
        raise CellError(self.not_found)


def industry_code(value: Any) -> str | None:
    """The two-digit GB/T 4754 division in ``39``, ``C39``, ``"39 计算机…"`` or ``6`` (= 06)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= value <= 99:
            return f"{int(value):02d}"
        return None
    match = re.match(r"^[A-Za-z]?(\d{1,2})(?:\D|$)", clean_text(value).replace(" ", " "))
    return f"{int(match.group(1)):02d}" if match else None
