from django.core.management.base import BaseCommand
from django.utils import translation

from innopilot.common.demo import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Load demo enterprises and one account per role (idempotent) and print the logins."

    def handle(self, *args, **options):
        with translation.override("zh-hans"):
            logins = demo_load()
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD}):"))
        width = max(len(name) for name in logins)
        for username, description in logins.items():
            self.stdout.write(f"  {username.ljust(width)}  {description}")
