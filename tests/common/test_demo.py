"""The demo data: reloading changes nothing, and every printed account signs in to its own home."""

import pytest
from django.urls import reverse

from innopilot.accounts.models import User
from innopilot.common.demo import DEMO_PASSWORD, demo_load
from innopilot.directory.models import Enterprise
from innopilot.directory.uscc import organization_code_warning, validate_uscc

pytestmark = pytest.mark.django_db


def test_loading_the_demo_twice_changes_nothing(reference_data):
    first = demo_load()
    counts = (Enterprise.objects.count(), User.objects.count())
    assert demo_load() == first
    assert (Enterprise.objects.count(), User.objects.count()) == counts


def test_demo_enterprises_have_valid_codes_in_every_unit(reference_data):
    demo_load()
    enterprises = list(Enterprise.objects.all())
    assert len({e.managing_unit_id for e in enterprises}) == 41
    for enterprise in enterprises:
        assert validate_uscc(enterprise.uscc) == enterprise.uscc
        assert organization_code_warning(enterprise.uscc) is None


def test_every_printed_demo_account_signs_in_and_sees_its_home(client, reference_data):
    for username in demo_load():
        response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        assert client.get(reverse("home")).status_code == 200, username
        client.logout()
