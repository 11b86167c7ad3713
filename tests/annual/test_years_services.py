"""Reporting years are the city's: a data year, its deadline (the day itself on time), the catalogue
its reports use (the latest by default, fixed once reports exist), open or closed; every change audited."""

import datetime

import pytest
from auditlog.models import LogEntry

from innopilot.annual import years
from innopilot.annual.catalogue.loader import DEFAULT_CATALOGUE_URN
from innopilot.annual.models import AnnualReport, ReportingYear
from innopilot.common.errors import DomainError
from tests.annual.builders_overview import catalogue, report, reporting_year

pytestmark = pytest.mark.django_db
DEADLINE = datetime.date(2026, 5, 31)


def test_the_city_opens_a_data_year_with_the_latest_catalogue_by_default(personas):
    catalogue(101, urn=DEFAULT_CATALOGUE_URN)
    newest = catalogue(102, urn=DEFAULT_CATALOGUE_URN)
    catalogue(9, urn="urn:innopilot:test:other")
    created = years.reporting_year_create(actor=personas["city_ip"], year=2025, deadline=DEADLINE)
    assert created.catalogue == newest and created.status == ReportingYear.Status.OPEN
    assert LogEntry.objects.get_for_object(created).get().actor == personas["city_ip"]


def test_without_the_bundled_catalogue_the_one_loaded_last_is_the_default(personas, no_catalogues):
    catalogue(1, urn="urn:innopilot:test:a")
    last = catalogue(1, urn="urn:innopilot:test:b")
    assert years.latest_catalogue() == last


def test_a_chosen_catalogue_and_notes_are_kept(personas):
    older, _newer = catalogue(1), catalogue(2)
    created = years.reporting_year_create(
        actor=personas["city_econ"], year=2025, deadline=DEADLINE, catalogue=older, notes="  请按时填报 "
    )
    assert created.catalogue == older and created.notes == "请按时填报"


@pytest.mark.parametrize("persona", ["yubei_official", "enterprise_user", "evaluator"])
def test_only_the_city_opens_a_data_year(personas, persona):
    catalogue()
    with pytest.raises(DomainError):
        years.reporting_year_create(actor=personas[persona], year=2025, deadline=DEADLINE)
    assert not ReportingYear.objects.exists()


@pytest.mark.parametrize("year", [2019, 2101])
def test_a_year_outside_2020_to_2100_is_refused(personas, year):
    catalogue()
    with pytest.raises(DomainError) as refused:
        years.reporting_year_create(
            actor=personas["city_ip"], year=year, deadline=datetime.date(year + 1, 5, 31)
        )
    assert refused.value.field == "year" and "2020" in refused.value.message


def test_a_year_is_opened_once(personas):
    reporting_year(2025, catalogue())
    with pytest.raises(DomainError) as refused:
        years.reporting_year_create(actor=personas["city_ip"], year=2025, deadline=DEADLINE)
    assert refused.value.field == "year" and "2025" in refused.value.message


@pytest.mark.parametrize("deadline", [datetime.date(2025, 12, 31), datetime.date(2025, 6, 30)])
def test_the_deadline_must_fall_after_the_data_year_has_ended(personas, deadline):
    catalogue()
    with pytest.raises(DomainError) as refused:
        years.reporting_year_create(actor=personas["city_ip"], year=2025, deadline=deadline)
    assert refused.value.field == "deadline" and "2025-12-31" in refused.value.message


def test_a_catalogue_is_required(personas, no_catalogues):
    with pytest.raises(DomainError) as refused:
        years.reporting_year_create(actor=personas["city_ip"], year=2025, deadline=DEADLINE)
    assert refused.value.field == "catalogue"


def test_the_city_moves_the_deadline_and_closes_the_year_even_with_reports(personas, jiangbei_enterprise):
    cat = catalogue()
    opened = reporting_year(2025, cat)
    report(jiangbei_enterprise, 2025, cat)
    updated = years.reporting_year_update(
        actor=personas["city_ip"],
        reporting_year=opened,
        year=2025,
        deadline=datetime.date(2026, 6, 30),
        catalogue=cat,
        status=ReportingYear.Status.CLOSED,
        notes="延期一个月",
    )
    updated.refresh_from_db()
    assert (updated.deadline, updated.status, updated.notes) == (
        datetime.date(2026, 6, 30),
        ReportingYear.Status.CLOSED,
        "延期一个月",
    )
    change = LogEntry.objects.get_for_object(updated).filter(action=LogEntry.Action.UPDATE).get()
    assert change.actor == personas["city_ip"] and "deadline" in change.changes_dict


def test_the_catalogue_changes_while_no_report_of_the_year_exists(personas):
    first, second = catalogue(1), catalogue(2)
    opened = reporting_year(2025, first)
    updated = years.reporting_year_update(
        actor=personas["city_ip"],
        reporting_year=opened,
        year=2025,
        deadline=DEADLINE,
        catalogue=second,
        status=opened.status,
    )
    assert updated.catalogue == second


def test_the_catalogue_of_a_year_with_reports_is_pinned(personas, jiangbei_enterprise):
    first, second = catalogue(1), catalogue(2)
    opened = reporting_year(2025, first)
    report(jiangbei_enterprise, 2025, first)
    with pytest.raises(DomainError) as refused:
        years.reporting_year_update(
            actor=personas["city_ip"],
            reporting_year=opened,
            year=2025,
            deadline=DEADLINE,
            catalogue=second,
            status=opened.status,
        )
    assert refused.value.field == "catalogue"
    opened.refresh_from_db()
    assert opened.catalogue == first
    assert AnnualReport.objects.get().catalogue == first


def test_the_year_of_a_year_with_reports_cannot_change(personas, jiangbei_enterprise):
    cat = catalogue()
    opened = reporting_year(2025, cat)
    report(jiangbei_enterprise, 2025, cat)
    with pytest.raises(DomainError) as refused:
        years.reporting_year_update(
            actor=personas["city_ip"],
            reporting_year=opened,
            year=2024,
            deadline=DEADLINE,
            catalogue=cat,
            status=opened.status,
        )
    assert refused.value.field == "year"


def test_a_district_cannot_change_a_year(personas):
    cat = catalogue()
    opened = reporting_year(2025, cat)
    with pytest.raises(DomainError):
        years.reporting_year_update(
            actor=personas["jiangbei_official"],
            reporting_year=opened,
            year=2025,
            deadline=datetime.date(2026, 12, 31),
            catalogue=cat,
            status=opened.status,
        )
    opened.refresh_from_db()
    assert opened.deadline == datetime.date(2026, 5, 31)


def test_the_deadline_day_itself_is_on_time_in_beijing_time(personas):
    opened = reporting_year(2025, catalogue(), deadline=datetime.date(2026, 5, 31))
    utc = datetime.UTC
    # 2026-05-31 23:30 in Beijing is 15:30 UTC the same day; 00:30 on 1 June is 16:30 UTC on 31 May.
    assert not years.is_late(opened, datetime.datetime(2026, 5, 31, 15, 30, tzinfo=utc))
    assert years.is_late(opened, datetime.datetime(2026, 5, 31, 16, 30, tzinfo=utc))
    assert not years.deadline_passed(opened, today=datetime.date(2026, 5, 31))
    assert years.deadline_passed(opened, today=datetime.date(2026, 6, 1))


def test_the_year_list_counts_each_years_reports_in_one_query(
    personas, jiangbei_enterprise, yubei_enterprise, django_assert_num_queries
):
    cat = catalogue()
    reporting_year(2024, cat)
    reporting_year(2025, cat)
    report(jiangbei_enterprise, 2025, cat)
    report(yubei_enterprise, 2025, cat)
    report(yubei_enterprise, 2024, cat)
    with django_assert_num_queries(1):
        listed = [
            (ry.year, ry.report_count, ry.catalogue.version)
            for ry in years.years_for_list(personas["city_ip"])
        ]
    assert listed == [(2025, 2, 1), (2024, 1, 1)]


@pytest.mark.parametrize(
    ("persona", "counts"),
    [
        ("city_econ", [(2025, 2), (2024, 1)]),
        ("yubei_official", [(2025, 1), (2024, 1)]),
        ("jiangbei_official", [(2025, 1), (2024, 0)]),
        ("other_enterprise_user", [(2025, 1), (2024, 0)]),  # 江北's
    ],
)
def test_each_user_counts_only_the_reports_they_may_see(
    personas, jiangbei_enterprise, yubei_enterprise, persona, counts
):
    cat = catalogue()
    reporting_year(2024, cat)
    reporting_year(2025, cat)
    report(jiangbei_enterprise, 2025, cat)
    report(yubei_enterprise, 2025, cat)
    report(yubei_enterprise, 2024, cat)
    listed = [(ry.year, ry.report_count) for ry in years.years_for_list(personas[persona])]
    assert listed == counts
