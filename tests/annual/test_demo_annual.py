"""The demo annual data: two years for the pilot enterprises, warnings explained where submitted, one
report returned with a comment, the demo user's draft with a warning to answer; hashed and audited."""

import hashlib

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from innopilot.annual.models import (
    AnnualReport,
    PlausibilityWarning,
    ReadinessResult,
    ReportingYear,
    ReportSubmission,
)
from innopilot.annual.spec import catalogue_spec
from innopilot.annual.values import blocking_problems, values_of
from innopilot.assessments.services import canonical_json
from innopilot.common.audit import DEMO_SOURCE
from innopilot.common.demo import demo_load
from innopilot.directory.models import Enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(reference_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_load()


# Loading the demo takes seconds: each test checks several things of one load.


def test_every_pilot_reported_the_closed_year_and_last_year_shows_every_state_once(demo):
    today = timezone.localdate()
    closed, open_ = today.year - 2, today.year - 1
    assert dict(ReportingYear.objects.values_list("year", "status")) == {closed: "closed", open_: "open"}
    pilots = Enterprise.objects.filter(pilot__isnull=False)
    assert AnnualReport.objects.filter(year=closed, status="accepted").count() == pilots.count()
    statuses = set(AnnualReport.objects.filter(year=open_).values_list("status", flat=True))
    assert statuses == {"accepted", "submitted", "returned", "draft"}
    assert AnnualReport.objects.filter(year=open_).count() < pilots.count()  # some have not started
    assert AnnualReport.objects.filter(is_late=True).exists()

    returned = AnnualReport.objects.get(status="returned")
    assert returned.enterprise.managing_unit.code == "500112"
    assert returned.submissions.get().comment

    own = AnnualReport.objects.get(enterprise__users__username="ent_demo", year=open_)
    assert own.status == "draft"
    assert own.warnings.filter(explanation="", confirmed=False).exists()

    count = AnnualReport.objects.count()
    demo_load()
    assert AnnualReport.objects.count() == count  # loading again adds nothing


def test_submitted_reports_are_complete_explained_hashed_audited_and_have_readiness_results(demo):
    settled = AnnualReport.objects.exclude(status="draft").select_related("catalogue")
    for report in settled[:40]:
        spec = catalogue_spec(report.catalogue)
        assert blocking_problems(spec, values_of(report, spec)) == []
    assert not PlausibilityWarning.objects.exclude(report__status="draft").filter(explanation="").exists()
    assert PlausibilityWarning.objects.filter(kind="change").exists()
    for submission in ReportSubmission.objects.all()[:40]:
        assert submission.content_hash == hashlib.sha256(canonical_json(submission.snapshot)).hexdigest()
    entries = LogEntry.objects.get_for_model(AnnualReport).filter(action=LogEntry.Action.CREATE)
    assert entries.count() == AnnualReport.objects.count()
    assert entries.first().additional_data["source"] == DEMO_SOURCE

    settled = AnnualReport.objects.filter(status__in=["submitted", "accepted"])
    assert ReadinessResult.objects.filter(report__in=settled).count() == settled.count() * 6
    assert not ReadinessResult.objects.filter(report__status__in=["draft", "returned"]).exists()
    assert ReadinessResult.objects.filter(outcome__in=["pass", "near"]).exists()
