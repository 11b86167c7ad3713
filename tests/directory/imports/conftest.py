import pytest


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploaded files go to a temporary folder, never into the project's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
