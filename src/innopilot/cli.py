"""The ``innopilot`` command: Django's management commands plus Innopilot's own.

Hyphenated names are accepted for our commands (``innopilot load-reference`` runs
``load_reference``), so the documented spelling and Python's module names can both be used.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innopilot.settings")
    if len(argv) > 1 and "-" in argv[1] and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
