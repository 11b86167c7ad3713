import pytest

from innopilot.annual.models import IndicatorCatalogue


@pytest.fixture
def no_catalogues(db):
    """The session database holds the bundled catalogue; some tests need a platform without any."""
    IndicatorCatalogue.objects.all().delete()
