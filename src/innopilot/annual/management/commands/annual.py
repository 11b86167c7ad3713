"""``innopilot annual SUBCOMMAND …``: the annual data's command line (``innopilot annual --help``)."""

from importlib import import_module

from django.core.management.base import BaseCommand

from innopilot.annual.commands import SUBCOMMANDS


class Command(BaseCommand):
    help = "Annual data: load catalogues and readiness rules, import reports, refresh derived tables."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        for name, module_path in SUBCOMMANDS.items():
            module = import_module(module_path)
            module.add_arguments(actions.add_parser(name, help=module.HELP))

    def handle(self, *args, action, **options):
        import_module(SUBCOMMANDS[action]).run(self, options)
