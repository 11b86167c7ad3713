"""Who may start, answer, read and return an assessment."""

import pytest

from innopilot.accounts import access
from innopilot.assessments.models import Assessment
from tests.factories import small_library


@pytest.fixture
def jiangbei_assessment(personas, jiangbei_enterprise):
    return Assessment.objects.create(enterprise=jiangbei_enterprise, year=2025, library=small_library())


def test_an_enterprise_answers_only_its_own_assessment_and_only_while_it_is_open(
    personas, jiangbei_assessment
):
    own, other = personas["other_enterprise_user"], personas["enterprise_user"]  # other = 江北's user
    assert access.can_edit_assessment(own, jiangbei_assessment)
    assert not access.can_edit_assessment(other, jiangbei_assessment)
    jiangbei_assessment.status = Assessment.Status.SUBMITTED
    assert not access.can_edit_assessment(own, jiangbei_assessment)


def test_only_the_managing_district_returns_a_submitted_assessment(personas, jiangbei_assessment):
    jiangbei_assessment.status = Assessment.Status.SUBMITTED
    assert access.can_return_assessment(personas["jiangbei_official"], jiangbei_assessment)
    for name in ("yubei_official", "city_ip", "other_enterprise_user", "admin"):
        assert not access.can_return_assessment(personas[name], jiangbei_assessment), name


def test_assessments_are_visible_within_each_users_scope(personas, jiangbei_assessment):
    visible = {name: access.assessments_visible_to(user).exists() for name, user in personas.items() if user}
    assert visible == {
        "city_ip": True,
        "city_econ": True,
        "yubei_official": False,
        "jiangbei_official": True,
        "enterprise_user": False,
        "other_enterprise_user": True,
        "evaluator": False,
        "admin": True,
    }
