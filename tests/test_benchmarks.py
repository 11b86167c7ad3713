"""The benchmark scripts still run (at a toy size): `make bench` is not part of CI, so this is."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = {
    "benchmarks": {"BENCH_ENTERPRISES": "40", "BENCH_REPEAT": "1"},
    "benchmarks.enterprise_import": {"BENCH_IMPORT_ROWS": "40"},
    "benchmarks.assessment_report": {"BENCH_QUESTIONS": "20", "BENCH_REPEAT": "1"},
    "benchmarks.scoring": {"BENCH_SCORING_RUNS": "20"},
    "benchmarks.coverage": {"BENCH_COVERAGE_ENTERPRISES": "200", "BENCH_REPEAT": "1"},
    "benchmarks.annual_overview": {
        "BENCH_OVERVIEW_REPORTS": "200",
        "BENCH_OVERVIEW_INDICATORS": "20",
        "BENCH_REPEAT": "1",
    },
}


@pytest.mark.parametrize("module", SCRIPTS)
def test_the_benchmark_runs_to_its_report(module):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}  # its own SQLite
    env.update(SCRIPTS[module], DEBUG="true")
    result = subprocess.run(
        [sys.executable, "-m", module],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    assert "ms" in result.stdout or " s " in result.stdout
