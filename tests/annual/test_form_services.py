"""The report workflow's services: starting, saving values, answering warnings, submitting, the
district's decisions, corrections, the late flag, snapshots and notifications."""

import datetime
import hashlib
import threading
import time
from decimal import Decimal
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from innopilot.annual import notifications, services, signals, years
from innopilot.annual.models import (
    AnnualReport,
    CorrectionRequest,
    IndicatorValue,
    PeerBand,
    PlausibilityWarning,
    ReportingYear,
    ReportSubmission,
)
from innopilot.annual.values import values_of
from innopilot.assessments.services import canonical_json
from innopilot.common.errors import DomainError
from innopilot.directory.models import IndustryDivision
from innopilot.pilots.models import Notification
from tests.annual.catalogue_builders import small_catalogue
from tests.annual.form_builders import DATA_YEAR, VALID, fill, open_year, peers, started, stored_report

Status = AnnualReport.Status


@pytest.fixture
def catalogue(db):
    return small_catalogue()


@pytest.fixture
def user(personas):
    return personas["other_enterprise_user"]  # 江北


@pytest.fixture
def district(personas):
    return personas["jiangbei_official"]


@pytest.fixture
def report(user, catalogue):
    return started(user, catalogue)


def refused(call, *args) -> str:
    with pytest.raises(DomainError) as caught:
        call(*args)
    return caught.value.message


def submitted(user, report) -> ReportSubmission:
    submission = services.report_submit(user, report)
    report.refresh_from_db()
    return submission


# --- Starting ---------------------------------------------------------------------------------------------


def test_a_report_starts_pinned_to_its_years_catalogue(user, catalogue):
    newer = small_catalogue(version=2)
    open_year(newer)
    report = services.report_start(user, DATA_YEAR)
    assert report.catalogue == newer and report.status == Status.DRAFT and report.created_by == user
    assert catalogue.version == 1  # the older one stays, unused by this year


def test_a_year_starts_once_per_enterprise(user, catalogue):
    open_year(catalogue)
    services.report_start(user, DATA_YEAR)
    assert "已有" in refused(services.report_start, user, DATA_YEAR)
    assert AnnualReport.objects.count() == 1


def test_a_year_the_city_has_not_opened_or_has_closed_cannot_start(user, catalogue):
    assert "未开放" in refused(services.report_start, user, DATA_YEAR)
    open_year(catalogue).__class__.objects.update(status=ReportingYear.Status.CLOSED)
    assert "未开放" in refused(services.report_start, user, DATA_YEAR)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers: nothing to race")
def test_the_city_cannot_swap_the_catalogue_while_a_report_of_the_year_is_starting(personas, catalogue):
    """report_start holds the year's row until its report exists: the city's change of the catalogue
    waits for it, then finds the report and is refused, so the report keeps the year's catalogue."""
    user, city = personas["other_enterprise_user"], personas["city_ip"]
    reporting_year = open_year(catalogue)
    newer = small_catalogue(urn="urn:innopilot:annual:newer")
    starting, create = threading.Event(), AnnualReport.objects.create
    outcome = {}

    def create_slowly(**fields):
        starting.set()
        time.sleep(1)  # the city's change runs now, unless it waits for the year's lock
        return create(**fields)

    def start():
        try:
            outcome["report"] = services.report_start(user, DATA_YEAR)
        finally:
            connections.close_all()

    with mock.patch.object(AnnualReport.objects, "create", side_effect=create_slowly):
        thread = threading.Thread(target=start)
        thread.start()
        assert starting.wait(timeout=10)
        with pytest.raises(DomainError):
            years.reporting_year_update(
                actor=city,
                reporting_year=reporting_year,
                year=DATA_YEAR,
                deadline=reporting_year.deadline,
                catalogue=newer,
                status=reporting_year.status,
            )
        thread.join(timeout=30)
    reporting_year.refresh_from_db()
    assert outcome["report"].catalogue_id == reporting_year.catalogue_id == catalogue.pk


def test_officials_never_start_a_report(personas, catalogue):
    open_year(catalogue)
    for persona in ("jiangbei_official", "city_ip", "admin"):
        assert refused(services.report_start, personas[persona], DATA_YEAR)


# --- Saving values ----------------------------------------------------------------------------------------


def test_a_value_is_stored_as_decimal_and_an_empty_input_clears_it(user, report):
    services.value_save(user, report, "net_profit", "-12.5")
    assert values_of(report)["net_profit"] == Decimal("-12.50")
    saved = services.value_save(user, report, "net_profit", "")
    assert saved.value is None and "net_profit" not in saved.values
    assert not IndicatorValue.objects.filter(report=report, indicator__code="net_profit").exists()


def test_an_unreadable_value_is_refused_in_the_users_language(user, report):
    with pytest.raises(services.ValueRefused) as caught:
        services.value_save(user, report, "rd_expense", "很多")
    assert caught.value.message == "请填写数字。" and caught.value.field == "rd_expense"
    assert values_of(report)["rd_expense"] == Decimal("50")


def test_a_value_breaking_a_cross_field_rule_is_refused_naming_both_fields(user, report):
    with pytest.raises(services.ValueRefused) as caught:
        services.value_save(user, report, "rd_staff", "120")
    message = caught.value.message
    assert "研发人员" in message and "职工总数" in message and "120" in message and "100" in message
    assert caught.value.problems[0].codes == ("rd_staff", "employees")
    assert values_of(report)["rd_staff"] == 20  # nothing stored
    # The other side of the rule is refused the same way.
    assert "研发人员" in refused(services.value_save, user, report, "employees", "10")


def test_every_saved_value_is_in_the_audit_trail_with_its_actor(user, report):
    entries = LogEntry.objects.filter(content_type__model="indicatorvalue", actor=user)
    assert entries.count() == len(VALID)
    services.value_save(user, report, "employees", "120")
    assert entries.filter(action=LogEntry.Action.UPDATE).count() == 1


def test_saving_the_same_value_again_writes_nothing(user, report):
    before = LogEntry.objects.count()
    services.value_save(user, report, "employees", "100")
    assert LogEntry.objects.count() == before


def test_the_whole_form_saves_all_or_nothing(user, report):
    with pytest.raises(services.ValuesRefused) as caught:
        services.report_values_save(user, report, {"employees": "200", "rd_expense": "x", "net_profit": "3"})
    assert set(caught.value.errors) == {"rd_expense"}
    assert values_of(report)["employees"] == 100 and "net_profit" not in values_of(report)
    with pytest.raises(services.ValuesRefused) as caught:
        services.report_values_save(user, report, {"employees": "10", "rd_staff": "20"})
    assert caught.value.problems[0].rule == "rd_staff_within_employees"
    # Both sides of a rule change together: fine at once, even though one at a time would be refused.
    values = services.report_values_save(user, report, {"employees": "300", "rd_staff": "250", "csrf": "…"})
    assert values["employees"] == 300 and values["rd_staff"] == 250


def test_values_of_a_submitted_report_cannot_change(user, report):
    submitted(user, report)
    assert "已报送" in refused(services.value_save, user, report, "employees", "5")


def test_officials_and_other_enterprises_cannot_change_values(personas, report):
    for persona in ("jiangbei_official", "city_ip", "enterprise_user"):
        assert refused(services.value_save, personas[persona], report, "employees", "5")


# --- Warnings ---------------------------------------------------------------------------------------------


@pytest.fixture
def warned(user, catalogue, report):
    """A report whose operating revenue doubled against last year's."""
    stored_report(user.enterprise, catalogue, DATA_YEAR - 1, {"operating_revenue": "400"})
    services.value_save(user, report, "operating_revenue", "1001")
    return PlausibilityWarning.objects.get(report=report)


def test_a_warning_needs_an_explanation_or_a_confirmation(user, warned):
    assert "说明" in refused(services.warning_answer, user, warned, "  ")
    services.warning_answer(user, warned, "新产品线投产。")
    warned.refresh_from_db()
    assert warned.explanation == "新产品线投产。" and not warned.confirmed and warned.answered_by == user
    services.warning_answer(user, warned, confirm=True)
    warned.refresh_from_db()
    assert warned.confirmed and warned.explanation == ""


def test_only_the_enterprise_answers_its_warnings(personas, warned):
    assert refused(services.warning_answer, personas["jiangbei_official"], warned, "可以")


# --- Submitting -------------------------------------------------------------------------------------------


def test_submission_is_refused_listing_every_missing_value_and_broken_rule(user, catalogue):
    report = started(user, catalogue, values={"employees": "100"})
    message = refused(services.report_submit, user, report)
    for label in ("所有制类型", "营业收入", "主营业务收入", "研发费用", "有效发明专利"):
        assert label in message
    assert report.submissions.count() == 0


def test_submission_is_refused_while_a_warning_is_unanswered(user, report, warned):
    message = refused(services.report_submit, user, report)
    assert "营业收入" in message and "说明" in message
    services.warning_answer(user, warned, confirm=True)
    assert submitted(user, report).number == 1


def test_a_submission_freezes_values_ratios_and_warnings_with_the_hash_of_its_content(user, report, warned):
    services.warning_answer(user, warned, "并购了一家子公司。")
    submission = submitted(user, report)
    snapshot = submission.snapshot
    assert snapshot["catalogue"] == {"urn": "urn:innopilot:annual:test", "version": 1}
    assert snapshot["values"]["operating_revenue"] == "1001.00" and snapshot["values"]["employees"] == "100"
    assert snapshot["values"]["ownership"] == "private"
    assert snapshot["ratios"]["rd_intensity"] == "5.00" and snapshot["ratios"]["main_business_growth"] is None
    assert snapshot["warnings"] == [
        {
            "indicator": "operating_revenue",
            "kind": "change",
            "value": "1001.00",
            "reference": {"previous": "400.00", "previous_year": DATA_YEAR - 1, "change": "150.25"},
            "explanation": "并购了一家子公司。",
            "confirmed": False,
        }
    ]
    assert submission.content_hash == hashlib.sha256(canonical_json(snapshot)).hexdigest()
    assert report.status == Status.SUBMITTED and report.submitted_at == submission.submitted_at


def test_the_same_content_submitted_twice_has_the_same_hash(user, district, report):
    first = submitted(user, report)
    services.report_return(district, report, "请核对研发费用。")
    second = submitted(user, report)
    assert second.number == 2 and second.content_hash == first.content_hash
    services.report_return(district, report, "请核对。")
    services.value_save(user, report, "rd_expense", "51")
    assert submitted(user, report).content_hash != first.content_hash


def test_submitting_notifies_the_managing_districts_officials_once(user, district, personas, report):
    with mock.patch.object(signals.report_submitted, "send") as sent:
        submission = submitted(user, report)
    sent.assert_called_once_with(sender=AnnualReport, report=mock.ANY, submission=submission)
    notes = Notification.objects.filter(kind="annual_submitted")
    assert list(notes.values_list("recipient", flat=True)) == [district.pk]  # not 渝北's
    assert "重庆江北示例制造有限公司" in notes.get().message and str(DATA_YEAR) in notes.get().message


# --- The late flag ----------------------------------------------------------------------------------------


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment of ``day`` in Asia/Shanghai."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def submitted_at(user, report, moment) -> ReportSubmission:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        return submitted(user, report)


DEADLINE = datetime.date(DATA_YEAR + 1, 3, 31)


def test_a_submission_on_the_deadline_day_is_on_time_up_to_midnight_in_shanghai(user, catalogue):
    report = started(user, catalogue, deadline=DEADLINE)
    submission = submitted_at(user, report, at(DEADLINE, 23, 59))  # 15:59 UTC
    assert not submission.is_late and not report.is_late


def test_a_submission_the_day_after_the_deadline_is_late(user, catalogue):
    report = started(user, catalogue, deadline=DEADLINE)
    # 00:30 in Shanghai is still the deadline day in UTC: the local day decides.
    submission = submitted_at(user, report, at(DEADLINE + datetime.timedelta(days=1), 0, 30))
    assert submission.is_late and report.is_late


def test_the_report_keeps_the_late_flag_of_its_first_submission(user, district, personas, catalogue):
    report = started(user, catalogue, deadline=DEADLINE)
    submitted_at(user, report, at(DEADLINE, 10))
    services.report_return(district, report, "请补充。")
    again = submitted_at(user, report, at(DEADLINE + datetime.timedelta(days=5), 10))
    assert again.is_late and not report.is_late

    yubei = personas["enterprise_user"]
    late = started(yubei, catalogue)
    submitted_at(yubei, late, at(DEADLINE + datetime.timedelta(days=2), 10))
    services.report_return(personas["yubei_official"], late, "请补充。")
    submitted_at(yubei, late, at(DEADLINE + datetime.timedelta(days=3), 10))
    assert late.is_late


# --- The district's decisions -----------------------------------------------------------------------------


def test_the_district_returns_with_a_comment_and_the_enterprise_hears_it(user, district, report):
    submission = submitted(user, report)
    assert "说明" in refused(services.report_return, district, report, "  ")
    services.report_return(district, report, "研发费用与年报不一致，请核对。")
    report.refresh_from_db()
    submission.refresh_from_db()
    assert report.status == Status.RETURNED
    assert submission.decision == "returned" and submission.decided_by == district
    assert submission.comment == "研发费用与年报不一致，请核对。"
    note = Notification.objects.get(recipient=user, kind="annual_returned")
    assert "研发费用与年报不一致，请核对。" in note.message
    services.value_save(user, report, "rd_expense", "60")  # editable again
    assert submitted(user, report).number == 2


def test_only_the_managing_district_decides(personas, user, report):
    submitted(user, report)
    for persona in ("yubei_official", "city_ip", "admin", "other_enterprise_user"):
        assert refused(services.report_return, personas[persona], report, "不行")
        assert refused(services.report_accept, personas[persona], report)


def test_a_report_not_submitted_awaits_no_decision(district, report):
    assert "已报送" in refused(services.report_accept, district, report)
    assert "已报送" in refused(services.report_return, district, report, "不行")


def test_acceptance_is_signalled_and_notified(user, district, report):
    submission = submitted(user, report)
    with mock.patch.object(signals.report_accepted, "send") as sent:
        services.report_accept(district, report)
    sent.assert_called_once_with(sender=AnnualReport, report=mock.ANY, submission=submission)
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED and report.accepted_by == district and report.accepted_at
    assert Notification.objects.filter(recipient=user, kind="annual_accepted").count() == 1
    assert "已报送" in refused(services.report_return, district, report, "太晚了")


# --- Corrections ------------------------------------------------------------------------------------------


@pytest.fixture
def accepted(user, district, report):
    submitted(user, report)
    services.report_accept(district, report)
    report.refresh_from_db()
    return report


def test_a_correction_is_asked_for_only_after_acceptance_and_with_a_reason(user, report):
    assert "已接受" in refused(services.correction_request, user, report, "改一下")


def test_a_correction_needs_a_reason_and_the_enterprises_own_user(personas, user, accepted):
    assert "原因" in refused(services.correction_request, user, accepted, " ")
    assert refused(services.correction_request, personas["jiangbei_official"], accepted, "改")


def test_an_accepted_correction_keeps_both_versions_and_shows_the_difference(user, district, accepted):
    correction = services.correction_request(user, accepted, "有效发明专利数漏计了2件。")
    accepted.refresh_from_db()
    assert accepted.status == Status.CORRECTING
    services.value_save(user, accepted, "valid_invention_patents", "12")
    services.value_save(user, accepted, "niche_years", "8")
    new = submitted(user, accepted)
    correction.refresh_from_db()
    assert new.correction == correction and correction.status == CorrectionRequest.Status.SUBMITTED
    assert not new.is_late  # a correction is never late
    assert Notification.objects.filter(kind="annual_submitted", message__contains="更正").exists()
    assert "退回" in refused(services.report_return, district, accepted, "不行")
    services.report_accept(district, accepted)
    correction.refresh_from_db()
    accepted.refresh_from_db()
    assert correction.status == "accepted" and accepted.status == Status.ACCEPTED
    first, second = accepted.submissions.order_by("number")
    assert first.decision == second.decision == "accepted"
    diff = services.submission_diff(first, second)
    assert [(row.label, row.before, row.after) for row in diff] == [
        ("从事特定细分市场年限", "—", "8"),
        ("有效发明专利", "10", "12"),
    ]


def test_a_rejected_correction_brings_the_accepted_values_and_answers_back(user, district, catalogue, report):
    stored_report(user.enterprise, catalogue, DATA_YEAR - 1, {"operating_revenue": "400"})
    services.value_save(user, report, "operating_revenue", "1001")
    warning = PlausibilityWarning.objects.get(report=report)
    services.warning_answer(user, warning, "新产品投产。")
    submitted(user, report)
    services.report_accept(district, report)
    services.correction_request(user, report, "营业收入填错了。")
    services.value_save(user, report, "operating_revenue", "980")  # the warning's answer goes with it
    services.value_save(user, report, "net_profit", "7")
    services.warning_answer(user, PlausibilityWarning.objects.get(report=report), confirm=True)
    submitted(user, report)
    assert "原因" in refused(services.correction_reject, district, report, "")
    services.correction_reject(district, report, "营业收入以审计报告为准。")
    report.refresh_from_db()
    values = values_of(report)
    assert report.status == Status.ACCEPTED
    assert values["operating_revenue"] == Decimal("1001.00") and "net_profit" not in values
    restored = PlausibilityWarning.objects.get(report=report)
    assert restored.explanation == "新产品投产。" and not restored.confirmed
    latest = report.submissions.order_by("-number").first()
    assert latest.decision == "rejected" and latest.comment == "营业收入以审计报告为准。"
    assert report.corrections.get().status == "rejected"
    assert (
        "营业收入以审计报告为准。" in Notification.objects.get(recipient=user, kind="annual_rejected").message
    )
    assert report.submissions.count() == 2  # both versions stay


def test_a_rejected_correction_restores_the_years_peer_bands_once_committed(
    user, district, catalogue, report, django_capture_on_commit_callbacks
):
    user.enterprise.industry = division = IndustryDivision.objects.get(code="39")
    user.enterprise.save()
    peers(catalogue, division, DATA_YEAR, "employees", [str(n) for n in range(50, 140, 10)])  # 9 peers
    with django_capture_on_commit_callbacks(execute=True):
        submitted(user, report)  # employees: 100, the tenth
    accepted_band = PeerBand.objects.get(indicator_code="employees").high
    services.report_accept(district, report)
    services.correction_request(user, report, "职工人数填错了。")
    services.value_save(user, report, "employees", "5000")
    services.warning_answer(user, PlausibilityWarning.objects.get(report=report), confirm=True)
    with django_capture_on_commit_callbacks(execute=True):
        submitted(user, report)
    assert PeerBand.objects.get(indicator_code="employees").high > accepted_band
    with (
        mock.patch.object(signals.report_restored, "send", wraps=signals.report_restored.send) as sent,
        django_capture_on_commit_callbacks(execute=True),
    ):
        rejected = services.correction_reject(district, report, "以审计报告为准。")
    sent.assert_called_once_with(sender=AnnualReport, report=mock.ANY, submission=rejected)
    assert PeerBand.objects.get(indicator_code="employees").high == accepted_band


def test_asking_for_a_correction_tells_the_managing_districts_officials_once(
    user, district, accepted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        correction = services.correction_request(user, accepted, "有效发明专利数漏计了2件。")
    note = Notification.objects.get(kind="annual_correction_requested")
    assert note.recipient == district  # not 渝北's officials
    assert "重庆江北示例制造有限公司" in note.message and "有效发明专利数漏计了2件。" in note.message
    assert note.link == reverse("annual_report_detail", args=[accepted.pk])
    assert [mail.to for mail in mailoutbox] == [[district.email]]
    assert notifications.notify_correction_requested(accepted, correction) == []  # once per correction


def test_only_a_correction_can_be_rejected(user, district, report):
    submitted(user, report)
    assert "退回" in refused(services.correction_reject, district, report, "不行")


def test_the_diff_of_a_resubmission_names_each_changed_indicator(user, district, report):
    first = submitted(user, report)
    services.report_return(district, report, "请核对。")
    services.value_save(user, report, "employees", "110")
    services.value_save(user, report, "ip_strategy", "是")
    second = submitted(user, report)
    rows = services.submission_diff(first, second)
    assert [(r.code, r.before, r.after) for r in rows] == [
        ("employees", "100", "110"),
        ("ip_strategy", "—", "是"),
    ]


def test_fill_helper_values_pass_every_rule(user, catalogue):
    report = started(user, catalogue, values={})
    fill(user, report)
    assert submitted(user, report).number == 1
