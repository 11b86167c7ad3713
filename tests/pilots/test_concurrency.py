"""Two officials deciding the same nomination at the same moment, on PostgreSQL.

Each thread has its own database connection and transaction; a barrier releases both at once.
SQLite serialises writers for the whole database, so the race these tests guard against cannot
happen there.
"""

import threading

import pytest
from django.db import connection, connections

from innopilot.accounts.roles import Role
from innopilot.common.errors import DomainError
from innopilot.pilots.confirmation import decision_record
from innopilot.pilots.models import Decision, Nomination, PilotEnterprise
from tests.factories import UserFactory
from tests.pilots.confirmation_builders import nominate, open_campaign

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serialises writers: no concurrent decisions to race"
    ),
]


def decide_at_once(nomination, officials) -> list:
    """Run one approval per official in parallel threads; return each one's Decision or DomainError."""
    barrier = threading.Barrier(len(officials))
    outcomes: list = [None] * len(officials)

    def decide(index, official):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = decision_record(actor=official, nomination=nomination, verdict="approve")
        except DomainError as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(i, official)) for i, official in enumerate(officials)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.fixture
def nomination(reference_data, jiangbei):
    return nominate(open_campaign(), jiangbei)


@pytest.mark.parametrize("attempt", range(3))
def test_both_bureaus_approving_at_the_same_moment_both_count_and_confirm_once(nomination, attempt):
    officials = [UserFactory(role=Role.CITY_IP), UserFactory(role=Role.CITY_ECON)]
    outcomes = decide_at_once(nomination, officials)

    assert all(isinstance(outcome, Decision) for outcome in outcomes), outcomes
    assert sorted(Decision.objects.filter(nomination=nomination).values_list("bureau", flat=True)) == [
        "econ",
        "ip",
    ]
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.CONFIRMED
    assert PilotEnterprise.objects.filter(nomination=nomination).count() == 1


@pytest.mark.parametrize("attempt", range(3))
def test_two_officials_of_one_bureau_at_the_same_moment_record_one_decision(nomination, attempt):
    officials = [UserFactory(role=Role.CITY_IP), UserFactory(role=Role.CITY_IP)]
    outcomes = decide_at_once(nomination, officials)

    assert sum(isinstance(outcome, Decision) for outcome in outcomes) == 1, outcomes
    refused = [outcome for outcome in outcomes if isinstance(outcome, DomainError)]
    assert [error.message for error in refused] == ["该部门已对此企业作出决定"]
    assert Decision.objects.filter(nomination=nomination).count() == 1
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.NOMINATED
    assert not PilotEnterprise.objects.exists()
