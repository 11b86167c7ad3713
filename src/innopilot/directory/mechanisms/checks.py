"""What a work mechanism accepts: contact phones, and work-plan files checked by name and by content.

A file's extension is what the official sees; its first bytes are what it is. Both must agree, so a
renamed executable or web page is refused even with a ``.pdf`` name.
"""

import re
import unicodedata
import zipfile
from pathlib import PurePath
from typing import BinaryIO

from django.utils.translation import gettext as _

# Mainland mobile (11 digits from 13x to 19x), or a landline with its area code and an optional extension.
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$")

_PDF = b"%PDF-"
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Extension → (leading bytes, a member the zip must hold or None). WPS and OFD are China's own
# formats: a .wps document is an OLE2 compound file like .doc; an OFD document is a zip with OFD.xml.
PLAN_FORMATS: dict[str, tuple[bytes, str | None]] = {
    "pdf": (_PDF, None),
    "doc": (_OLE2, None),
    "wps": (_OLE2, None),
    "xls": (_OLE2, None),
    "docx": (_ZIP, "word/"),
    "xlsx": (_ZIP, "xl/"),
    "ofd": (_ZIP, "OFD.xml"),
}


def normalize_phone(raw: str) -> str:
    """Full-width digits and dashes typed on a Chinese keyboard become ASCII; spaces go."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    return re.sub(r"\s+", "", text).replace("—", "-").replace("－", "-")


def phone_problem(phone: str) -> str | None:
    """None for an empty or valid phone number, otherwise the message to show."""
    if not phone or _MOBILE.match(phone) or _LANDLINE.match(phone):
        return None
    return _("Enter an 11-digit mobile number or a landline with its area code, such as 023-12345678.")


def plan_extension(filename: str) -> str:
    return PurePath(filename or "").suffix.lower().lstrip(".")


def plan_problem(filename: str, size: int, stream: BinaryIO, max_mb: int) -> str | None:
    """None when the file is an accepted work plan, otherwise why it is refused. Reads the stream
    and rewinds it."""
    extension = plan_extension(filename)
    if extension not in PLAN_FORMATS:
        return _("A work plan must be a PDF, Word, WPS, OFD or Excel file (%(types)s).") % {
            "types": ", ".join(PLAN_FORMATS)
        }
    if size == 0:
        return _("The file is empty.")
    if size > max_mb * 1024 * 1024:
        return _("The file is larger than %(max)s MB.") % {"max": max_mb}
    signature, member = PLAN_FORMATS[extension]
    stream.seek(0)
    head = stream.read(len(signature))
    stream.seek(0)
    if head != signature or (member and not _zip_holds(stream, member)):
        return _("The file's content is not a %(type)s document; it may have been renamed or damaged.") % {
            "type": extension.upper()
        }
    return None


def _zip_holds(stream: BinaryIO, member: str) -> bool:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        stream.seek(0)
    return any(name == member or (member.endswith("/") and name.startswith(member)) for name in names)
