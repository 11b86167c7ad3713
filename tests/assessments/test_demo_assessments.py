"""The demo assessments: a third of the eligible pool, two years for some, spread over the levels,
the demo user's company with both years submitted, and every row scored, hashed and audited."""

import hashlib

import pytest
from auditlog.models import LogEntry
from django.db.models import Count, Q
from django.utils import timezone

from innopilot.accounts.models import User
from innopilot.assessments.models import Answer, Assessment, ClauseScore, Evidence, Submission
from innopilot.assessments.results import assessment_results
from innopilot.assessments.scores import assessment_score
from innopilot.assessments.services import canonical_json
from innopilot.common.demo import demo_load
from innopilot.directory.eligibility import eligible_filter
from innopilot.directory.models import Enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(reference_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_load(annual_data=False)


def test_about_a_third_of_the_eligible_pool_has_assessed_itself_over_two_years(demo):
    today = timezone.localdate()
    pool = Enterprise.objects.filter(eligible_filter(today)).distinct()
    assessed = Enterprise.objects.filter(assessments__isnull=False).distinct()
    assert set(assessed) <= set(pool)
    assert 0.25 <= assessed.count() / pool.count() <= 0.42
    assert set(Assessment.objects.values_list("status", flat=True)) == {"submitted", "returned", "draft"}
    years = set(Assessment.objects.values_list("year", flat=True))
    assert years == {today.year - 2, today.year - 1, today.year}
    submitted = Q(assessments__status__in=["submitted", "returned"])
    twice = Enterprise.objects.annotate(n=Count("assessments", filter=submitted)).filter(n=2)
    assert twice.count() >= 10
    assert Assessment.objects.filter(status="returned").count() == 1
    assert 2 <= Assessment.objects.filter(status="draft").count() <= 4


def test_scores_spread_over_the_levels_and_match_the_engine(demo):
    levels = set(Assessment.objects.exclude(level=None).values_list("level", flat=True))
    assert {1, 2, 3, 4} <= levels
    for assessment in Assessment.objects.exclude(status="draft").select_related("library")[:10]:
        result = assessment_score(assessment)
        assert float(assessment.score) == pytest.approx(result.overall, abs=0.01)
        assert assessment.level == result.level
        stored = dict(ClauseScore.objects.filter(assessment=assessment).values_list("clause__code", "score"))
        assert {code: float(v) for code, v in stored.items()} == pytest.approx(
            {code: v for code, v in result.clauses.items() if v is not None}, abs=0.01
        )
        submission = assessment.submissions.get()
        assert submission.content_hash == hashlib.sha256(canonical_json(submission.snapshot)).hexdigest()


def test_the_demo_users_company_has_both_years_submitted_and_has_improved(demo):
    enterprise = User.objects.get(username="ent_demo").enterprise
    year = timezone.localdate().year
    assessments = {a.year: a for a in enterprise.assessments.all()}
    assert set(assessments) == {year - 2, year - 1}
    assert {a.status for a in assessments.values()} == {"submitted"}
    results = assessment_results(assessments[year - 1])
    assert results.previous == assessments[year - 2] and results.overall.direction == "up"
    assert results.weakest and Evidence.objects.filter(answer__assessment=assessments[year - 1]).count() == 3


def test_loading_the_demo_again_adds_no_assessment_and_every_row_is_audited(demo):
    counts = [model.objects.count() for model in (Assessment, Answer, Submission, ClauseScore, Evidence)]
    demo_load(annual_data=False)
    assert [
        model.objects.count() for model in (Assessment, Answer, Submission, ClauseScore, Evidence)
    ] == counts
    for model in (Assessment, Answer, Submission, Evidence):
        logged = LogEntry.objects.get_for_model(model).filter(action=LogEntry.Action.CREATE)
        assert logged.count() == model.objects.count(), model.__name__
