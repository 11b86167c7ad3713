"""The reporting-year pages: the city opens and edits years; districts and enterprises read them."""

import datetime

import pytest
from django.urls import reverse

from innopilot.annual.catalogue.loader import DEFAULT_CATALOGUE_URN
from innopilot.annual.models import ReportingYear
from tests.annual.builders_overview import catalogue, enterprise, report, reporting_year
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_the_city_opens_a_data_year_from_its_form_with_the_latest_catalogue_preselected(client_as, personas):
    catalogue(101, urn=DEFAULT_CATALOGUE_URN)
    latest = catalogue(102, urn=DEFAULT_CATALOGUE_URN)
    client = client_as(personas["city_ip"])
    page = client.get(reverse("annual_year_create"))
    assert page.status_code == 200
    assert page.context["form"]["catalogue"].value() == latest.pk
    response = client.post(
        reverse("annual_year_create"),
        {
            "year": "2025",
            "deadline": "2026-05-31",
            "catalogue": latest.pk,
            "status": "open",
            "notes": "首次填报",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("annual_year_list")
    opened = ReportingYear.objects.get()
    assert (opened.year, opened.deadline, opened.catalogue, opened.created_by) == (
        2025,
        datetime.date(2026, 5, 31),
        latest,
        personas["city_ip"],
    )


def test_a_deadline_inside_the_data_year_is_refused_on_the_form(client_as, personas):
    cat = catalogue()
    response = client_as(personas["city_econ"]).post(
        reverse("annual_year_create"),
        {"year": "2025", "deadline": "2025-12-31", "catalogue": cat.pk, "status": "open"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["deadline"]
    assert "2025-12-31" in response.context["form"].errors["deadline"][0]
    assert not ReportingYear.objects.exists()


def test_without_a_catalogue_the_form_says_to_load_one_first(client_as, personas, no_catalogues):
    response = client_as(personas["city_ip"]).get(reverse("annual_year_create"))
    assert 'id="no-catalogue"' in response.content.decode()


def test_the_city_closes_a_year_and_cannot_swap_the_catalogue_of_reported_year(
    client_as, personas, jiangbei_enterprise
):
    first, second = catalogue(1), catalogue(2)
    reporting_year(2025, first)
    report(jiangbei_enterprise, 2025, first)
    client = client_as(personas["city_ip"])
    url = reverse("annual_year_edit", args=[2025])
    form = {"year": "2025", "deadline": "2026-06-30", "catalogue": second.pk, "status": "closed", "notes": ""}
    refused = client.post(url, form)
    assert refused.status_code == 400 and refused.context["form"].errors["catalogue"]
    saved = client.post(url, {**form, "catalogue": first.pk})
    assert saved.status_code == 302
    closed = ReportingYear.objects.get()
    assert (closed.status, closed.deadline, closed.catalogue) == ("closed", datetime.date(2026, 6, 30), first)


def test_an_unknown_year_answers_404(client_as, personas):
    assert client_as(personas["city_ip"]).get(reverse("annual_year_edit", args=[2031])).status_code == 404


@pytest.mark.parametrize("persona", ["yubei_official", "enterprise_user"])
def test_districts_and_enterprises_read_the_years_without_changing_them(client_as, personas, persona):
    reporting_year(2025, catalogue(), deadline=datetime.date(2026, 5, 31))
    page = client_as(personas[persona]).get(reverse("annual_year_list"))
    html = page.content.decode()
    assert page.status_code == 200 and "2026-05-31" in html
    assert reverse("annual_year_create") not in html and reverse("annual_year_edit", args=[2025]) not in html


def test_the_city_sees_edit_links_and_each_years_report_count(client_as, personas, yubei):
    cat = catalogue()
    reporting_year(2025, cat)
    report(enterprise(yubei), 2025, cat)
    page = client_as(personas["city_ip"]).get(reverse("annual_year_list"))
    html = page.content.decode()
    assert reverse("annual_year_edit", args=[2025]) in html and reverse("annual_year_create") in html
    assert f'{reverse("annual_overview")}?year=2025">1</a>' in html


def test_the_year_list_costs_the_same_queries_with_more_years(client_as, personas, yubei):
    cat = catalogue()
    client = client_as(personas["city_ip"])

    def add_years(count):
        first = 2030 + ReportingYear.objects.count()
        for year in range(first, first + count):
            reporting_year(year, cat)
            report(enterprise(yubei), year, cat)

    add_years(1)
    assert_queries_do_not_grow(client, reverse("annual_year_list"), add_years, more=5)
