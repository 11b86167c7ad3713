"""The ``innopilot`` command runs Django's commands and ours, with hyphenated names."""

import pytest

from innopilot import cli
from innopilot.directory.models import ManagingUnit


@pytest.mark.django_db
def test_hyphenated_command_names_run_our_commands(capsys):
    cli.main(["innopilot", "load-reference"])
    assert "Reference data is up to date." in capsys.readouterr().out
    assert ManagingUnit.objects.count() == 41


def test_django_commands_run_unchanged(capsys):
    cli.main(["innopilot", "check"])
    assert "no issues" in capsys.readouterr().out
