from django.core.management.base import BaseCommand, CommandError

from innopilot.common.errors import DomainError
from innopilot.directory.reference import reference_load


class Command(BaseCommand):
    help = (
        "Load reference data: GB/T 4754 industries, the region's managing units and qualification types. "
        "All or nothing; running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--region",
            help="region folder name under data/reference/regions/ or a path to your own folder "
            "(default: the INNOPILOT_REGION setting)",
        )
        parser.add_argument(
            "--units", help="a units YAML file to use instead of the region folder's units.yaml"
        )

    def handle(self, *args, region=None, units=None, **options):
        try:
            report = reference_load(region=region, units_file=units)
        except DomainError as error:
            raise CommandError(f"{error.message}\nNothing was loaded.") from None
        for label in report.created:
            self.stdout.write(
                f"{label}: {report.created[label]} created, {report.updated.get(label, 0)} updated, "
                f"{report.deactivated.get(label, 0)} deactivated"
            )
        self.stdout.write(self.style.SUCCESS("Reference data is up to date."))
