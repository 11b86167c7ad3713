"""Personas and helpers shared by every test.

Personas: two city officials, an official of 渝北区 and one of 江北区, a user of an enterprise in
渝北区 and one of an enterprise in 江北区, an evaluator, a platform administrator and the anonymous
visitor. Objects "in 江北区" let each test assert both "allowed" (江北) and "refused" (渝北).
"""

import os

import pytest

from innopilot.accounts.roles import Role
from innopilot.annual.catalogue.loader import catalogue_load_bundled
from innopilot.annual.models import IndicatorCatalogue
from innopilot.annual.readiness.loader import ruleset_load_bundled
from innopilot.directory.models import ManagingUnit
from innopilot.directory.reference import reference_load
from innopilot.standards.loader import standards_load_bundled
from innopilot.standards.models import StandardLibrary
from tests.factories import EnterpriseFactory, InstitutionFactory, UserFactory, valid_uscc

# Sync Playwright runs an event loop in the test thread; Django's ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

YUBEI, JIANGBEI = "500112", "500105"
PASSWORD = "Correct-Horse-9"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data, the bundled standard libraries, indicator catalogues and readiness rules
    once into the test database; each test's transaction keeps them."""
    with django_db_blocker.unblock():
        reference_load()
        standards_load_bundled()
        catalogue_load_bundled()
        ruleset_load_bundled()


@pytest.fixture
def reference_data(db):
    # Tests that flush the database (the live-server ones) need it loaded again.
    if not ManagingUnit.objects.exists():
        reference_load()
    if not StandardLibrary.objects.exists():
        standards_load_bundled()
        ruleset_load_bundled()
    if not IndicatorCatalogue.objects.exists():
        catalogue_load_bundled()


@pytest.fixture
def yubei(reference_data):
    return ManagingUnit.objects.get(code=YUBEI)


@pytest.fixture
def jiangbei(reference_data):
    return ManagingUnit.objects.get(code=JIANGBEI)


@pytest.fixture
def yubei_enterprise(yubei):
    return EnterpriseFactory(managing_unit=yubei, uscc=valid_uscc(YUBEI), name="重庆渝北示例科技有限公司")


@pytest.fixture
def jiangbei_enterprise(jiangbei):
    return EnterpriseFactory(
        managing_unit=jiangbei, uscc=valid_uscc(JIANGBEI), name="重庆江北示例制造有限公司"
    )


@pytest.fixture
def institution(db):
    return InstitutionFactory(name="重庆示例评价中心")


@pytest.fixture
def personas(reference_data, yubei, jiangbei, yubei_enterprise, jiangbei_enterprise, institution):
    """Every persona by name; ``anonymous`` is None."""
    return {
        "anonymous": None,
        "city_ip": UserFactory(username="city_ip", full_name="张敏", role=Role.CITY_IP),
        "city_econ": UserFactory(username="city_econ", full_name="李强", role=Role.CITY_ECON),
        "yubei_official": UserFactory(
            username="yubei_ip", full_name="王芳", role=Role.DISTRICT_IP, managing_unit=yubei
        ),
        "jiangbei_official": UserFactory(
            username="jiangbei_ip", full_name="陈静", role=Role.DISTRICT_IP, managing_unit=jiangbei
        ),
        "enterprise_user": UserFactory(
            username="ent_yubei", full_name="孙伟", role=Role.ENTERPRISE, enterprise=yubei_enterprise
        ),
        "other_enterprise_user": UserFactory(
            username="ent_jiangbei", full_name="周杰", role=Role.ENTERPRISE, enterprise=jiangbei_enterprise
        ),
        "evaluator": UserFactory(
            username="evaluator", full_name="吴婷", role=Role.EVALUATOR, institution=institution
        ),
        "admin": UserFactory(
            username="platform_admin",
            full_name="平台管理员",
            role=Role.ADMIN,
            is_staff=True,
            is_superuser=True,
        ),
    }


def login(client, user):
    """Sign a test client in as ``user`` (through Django's model backend, as a real login would)."""
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def client_as(client):
    return lambda user: login(client, user)
