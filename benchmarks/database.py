"""The start every benchmark shares: a fresh SQLite database in a temporary folder (or
BENCH_DATABASE_URL), the real settings in development mode, Django set up."""

import os
import tempfile


def fresh_django(prefix: str) -> str:
    """Returns the temporary folder, for any files the benchmark writes."""
    folder = tempfile.mkdtemp(prefix=prefix)
    os.environ.setdefault(
        "DATABASE_URL", os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innopilot.settings")
    os.environ["DEBUG"] = "true"

    import django

    django.setup()
    return folder
