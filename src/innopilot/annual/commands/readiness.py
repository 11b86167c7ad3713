"""``innopilot annual readiness [--year Y]``: recompute the readiness results of the reports officials'
lists show (submitted, accepted, and under correction from their accepted version) with the latest
ruleset (after loading a new ruleset, or as qualifications change)."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from innopilot.annual.readiness.loader import latest_ruleset
from innopilot.annual.readiness.results import readiness_refresh

HELP = "recompute readiness results of submitted, accepted and corrected reports with the latest ruleset"


def add_arguments(parser) -> None:
    parser.add_argument("--year", type=int, help="only the reports of this data year")


def run(command, options) -> None:
    ruleset = latest_ruleset()
    if ruleset is None:
        message = _("No readiness ruleset is loaded: run “innopilot annual rules load --bundled”.")
        raise CommandError(message, returncode=1)
    count = readiness_refresh(year=options.get("year"))
    command.stdout.write(
        command.style.SUCCESS(
            _("Readiness results recomputed for %(count)s report(s) with %(name)s version %(version)s.")
            % {"count": count, "name": ruleset.name, "version": ruleset.version}
        )
    )
