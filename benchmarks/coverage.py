"""Time the coverage page and the planner: 41 units × 3 campaigns over 50,000 enterprises.

``.venv/bin/python -m benchmarks.coverage`` builds a fresh SQLite database in a temporary folder (or
uses BENCH_DATABASE_URL), loads the reference data, bulk-creates BENCH_COVERAGE_ENTERPRISES
enterprises with an eligible title (a seventh of them lapsed since), nominates and confirms about a quarter
of them in each of three campaigns, then times the pages as a city official (median of
BENCH_REPEAT) with their SQL query counts. The coverage page must render in under 300 ms.
"""

import datetime
import os
import statistics
import time

from benchmarks.database import fresh_django

ENTERPRISES = int(os.environ.get("BENCH_COVERAGE_ENTERPRISES", "50000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "7"))
BUDGET_MS = 300


def main() -> None:
    fresh_django("innopilot-bench-")
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from innopilot.accounts.models import User
    from innopilot.accounts.roles import Role
    from innopilot.directory.models import Enterprise, ManagingUnit, Qualification, QualificationType
    from innopilot.directory.reference import reference_load
    from innopilot.pilots.models import Campaign, Nomination, NominationList, PilotEnterprise
    from tests.factories import valid_uscc

    call_command("migrate", verbosity=0)
    reference_load()
    started = time.perf_counter()
    units = list(ManagingUnit.objects.filter(is_active=True).order_by("pk"))
    Enterprise.objects.bulk_create(
        [
            Enterprise(uscc=valid_uscc(unit.gbt2260 or "500000"), name=f"基准企业{i:06d}", managing_unit=unit)
            for i, unit in ((i, units[i % len(units)]) for i in range(ENTERPRISES))
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    enterprises = list(Enterprise.objects.order_by("pk").values_list("pk", "managing_unit_id"))
    title = QualificationType.objects.get(code="national_ip_advantage")
    Qualification.objects.bulk_create(
        [
            Qualification(
                enterprise_id=pk,
                type=title,
                recognized_year=2022,
                valid_to=datetime.date(2023, 12, 31) if i % 7 == 0 else None,  # a seventh lapsed
            )
            for i, (pk, _unit) in enumerate(enterprises)
        ],
        batch_size=2000,
    )
    campaigns = [
        Campaign.objects.create(year=year, nomination_deadline=datetime.date(year, 3, 20), status="closed")
        for year in (2023, 2024, 2025)
    ]
    lists = {
        (c.pk, u.pk): NominationList(campaign=c, managing_unit=u, status="submitted")
        for c in campaigns
        for u in units
    }
    NominationList.objects.bulk_create(lists.values())
    nominations = []
    for i, (pk, unit) in enumerate(enterprises):
        if i % 4 == 3:
            continue  # a quarter never nominated
        campaign = campaigns[i % 3]
        nominations.append(
            Nomination(
                nomination_list=lists[(campaign.pk, unit)],
                campaign=campaign,
                enterprise_id=pk,
                contact_name="联系人",
                contact_mobile="13800000000",
                status="confirmed" if i % 5 else "rejected",
            )
        )
    Nomination.objects.bulk_create(nominations, batch_size=2000)
    now = timezone.now()
    PilotEnterprise.objects.bulk_create(
        [
            PilotEnterprise(
                enterprise_id=n.enterprise_id, campaign=n.campaign, nomination=n, confirmed_at=now
            )
            for n in nominations
            if n.status == "confirmed"
        ],
        batch_size=2000,
    )
    city = User.objects.create(username="bench_city", role=Role.CITY_IP)
    with connection.cursor() as cursor:  # fresh statistics, as autovacuum / a daily ANALYZE keep them
        cursor.execute("ANALYZE")
    setup = time.perf_counter() - started

    print(
        f"Coverage benchmark ({connection.vendor}): {Enterprise.objects.count():,} enterprises, "
        f"{len(units)} units × {len(campaigns)} campaigns, {len(nominations):,} nominations, "
        f"{PilotEnterprise.objects.count():,} pilot enterprises (built in {setup:.1f} s)"
    )
    print(f"  {'page':32} {'median ms':>10} {'max ms':>8} {'queries':>8}")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(city, backend="django.contrib.auth.backends.ModelBackend")
    results = {}
    for label, url in [
        ("coverage, city", "/pilots/coverage/"),
        ("planner, city", "/pilots/coverage/planner/?final=2027"),
        ("coverage Excel export, city", "/pilots/coverage/export/"),
    ]:
        client.get(url)  # warm-up: templates, translations
        timings = []
        for _ in range(REPEAT):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        results[label] = statistics.median(timings)
        print(f"  {label:32} {results[label]:10.1f} {max(timings):8.1f} {len(queries):8d}")
    verdict = "within" if results["coverage, city"] < BUDGET_MS else "OVER"
    print(f"  coverage page {verdict} its {BUDGET_MS} ms budget")


if __name__ == "__main__":
    main()
