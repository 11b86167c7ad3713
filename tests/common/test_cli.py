"""The ``innopilot`` command runs Django's commands and ours, with hyphenated names."""

import subprocess
import sys

from innopilot.cli import command_argv


def test_hyphenated_command_names_become_django_command_names():
    assert command_argv(["innopilot", "load-reference", "--units", "my-units.yaml"]) == [
        "innopilot",
        "load_reference",
        "--units",
        "my-units.yaml",
    ]
    assert command_argv(["innopilot", "--help"]) == ["innopilot", "--help"]


def test_the_console_script_runs_our_commands_by_their_documented_names():
    result = subprocess.run(
        [sys.executable, "-m", "innopilot.cli", "load-reference", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        env={"DEBUG": "true", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "--region" in result.stdout and "--units" in result.stdout


def test_worker_is_the_database_task_worker():
    assert command_argv(["innopilot", "worker", "--batch"]) == ["innopilot", "db_worker", "--batch"]
