"""The migrations describe the models exactly, whatever the process's string-hash seed."""

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize("hash_seed", ["1", "2", "3"])
def test_the_models_need_no_new_migration(hash_seed):
    result = subprocess.run(
        [sys.executable, "-m", "innopilot.cli", "makemigrations", "--check", "--dry-run"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DEBUG": "true", "PYTHONHASHSEED": hash_seed, "DATABASE_URL": "sqlite://"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
