"""Subcommands of ``innopilot annual``: one module each, with ``HELP``, ``add_arguments(parser)`` and
``run(command, options)`` (``command`` is the BaseCommand, for its stdout, stderr and style)."""

SUBCOMMANDS = {
    "catalogue": "innopilot.annual.commands.catalogue",  # load an indicator catalogue
    "rules": "innopilot.annual.commands.rules",  # load a readiness ruleset
    "import": "innopilot.annual.commands.imports",  # import annual data from Excel
    "peers": "innopilot.annual.commands.peers",  # recompute the industry peer bands
    "readiness": "innopilot.annual.commands.readiness",  # recompute readiness results
}
