"""What a work mechanism accepts: contact phones, and work-plan files checked by name and by content."""

import re
import unicodedata
from typing import BinaryIO

from django.utils.translation import gettext as _

from innopilot.common import uploads

# Mainland mobile (11 digits from 13x to 19x), or a landline with its area code and an optional extension.
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$")

# The formats a work plan may come in (checked by common/uploads.py, extension and content).
PLAN_FORMATS = ("pdf", "doc", "wps", "xls", "docx", "xlsx", "ofd")


def normalize_phone(raw: str) -> str:
    """Full-width digits and dashes typed on a Chinese keyboard become ASCII; spaces go."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    return re.sub(r"\s+", "", text).replace("—", "-").replace("－", "-")


def phone_problem(phone: str) -> str | None:
    """None for an empty or valid phone number, otherwise the message to show."""
    if not phone or _MOBILE.match(phone) or _LANDLINE.match(phone):
        return None
    return _("Enter an 11-digit mobile number or a landline with its area code, such as 023-12345678.")


def plan_problem(filename: str, size: int, stream: BinaryIO, max_mb: int) -> str | None:
    """None when the file is an accepted work plan, otherwise why it is refused. Reads the stream
    and rewinds it."""
    wrong_type = _("A work plan must be a PDF, Word, WPS, OFD or Excel file (%(types)s).") % {
        "types": ", ".join(PLAN_FORMATS)
    }
    return uploads.file_problem(
        filename, size, stream, allowed=PLAN_FORMATS, max_mb=max_mb, wrong_type=wrong_type
    )
