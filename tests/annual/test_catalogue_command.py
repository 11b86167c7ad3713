"""``innopilot annual catalogue load FILE | --bundled``: what it says and its exit codes."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from innopilot.annual.catalogue import loader
from innopilot.annual.models import IndicatorCatalogue

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "catalogue-sample-v1.yaml"
URN = "urn:innopilot:annual:sample"


@translation.override("en")
def test_the_command_loads_a_file_then_says_nothing_changed(capsys):
    call_command("annual", "catalogue", "load", str(SAMPLE))
    call_command("annual", "catalogue", "load", str(SAMPLE))
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"Loaded Sample indicator catalogue ({URN}, version 1): 2 groups, 7 indicators.",
        f"Sample indicator catalogue ({URN}, version 1) is already loaded with the same content: "
        "nothing changed.",
    ]
    assert IndicatorCatalogue.objects.filter(urn=URN).count() == 1


def test_the_command_exits_1_naming_every_problem_by_line_and_loads_nothing(tmp_path, capsys):
    text = SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "bad.yaml"
    path.write_text(text.replace("op: le, right: [employees]", "op: le, right: [staff]"), encoding="utf-8")
    with translation.override("zh-hans"), pytest.raises(CommandError) as caught:
        call_command("annual", "catalogue", "load", str(path))
    assert caught.value.returncode == 1 and str(caught.value) == "未载入任何内容。"
    line = text[: text.index("right: [employees]")].count("\n") + 1
    assert capsys.readouterr().err.startswith(f"{path}: 第{line}行第")
    assert not IndicatorCatalogue.objects.filter(urn=URN).exists()


def test_the_command_exits_1_on_a_missing_file_and_on_changed_content_under_a_loaded_version(tmp_path):
    with pytest.raises(CommandError) as caught:
        call_command("annual", "catalogue", "load", str(tmp_path / "none.yaml"))
    assert caught.value.returncode == 1
    call_command("annual", "catalogue", "load", str(SAMPLE))
    changed = tmp_path / "changed.yaml"
    changed.write_text(
        SAMPLE.read_text(encoding="utf-8").replace("示例指标目录", "另一个目录"), encoding="utf-8"
    )
    with translation.override("zh-hans"), pytest.raises(CommandError) as caught:
        call_command("annual", "catalogue", "load", str(changed))
    assert caught.value.returncode == 1 and "请提高版本号" in str(caught.value)


@translation.override("en")
def test_bundled_loads_every_shipped_catalogue_and_a_second_run_changes_nothing(
    tmp_path, monkeypatch, capsys
):
    (tmp_path / "indicators-v1.yaml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "indicators-v2.yaml").write_text(
        SAMPLE.read_text(encoding="utf-8").replace("version: 1", "version: 2"), encoding="utf-8"
    )
    monkeypatch.setattr(loader, "BUNDLED_DIR", tmp_path)
    call_command("annual", "catalogue", "load", "--bundled")
    call_command("annual", "catalogue", "load", "--bundled")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"Loaded Sample indicator catalogue ({URN}, version 1): ")
    assert out[1].startswith(f"Loaded Sample indicator catalogue ({URN}, version 2): ")
    assert all("nothing changed" in line for line in out[2:]) and len(out) == 4


def test_a_file_or_bundled_is_needed_but_not_both():
    with pytest.raises(CommandError):
        call_command("annual", "catalogue", "load")
    with pytest.raises(CommandError):
        call_command("annual", "catalogue", "load", str(SAMPLE), "--bundled")
