"""``innopilot annual catalogue load FILE`` / ``… load --bundled``: load indicator catalogues."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from innopilot.annual.catalogue.loader import CatalogueLoad, catalogue_load, catalogue_load_bundled
from innopilot.annual.catalogue.schema import CatalogueFileError
from innopilot.common.errors import DomainError

HELP = "indicator catalogues: 'load FILE' validates a catalogue file and loads it, all or nothing"


def add_arguments(parser) -> None:
    actions = parser.add_subparsers(dest="catalogue_action", required=True)
    load = actions.add_parser(
        "load", help="load a catalogue file (YAML); a loaded version is never changed; exit 1 on any error"
    )
    source = load.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", help="the catalogue file (.yaml)")
    source.add_argument(
        "--bundled", action="store_true", help="load every catalogue shipped with Innopilot (data/annual/)"
    )


def run(command, options) -> None:
    try:
        loads = catalogue_load_bundled() if options["bundled"] else [catalogue_load(path=options["file"])]
    except CatalogueFileError as error:
        for problem in error.problems:
            command.stderr.write(f"{error.source}: {problem}")
        raise CommandError(_("Nothing was loaded."), returncode=1) from None
    except DomainError as error:
        raise CommandError(f"{error.message}\n{_('Nothing was loaded.')}", returncode=1) from None
    for load in loads:
        command.stdout.write(_describe(command, load))


def _describe(command, load: CatalogueLoad) -> str:
    names = {"name": load.catalogue.name, "urn": load.catalogue.urn, "version": load.catalogue.version}
    if not load.created:
        return (
            _(
                "%(name)s (%(urn)s, version %(version)s) is already loaded with the same content: "
                "nothing changed."
            )
            % names
        )
    return command.style.SUCCESS(
        _("Loaded %(name)s (%(urn)s, version %(version)s): %(groups)s groups, %(indicators)s indicators.")
        % {**names, "groups": load.groups, "indicators": load.indicators}
    )
