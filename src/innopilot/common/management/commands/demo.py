import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Set up the database with reference and demo data, print the demo logins and serve on port 8000."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-serve", action="store_true", help="prepare the data but do not start the server"
        )
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args, no_serve=False, addrport="127.0.0.1:8000", **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_reference")
        call_command("standards", "load", "--bundled")  # the ISO 56005 library: standards_load_bundled()
        call_command("annual", "catalogue", "load", "--bundled")  # indicators: catalogue_load_bundled()
        call_command("annual", "rules", "load", "--bundled")  # the readiness rules: ruleset_load_bundled()
        call_command("load_demo")
        if no_serve:
            return
        # Imports and exports of large files run in the background: the demo starts its own worker.
        worker = subprocess.Popen(
            [sys.executable, "-m", "innopilot.cli", "worker", "--no-reload", "--no-startup-delay"]
        )
        try:
            self.stdout.write(f"Innopilot runs on http://{addrport}/ (Ctrl+C stops it)")
            call_command("runserver", addrport, use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)
