"""Test settings: the real settings module, started in development mode (no TLS redirect, no
secure-only cookies over the live server's plain HTTP). Production mode has its own tests, which
start the settings in a fresh process (tests/common/test_settings.py)."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("TASKS_BACKEND", "immediate")

from innopilot.settings import *  # noqa: F403

# Hashing is deliberately slow in production; tests create many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Uploaded files (work plans, also the demo's) go to a throw-away folder, never the project's var/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="innopilot-test-media-"))
