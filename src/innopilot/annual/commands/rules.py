"""``innopilot annual rules load FILE`` / ``… load --bundled``: load a readiness ruleset."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from innopilot.annual.readiness.loader import RulesetLoad, ruleset_load, ruleset_load_bundled
from innopilot.annual.readiness.schema import RulesetFileError
from innopilot.common.errors import DomainError

HELP = "load a readiness ruleset (YAML); a loaded version is never changed; exit 1 on any error"


def add_arguments(parser) -> None:
    actions = parser.add_subparsers(dest="rules_action", required=True)
    load = actions.add_parser("load", help=HELP)
    source = load.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", help="the ruleset file (.yaml)")
    source.add_argument(
        "--bundled", action="store_true", help="load the ruleset shipped with Innopilot (data/annual/)"
    )


def run(command, options) -> None:
    try:
        load = ruleset_load_bundled() if options.get("bundled") else ruleset_load(path=options["file"])
    except RulesetFileError as error:
        for problem in error.problems:
            command.stderr.write(f"{error.source}: {problem}")
        raise CommandError(_("Nothing was loaded."), returncode=1) from None
    except DomainError as error:
        raise CommandError(f"{error.message}\n{_('Nothing was loaded.')}", returncode=1) from None
    command.stdout.write(describe(load, command.style))


def describe(load: RulesetLoad, style) -> str:
    names = {"name": load.ruleset.name, "urn": load.ruleset.urn, "version": load.ruleset.version}
    if not load.created:
        return (
            _(
                "%(name)s (%(urn)s, version %(version)s) is already loaded with the same content: "
                "nothing changed."
            )
            % names
        )
    return style.SUCCESS(
        _("Loaded %(name)s (%(urn)s, version %(version)s): %(checks)s checks.")
        % {**names, "checks": load.checks}
    )
