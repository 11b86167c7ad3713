"""``innopilot annual peers [--year Y]``: recompute the industry peer bands (5th–95th percentile per
GB/T 4754 division, indicator and year) from the submitted and accepted reports. Submissions already
queue this for their year; run it after loading data in bulk or changing a catalogue's parameters."""

from innopilot.annual.plausibility import peers_refresh

HELP = "Recompute the industry peer bands that plausibility warnings compare values with."


def add_arguments(parser) -> None:
    parser.add_argument(
        "--year", type=int, help="Only this data year (default: every year with submitted reports)."
    )


def run(command, options) -> None:
    count = peers_refresh(options.get("year"))
    command.stdout.write(command.style.SUCCESS(f"{count} peer bands computed."))
