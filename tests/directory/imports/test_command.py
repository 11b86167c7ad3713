"""``innopilot enterprises import FILE [--unit CODE] [--dry-run]``."""

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError

from innopilot.directory.models import Enterprise
from tests.directory.imports.helpers import codes, xlsx

pytestmark = pytest.mark.django_db
HEADERS = ["统一社会信用代码", "企业名称", "管理单位", "联系人手机"]


def write(tmp_path, rows, name="名单.xlsx"):
    path = tmp_path / name
    path.write_bytes(xlsx(rows, headers=HEADERS, title_rows=["摸底表"]).getvalue())
    return str(path)


def run(*args):
    return call_command("enterprises", "import", *args)


def test_a_correct_file_is_imported_with_the_command_line_in_the_audit_trail(tmp_path, capsys, yubei):
    good = codes(2)
    run(write(tmp_path, [[good[0], "甲公司", "渝北", None], [good[1], "乙公司", "渝北区", None]]))
    assert Enterprise.objects.filter(uscc__in=good).count() == 2
    assert "2 new" in capsys.readouterr().out
    entry = LogEntry.objects.filter(object_repr="甲公司").get()
    assert entry.actor is None and entry.additional_data["source"] == "command line"


def test_any_row_error_prints_row_and_column_exits_1_and_changes_nothing(tmp_path, capsys, yubei):
    good, other = codes(2)
    path = write(tmp_path, [[good, "甲公司", "渝北", None], [other, "乙公司", "渝北", "12345"]])
    with pytest.raises(CommandError) as failure:
        run(path)
    assert failure.value.returncode == 1
    assert "第4行 D列（联系人手机）：「12345」" in capsys.readouterr().err
    assert not Enterprise.objects.filter(uscc=good).exists()


def test_a_dry_run_reports_and_changes_nothing(tmp_path, capsys, yubei):
    code = codes(1)[0]
    run(write(tmp_path, [[code, "甲公司", "渝北", None]]), "--dry-run")
    assert "Dry run" in capsys.readouterr().out
    assert not Enterprise.objects.filter(uscc=code).exists()
    with pytest.raises(CommandError):
        run(write(tmp_path, [["123", "甲公司", "渝北", None]]), "--dry-run")


def test_unit_restricts_every_row_and_fills_rows_without_one(tmp_path, capsys, yubei):
    mine, theirs = codes(2)
    with pytest.raises(CommandError):
        run(
            write(tmp_path, [[mine, "甲公司", None, None], [theirs, "乙公司", "江北", None]]),
            "--unit",
            "500112",
        )
    assert "第4行 C列（管理单位）：「江北区」只能导入本单位（渝北区）的企业。" in capsys.readouterr().err
    run(write(tmp_path, [[mine, "甲公司", None, None]]), "--unit", "500112")
    assert Enterprise.objects.get(uscc=mine).managing_unit == yubei


def test_an_unknown_unit_or_a_non_xlsx_file_is_refused(tmp_path, reference_data):
    with pytest.raises(CommandError, match="No managing unit"):
        run(write(tmp_path, []), "--unit", "XX")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(CommandError, match=r"\.xlsx"):
        run(str(old))
    with pytest.raises(CommandError, match="not found"):
        run(str(tmp_path / "missing.xlsx"))
