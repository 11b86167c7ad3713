"""``innopilot standards load FILE`` / ``innopilot standards load --bundled``: load standard libraries."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from innopilot.common.errors import DomainError
from innopilot.standards.loader import LibraryLoad, standards_load, standards_load_bundled
from innopilot.standards.schema import LibraryFileError


class Command(BaseCommand):
    help = "Standard libraries. 'load FILE' validates a library file and loads it, all or nothing."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser(
            "load", help="load a library file (YAML); a loaded version is never changed; exit 1 on any error"
        )
        source = load.add_mutually_exclusive_group(required=True)
        source.add_argument("file", nargs="?", help="the library file (.yaml)")
        source.add_argument(
            "--bundled",
            action="store_true",
            help="load every library shipped with Innopilot (data/standards/)",
        )

    def handle(self, *args, action, file=None, bundled=False, **options):
        try:
            loads = standards_load_bundled() if bundled else [standards_load(path=file)]
        except LibraryFileError as error:
            for problem in error.problems:
                self.stderr.write(f"{error.source}: {problem}")
            raise CommandError(_("Nothing was loaded."), returncode=1) from None
        except DomainError as error:
            raise CommandError(f"{error.message}\n{_('Nothing was loaded.')}", returncode=1) from None
        for load in loads:
            self.stdout.write(self._describe(load))

    def _describe(self, load: LibraryLoad) -> str:
        names = {"name": load.library.name, "urn": load.library.urn, "version": load.library.version}
        if not load.created:
            return (
                _(
                    "%(name)s (%(urn)s, version %(version)s) is already loaded with the same content: "
                    "nothing changed."
                )
                % names
            )
        return self.style.SUCCESS(
            _("Loaded %(name)s (%(urn)s, version %(version)s): %(clauses)s clauses, %(questions)s questions.")
            % {**names, "clauses": load.clauses, "questions": load.questions}
        )
