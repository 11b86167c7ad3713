"""The demo's pilot batches: three closed campaigns, some units behind, one campaign open after today."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from innopilot.accounts.models import User
from innopilot.assessments.models import Assessment
from innopilot.common.demo import demo_load
from innopilot.pilots.coverage import coverage_for
from innopilot.pilots.models import Campaign, Decision, Nomination, NominationList, PilotEnterprise

pytestmark = pytest.mark.django_db
MODELS = (Campaign, NominationList, Nomination, Decision, PilotEnterprise, LogEntry)


def test_loading_the_pilot_demo_twice_changes_nothing(reference_data):
    demo_load(annual_data=False)
    first = [model.objects.count() for model in MODELS]
    demo_load(annual_data=False)
    assert [model.objects.count() for model in MODELS] == first


def test_the_demo_has_three_closed_campaigns_and_one_open_after_today(reference_data):
    demo_load(annual_data=False)
    closed = dict(Campaign.objects.filter(status="closed").values_list("year", "nomination_deadline"))
    assert closed == {
        2023: datetime.date(2023, 7, 26),
        2024: datetime.date(2024, 3, 20),
        2025: datetime.date(2025, 3, 20),
    }
    open_campaign = Campaign.objects.get(status="open")
    today = timezone.localdate()
    assert open_campaign.nomination_deadline > today and open_campaign.year > today.year
    draft = NominationList.objects.get(campaign=open_campaign)
    assert draft.managing_unit.code == "500112" and draft.status == "draft" and draft.nominations.count() == 1
    assert not NominationList.objects.filter(campaign=open_campaign, managing_unit__code="500105").exists()
    assert NominationList.objects.filter(status="submitted").count() == 3 * 41


def test_some_demo_units_are_behind_and_assessed_enterprises_are_pilots(reference_data):
    demo_load(annual_data=False)
    city = User.objects.get(username="cq_ip")
    coverage = coverage_for(city, day=timezone.localdate())
    behind = {row.unit.code for row in coverage.behind}
    assert {"500112", "500105"} <= behind and 5 <= len(behind) <= 8
    assert all(row.coverage_percent == 100 for row in coverage.rows if row.unit.code not in behind)
    assessed = set(Assessment.objects.values_list("enterprise_id", flat=True))
    pilots = set(
        PilotEnterprise.objects.filter(campaign__year__lte=2025).values_list("enterprise_id", flat=True)
    )
    assert assessed <= pilots


def test_demo_rejections_carry_a_reason_and_are_replaced_and_everything_is_audited(reference_data):
    demo_load(annual_data=False)
    rejections = Decision.objects.filter(verdict="reject")
    assert rejections.exists() and all(d.reason for d in rejections)
    assert {d.bureau for d in Decision.objects.all()} == {"ip", "econ"}
    for decision in rejections.select_related("nomination"):
        assert (
            decision.nomination.status == "replaced" and decision.nomination.replaced_by.status == "confirmed"
        )
    for model in (Campaign, NominationList, Nomination, Decision, PilotEnterprise):
        logged = LogEntry.objects.get_for_model(model).filter(action=LogEntry.Action.CREATE).count()
        assert logged == model.objects.count(), model.__name__
