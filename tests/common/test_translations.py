"""Every UI string is translated into Chinese, and the catalogue is in step with the code."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import innopilot

PACKAGE = Path(innopilot.__file__).parent
CATALOGUE = PACKAGE / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_the_chinese_catalogue_is_complete_and_has_no_fuzzy_entries():
    catalogue = polib.pofile(str(CATALOGUE))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries() if entry.msgid] == []


def test_the_catalogue_holds_every_string_the_code_marks_for_translation(tmp_path):
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext is not installed (scripts/bootstrap --test installs it)")
    copy = tmp_path / "innopilot"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("vendor", "__pycache__", "*.mo"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "zh_Hans",
            "--no-location",
            "--ignore",
            "static/vendor/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "innopilot.settings", "DEBUG": "true"},
    )
    fresh = {entry.msgid for entry in polib.pofile(str(copy / "locale/zh_Hans/LC_MESSAGES/django.po"))}
    committed = {entry.msgid for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete}
    assert sorted(fresh - committed) == [], "run `make messages` and translate the new strings"
