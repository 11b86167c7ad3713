"""Uploaded files checked by name and by content, for every app that accepts documents.

A file's extension is what the user sees; its first bytes are what it is. Both must agree, so a
renamed executable or web page is refused even with a ``.pdf`` name.
"""

import hashlib
import zipfile
from collections.abc import Iterable
from pathlib import PurePath
from typing import BinaryIO

from django.utils.translation import gettext as _

_PDF = b"%PDF-"
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Extension → (leading bytes, a member the zip must hold or None). WPS and OFD are China's own
# formats: a .wps document is an OLE2 compound file like .doc; an OFD document is a zip with OFD.xml.
FORMATS: dict[str, tuple[bytes, str | None]] = {
    "pdf": (_PDF, None),
    "ofd": (_ZIP, "OFD.xml"),
    "doc": (_OLE2, None),
    "wps": (_OLE2, None),
    "docx": (_ZIP, "word/"),
    "xls": (_OLE2, None),
    "xlsx": (_ZIP, "xl/"),
    "ppt": (_OLE2, None),
    "pptx": (_ZIP, "ppt/"),
    "jpg": (b"\xff\xd8\xff", None),
    "jpeg": (b"\xff\xd8\xff", None),
    "png": (b"\x89PNG\r\n\x1a\n", None),
}


def extension(filename: str) -> str:
    return PurePath(filename or "").suffix.lower().lstrip(".")


def accept_attribute(allowed: Iterable[str]) -> str:
    """The file input's ``accept`` list, so the browser offers only allowed files."""
    return ",".join(f".{ext}" for ext in allowed)


def file_problem(
    filename: str, size: int, stream: BinaryIO, *, allowed: Iterable[str], max_mb: int, wrong_type: str
) -> str | None:
    """None when the file is one of the ``allowed`` formats and at most ``max_mb`` MB, otherwise why
    it is refused (``wrong_type`` names the accepted kinds to the user). Reads the stream and rewinds it."""
    kind = extension(filename)
    if kind not in allowed or kind not in FORMATS:
        return wrong_type
    if size == 0:
        return _("The file is empty.")
    if size > max_mb * 1024 * 1024:
        return _("The file is larger than %(max)s MB.") % {"max": max_mb}
    signature, member = FORMATS[kind]
    stream.seek(0)
    head = stream.read(len(signature))
    stream.seek(0)
    if head != signature or (member and not _zip_holds(stream, member)):
        return _("The file's content is not a %(type)s document; it may have been renamed or damaged.") % {
            "type": kind.upper()
        }
    return None


def sha256_of(stream: BinaryIO) -> str:
    """The file's SHA-256 in hex, read in chunks; the stream is rewound."""
    digest = hashlib.sha256()
    stream.seek(0)
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def display_name(filename: str, max_length: int) -> str:
    """The uploader's file name without any folder part, short enough for its column."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if len(name) <= max_length:
        return name
    stem, dot, suffix = name.rpartition(".")
    return stem[: max_length - len(suffix) - 1] + dot + suffix


def _zip_holds(stream: BinaryIO, member: str) -> bool:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        stream.seek(0)
    return any(name == member or (member.endswith("/") and name.startswith(member)) for name in names)
