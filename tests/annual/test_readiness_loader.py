"""Loading a readiness ruleset: all or nothing, read-only once loaded, versions side by side, audited;
``innopilot annual rules load``."""

import io
from importlib import import_module

import pytest
from auditlog.models import LogEntry
from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from django.utils import translation

from innopilot.annual.models import ReadinessRuleset
from innopilot.annual.readiness.loader import BUNDLED, URN, latest_ruleset, ruleset_load, ruleset_load_bundled
from innopilot.annual.readiness.schema import RulesetFileError
from innopilot.common.errors import DomainError

pytestmark = pytest.mark.django_db


def bundled_text() -> str:
    return BUNDLED.read_text(encoding="utf-8")


def write(tmp_path, text: str, name: str = "rules.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bundled_ruleset_is_loaded_with_the_reference_data():
    ruleset = latest_ruleset()
    assert (ruleset.urn, ruleset.version, ruleset.source_name) == (URN, 1, "readiness-v1.yaml")
    assert [check["code"] for check in ruleset.content["checks"]][:2] == ["is_sme", "innovative_sme_score"]
    assert ruleset.name_zh == "年度数据达标参考规则"


def test_the_stored_content_keeps_the_files_words():
    content = latest_ruleset().content
    basic = next(check for check in content["checks"] if check["code"] == "zjtx_basic")
    assert basic["groups"][2]["require"] == "any"
    giant = next(check for check in content["checks"] if check["code"] == "little_giant")
    assert "in" in giant["groups"][5]["rules"][0]  # aliases as written, not field names


def test_loading_the_same_content_again_changes_nothing():
    before = ReadinessRuleset.objects.count()
    load = ruleset_load_bundled()
    assert not load.created and ReadinessRuleset.objects.count() == before


def test_different_content_under_a_loaded_version_is_refused(tmp_path):
    path = write(tmp_path, bundled_text().replace("pass_total: 60", "pass_total: 65", 1))
    with translation.override("en"), pytest.raises(DomainError) as caught:
        ruleset_load(path=path)
    assert "already loaded with different content" in caught.value.message
    assert ReadinessRuleset.objects.filter(urn=URN).count() == 1


def test_a_higher_version_loads_beside_the_old_and_becomes_the_latest(tmp_path):
    path = write(tmp_path, bundled_text().replace("version: 1\n", "version: 2\n", 1))
    load = ruleset_load(path=path)
    assert load.created and load.checks == 6
    assert sorted(ReadinessRuleset.objects.filter(urn=URN).values_list("version", flat=True)) == [1, 2]
    assert latest_ruleset() == load.ruleset
    older = write(tmp_path, bundled_text().replace("pass_total: 60", "pass_total: 65", 1), "older.yaml")
    with translation.override("en"), pytest.raises(DomainError) as caught:
        ruleset_load(path=older)
    assert "already loaded with different content" in caught.value.message


def test_a_version_older_than_the_loaded_one_is_refused(tmp_path):
    ruleset_load(path=write(tmp_path, bundled_text().replace("version: 1\n", "version: 3\n", 1), "v3.yaml"))
    with translation.override("en"), pytest.raises(DomainError) as caught:
        ruleset_load(path=write(tmp_path, bundled_text().replace("version: 1\n", "version: 2\n", 1)))
    assert "older than the loaded version 3" in caught.value.message


def test_a_file_with_a_mistake_loads_nothing(tmp_path):
    path = write(
        tmp_path,
        bundled_text()
        .replace("version: 1\n", "version: 2\n", 1)
        .replace("at_least: 1000", "at_lest: 1000", 1),
    )
    with pytest.raises(RulesetFileError):
        ruleset_load(path=path)
    assert ReadinessRuleset.objects.filter(urn=URN).count() == 1


def test_an_unknown_qualification_type_is_refused(tmp_path):
    text = (
        bundled_text()
        .replace("version: 1\n", "version: 2\n", 1)
        .replace("[cq_ip_advantage]", "[cq_ip_star]", 1)
    )
    with translation.override("en"), pytest.raises(RulesetFileError) as caught:
        ruleset_load(path=write(tmp_path, text))
    [problem] = caught.value.problems
    assert (problem.line, problem.message) == (
        text[: text.index("[cq_ip_star]")].count("\n") + 1,
        "unknown qualification type “cq_ip_star”",
    )


def test_a_missing_file_is_refused(tmp_path):
    with translation.override("en"), pytest.raises(DomainError) as caught:
        ruleset_load(path=tmp_path / "nothing.yaml")
    assert "file not found" in caught.value.message


def test_a_load_is_in_the_audit_trail_with_its_actor(tmp_path, personas):
    admin = personas["admin"]
    load = ruleset_load(
        path=write(tmp_path, bundled_text().replace("version: 1\n", "version: 2\n", 1)), actor=admin
    )
    entry = LogEntry.objects.get_for_object(load.ruleset).get(action=LogEntry.Action.CREATE)
    assert entry.actor == admin


def _command() -> BaseCommand:
    command = BaseCommand()
    command.stdout, command.stderr = OutputWrapper(io.StringIO()), OutputWrapper(io.StringIO())
    return command


def test_the_rules_command_loads_a_file_and_says_so(tmp_path):
    rules = import_module("innopilot.annual.commands.rules")
    command = _command()
    with translation.override("en"):
        rules.run(
            command, {"file": str(write(tmp_path, bundled_text().replace("version: 1\n", "version: 2\n", 1)))}
        )
    assert "version 2): 6 checks" in command.stdout._out.getvalue()
    command = _command()
    with translation.override("en"):
        rules.run(command, {"bundled": True, "file": None})
    assert "nothing changed" in command.stdout._out.getvalue()


def test_the_rules_command_lists_each_problem_and_exits_1(tmp_path):
    rules = import_module("innopilot.annual.commands.rules")
    command = _command()
    text = (
        bundled_text()
        .replace("version: 1\n", "version: 2\n", 1)
        .replace("at_least: 1000", "at_lest: 1000", 1)
    )
    with translation.override("en"), pytest.raises(CommandError) as caught:
        rules.run(command, {"file": str(write(tmp_path, text))})
    assert caught.value.returncode == 1 and "Nothing was loaded" in str(caught.value)
    assert "unknown field “at_lest”" in command.stderr._out.getvalue()
