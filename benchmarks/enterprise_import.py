"""Time the Excel import of a large enterprise list: ``.venv/bin/python -m benchmarks.enterprise_import``.

Builds a fresh SQLite database in a temporary folder (or uses BENCH_DATABASE_URL), loads the
reference data, writes a workbook of BENCH_IMPORT_ROWS generated enterprises (every column filled,
one contact and one qualification each), then times checking and committing it as the city would,
and again for a second file with the same enterprises and changed values (every row an update).
Reports seconds per phase and the peak resident memory of the process.
"""

import os
import random
import resource
import sys
import time

from benchmarks.database import fresh_django

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "50000"))


def peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


def write_file(path: str, codes: list[str], units: list[str], types: list[str], *, revision: int) -> None:
    from openpyxl import Workbook

    from innopilot.directory.imports.columns import COLUMNS

    rng = random.Random(revision)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("企业名单")
    sheet.append(["2026年企业摸底表"])
    sheet.append([column.header for column in COLUMNS])
    for index, code in enumerate(codes):
        values = {
            "uscc": code,
            "name": f"重庆基准企业{index:06d}有限公司",
            "unit": units[index % len(units)],
            "district_code": "500112",
            "industry": f"{13 + index % 30:02d}",
            "size_class": ("大型", "中型", "小型", "微型")[index % 4],
            "established_on": f"20{index % 20:02d}-{1 + index % 12}-{1 + index % 28}",
            "address": f"重庆市某区某路{index}号",
            "willingness": ("愿意", "不愿意", "未表态")[(index + revision) % 3],
            "has_ip_department": "是" if index % 2 else "否",
            "ip_staff_full_time": rng.randint(0, 5),
            "valid_invention_patents": rng.randint(0, 200) + revision,
            "rd_expense_last_year": f"{rng.randint(0, 99999) / 100:.2f}",
            "gbt29490_certified": "否" if index % 3 else "是",
            "survey_notes": f"摸底第{revision}轮",
            "contact_name": f"联系人{index % 1000}",
            "contact_position": "知识产权专员" if revision == 1 else "知识产权部经理",
            "contact_mobile": f"139{index:08d}",
            "contact_email": f"ip{index}@example.cn",
            "qual_type": types[index % len(types)],
            "qual_year": 2019 + index % 6,
            "qual_batch": f"第{1 + index % 3}批",
            "qual_document_number": f"渝知发〔{2019 + index % 6}〕{index % 100}号",
        }
        sheet.append([values.get(column.key) for column in COLUMNS])
    book.save(path)


def main() -> None:
    folder = fresh_django("innopilot-bench-import-")
    from django.core.management import call_command

    from innopilot.directory.imports.services import file_check, plan_write
    from innopilot.directory.models import Enterprise, ManagingUnit, QualificationType
    from innopilot.directory.reference import reference_load
    from tests.factories import valid_uscc

    call_command("migrate", verbosity=0)
    reference_load()
    units = list(ManagingUnit.objects.all())
    unit_names = [unit.name_zh for unit in units]
    types = list(QualificationType.objects.values_list("name_zh", flat=True))
    codes = [valid_uscc(units[i % len(units)].gbt2260 or "500000") for i in range(ROWS)]
    codes = list(dict.fromkeys(codes))  # the generator may repeat a code once in a blue moon

    print(f"Innopilot import benchmark: {len(codes):,} rows, one contact and one qualification each")
    for revision, label in ((1, "first import (creates)"), (2, "second file (updates)")):
        path = f"{folder}/list-{revision}.xlsx"
        started = time.perf_counter()
        write_file(path, codes, unit_names, types, revision=revision)
        generated = time.perf_counter() - started
        started = time.perf_counter()
        plan = file_check(source=path, unit=None)
        checked = time.perf_counter() - started
        assert not plan.errors, plan.errors[:5]
        started = time.perf_counter()
        plan_write(plan=plan, actor=None, audit={"source": "benchmark"})
        committed = time.perf_counter() - started
        counts = plan.summary()["enterprise"]
        print(
            f"  {label:26} generate {generated:5.1f} s  parse+check {checked:5.1f} s"
            f"  commit {committed:5.1f} s"
            f"  import total {checked + committed:5.1f} s  created {counts['created']:,} "
            f"updated {counts['updated']:,} unchanged {counts['unchanged']:,}"
        )
    started = time.perf_counter()
    plan = file_check(source=f"{folder}/list-2.xlsx", unit=None)
    print(
        f"  {'same file again (no-op)':26} parse+check {time.perf_counter() - started:6.1f} s   "
        f"unchanged {plan.summary()['enterprise']['unchanged']:,}"
    )
    print(f"  enterprises in the database: {Enterprise.objects.count():,}")
    print(f"  peak memory (max RSS): {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
