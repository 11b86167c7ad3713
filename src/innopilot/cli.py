"""The ``innopilot`` command: Django's management commands plus Innopilot's own.

Hyphenated names are accepted for our commands (``innopilot load-reference`` runs
``load_reference``), so the documented spelling and Python's module names can both be used.
``innopilot worker`` is the background-task worker (django-tasks-db's ``db_worker``).
"""

import os
import sys

ALIASES = {"worker": "db_worker"}


def command_argv(argv: list[str]) -> list[str]:
    """The argument list Django expects: the command name with hyphens as underscores."""
    argv = list(argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = ALIASES.get(argv[1], argv[1].replace("-", "_"))
    return argv


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innopilot.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(command_argv(sys.argv if argv is None else argv))


if __name__ == "__main__":
    main()
