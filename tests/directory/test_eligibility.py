"""The eligible pool: who is in it on a given day, and the words that say why."""

import datetime

import pytest
from django.utils import translation

from innopilot.directory.eligibility import assess, default_valid_to, eligible_filter
from innopilot.directory.models import Enterprise, QualificationType
from tests.factories import EnterpriseFactory, QualificationFactory

DAY = datetime.date(2023, 7, 1)


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def in_pool(enterprise) -> bool:
    return Enterprise.objects.filter(eligible_filter(DAY), pk=enterprise.pk).exists()


def test_a_valid_national_advantage_title_makes_an_enterprise_eligible_and_says_so(reference_data):
    title = QualificationFactory(recognized_year=2021)
    result = assess([title], DAY)
    assert result.eligible and in_pool(title.enterprise)
    assert result.reasons == ["国家知识产权优势企业（2021年认定，有效期至2024年）"]


def test_an_expired_title_leaves_the_enterprise_out_and_names_the_expiry(reference_data):
    title = QualificationFactory(recognized_year=2018, valid_to=datetime.date(2021, 12, 31))
    result = assess([title], DAY)
    assert not result.eligible and not in_pool(title.enterprise)
    assert result.reasons == ["国家知识产权优势企业（2018年认定）已于2021-12-31到期"]


def test_a_failed_review_leaves_the_enterprise_out_even_within_validity(reference_data):
    title = QualificationFactory(recognized_year=2021, review_result="failed")
    assert not assess([title], DAY).eligible and not in_pool(title.enterprise)
    assert "复核未通过" in assess([title], DAY).reasons[0]


def test_a_title_not_yet_in_force_does_not_count(reference_data):
    title = QualificationFactory(recognized_year=2023, valid_from=datetime.date(2023, 9, 1))
    assert not assess([title], DAY).eligible and not in_pool(title.enterprise)


def test_a_title_that_does_not_count_for_the_pilot_is_no_reason(reference_data):
    high_tech = QualificationType.objects.get(code="high_tech")
    title = QualificationFactory(type=high_tech, recognized_year=2022)
    result = assess([title], DAY)
    assert not result.eligible and not in_pool(title.enterprise)
    assert result.reasons == ["没有计入试点范围的有效资格"]


def test_an_enterprise_with_no_qualification_is_not_eligible(reference_data):
    enterprise = EnterpriseFactory()
    assert not assess([], DAY).eligible and not in_pool(enterprise)


def test_a_title_without_an_end_date_holds_until_told_otherwise(reference_data):
    title = QualificationFactory(recognized_year=2015, valid_to=None)
    assert assess([title], DAY).reasons == ["国家知识产权优势企业（2015年认定，无到期日）"]
    assert in_pool(title.enterprise)


def test_validity_defaults_to_the_end_of_the_review_year():
    assert default_valid_to(2021, 3) == datetime.date(2024, 12, 31)
    assert default_valid_to(2021, None) is None
