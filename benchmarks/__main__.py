"""Time the heavy paths on a national-scale dataset: ``make bench``.

Builds a fresh SQLite database in a temporary folder (or uses BENCH_DATABASE_URL), loads the
reference data, adds ENTERPRISES enterprises and one account for every fifth, then times each page
as a signed-in official and reports its SQL query count.
"""

import os
import statistics
import time

from benchmarks.database import fresh_django

ENTERPRISES = int(os.environ.get("BENCH_ENTERPRISES", "20000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))


def main() -> None:
    fresh_django("innopilot-bench-")
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from innopilot.accounts.models import User
    from innopilot.accounts.roles import Role
    from innopilot.annual.catalogue.loader import catalogue_load_bundled
    from innopilot.common.demo import demo_load
    from innopilot.directory.models import (
        Enterprise,
        EnterpriseContact,
        ManagingUnit,
        Qualification,
        QualificationType,
    )
    from innopilot.directory.reference import reference_load
    from innopilot.standards.loader import standards_load_bundled
    from tests.factories import valid_uscc

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    reference_load()
    first_load = time.perf_counter() - started
    started = time.perf_counter()
    reference_load()
    second_load = time.perf_counter() - started
    standards_load_bundled()  # the demo's assessments are answered against the ISO 56005 library
    catalogue_load_bundled()  # the indicators of the annual reports
    demo_load()

    units = list(ManagingUnit.objects.all())
    Enterprise.objects.bulk_create(
        [
            Enterprise(uscc=valid_uscc(unit.gbt2260 or "500000"), name=f"基准企业{i:06d}", managing_unit=unit)
            for i, unit in ((i, units[i % len(units)]) for i in range(ENTERPRISES))
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    # Every enterprise has a contact; every third one a qualification, a third of those valid today.
    types = list(QualificationType.objects.order_by("pk"))
    # (the demo's own enterprises already have theirs)
    all_ids = list(
        Enterprise.objects.filter(name__startswith="基准企业").order_by("pk").values_list("pk", flat=True)
    )
    EnterpriseContact.objects.bulk_create(
        [EnterpriseContact(enterprise_id=pk, name="联系人", mobile="13800000000") for pk in all_ids],
        batch_size=2000,
    )
    Qualification.objects.bulk_create(
        [
            Qualification(enterprise_id=pk, type=types[i % len(types)], recognized_year=2020 + i % 6)
            for i, pk in enumerate(all_ids[::3])
        ],
        batch_size=2000,
    )
    enterprises = list(Enterprise.objects.order_by("pk")[: ENTERPRISES // 5])
    User.objects.bulk_create(
        [User(username=f"bench{e.pk}", role=Role.ENTERPRISE, enterprise=e) for e in enterprises],
        batch_size=2000,
    )

    city, district = User.objects.get(username="cq_ip"), User.objects.get(username="yubei_ip")
    district_enterprise = Enterprise.objects.filter(managing_unit=district.managing_unit).first()
    pages = [
        ("city home", city, "/"),
        ("unit list (41 units)", city, "/units/"),
        ("enterprise list, city", city, "/enterprises/"),
        ("enterprise search, city", city, "/enterprises/?q=基准企业0199"),
        ("user list, city", city, "/users/"),
        ("district home", district, "/"),
        ("enterprise list, district", district, "/enterprises/"),
        ("enterprise list, eligible, city", city, "/enterprises/?eligibility=yes&sort=-updated"),
        ("enterprise detail, district", district, f"/enterprises/{district_enterprise.uscc}/"),
        ("unit page with its pool, district", district, f"/units/{district.managing_unit.code}/"),
        ("Excel export of all, city", city, "/enterprises/export/"),
        ("API /api/enterprises", city, "/api/enterprises"),
    ]
    print(
        f"Innopilot benchmark: {Enterprise.objects.count():,} enterprises, {User.objects.count():,} accounts"
    )
    print(f"  load-reference, first run   {first_load * 1000:8.1f} ms")
    print(f"  load-reference, unchanged   {second_load * 1000:8.1f} ms")
    print(f"  {'page':32} {'median ms':>10} {'max ms':>8} {'queries':>8}")
    for label, user, url in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        timings = []
        for _ in range(REPEAT):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(f"  {label:32} {statistics.median(timings):10.1f} {max(timings):8.1f} {len(queries):8d}")


if __name__ == "__main__":
    main()
