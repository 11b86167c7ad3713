"""The officials' overview: every assessment in scope with filters, the average score per clause of
the filtered ones, the Excel export, and a query count that does not grow with the assessments."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from innopilot.assessments.models import Assessment
from innopilot.assessments.overview import OverviewFilters, assessments_for_overview, clause_averages
from innopilot.directory.models import IndustryDivision
from tests.assessments.builders import submitted_assessment
from tests.conftest import login
from tests.factories import EnterpriseFactory, small_library
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    return small_library()


@pytest.fixture
def scope(personas, jiangbei, yubei, jiangbei_enterprise, yubei_enterprise, library):
    """江北: two submitted (a car-parts maker and a software house) and a draft; 渝北: one submitted."""
    cars, software = IndustryDivision.objects.get(code="36"), IndustryDivision.objects.get(code="65")
    jiangbei_enterprise.industry = cars
    jiangbei_enterprise.save()
    soft = EnterpriseFactory(managing_unit=jiangbei, industry=software, name="重庆江北软件有限公司")
    yubei_enterprise.industry = cars
    yubei_enterprise.save()
    return {
        "cars": submitted_assessment(
            jiangbei_enterprise, library, year=2025, clause_scores={"4.1": 80, "5.1": 20, "6.2": 40, "A": 60}
        ),
        "cars_2024": submitted_assessment(
            jiangbei_enterprise, library, year=2024, clause_scores={"4.1": 10, "5.1": 10, "6.2": 10, "A": 10}
        ),
        "software": submitted_assessment(
            soft, library, year=2025, clause_scores={"4.1": 40, "5.1": 30, "6.2": 60, "A": 100}
        ),
        "draft": Assessment.objects.create(
            enterprise=EnterpriseFactory(managing_unit=jiangbei), year=2025, library=library
        ),
        "yubei": submitted_assessment(
            yubei_enterprise, library, year=2025, clause_scores={"4.1": 0, "5.1": 0, "6.2": 0, "A": 0}
        ),
    }


def averages(user, **filters) -> dict[str, float]:
    assessments = assessments_for_overview(user, filters=OverviewFilters(**filters))
    return {a.code: a.average for a in clause_averages(assessments)}


def test_a_district_sees_only_its_units_assessments_and_the_city_sees_all(personas, scope):
    district = set(assessments_for_overview(personas["jiangbei_official"]))
    assert district == {scope["cars"], scope["cars_2024"], scope["software"], scope["draft"]}
    assert len(assessments_for_overview(personas["city_ip"])) == 5


def test_the_clause_averages_cover_the_submitted_assessments_the_filters_match(personas, scope):
    official = personas["jiangbei_official"]
    assert averages(official, year=2025) == {"4.1": 60, "5.1": 25, "6.2": 50, "A": 80}
    assert averages(official, year=2025, industry="36") == {"4.1": 80, "5.1": 20, "6.2": 40, "A": 60}
    assert averages(official, year=2025, industry="I") == {"4.1": 40, "5.1": 30, "6.2": 60, "A": 100}
    assert averages(official, status="draft") == {}
    assert averages(personas["city_ip"], year=2025, unit_code="500112") == {
        "4.1": 0,
        "5.1": 0,
        "6.2": 0,
        "A": 0,
    }
    # The 渝北 assessment never reaches the 江北 official, whatever the filter asks for.
    assert averages(official, unit_code="500112") == {}


def test_the_overview_page_filters_by_unit_industry_year_and_status(client, personas, scope):
    login(client, personas["city_ip"])
    url = reverse("assessment_overview")
    page = client.get(url, {"unit": "500105", "year": "2025"}).content.decode()
    assert f'id="assessment-{scope["cars"].pk}"' in page and f'id="assessment-{scope["software"].pk}"' in page
    assert (
        f'id="assessment-{scope["yubei"].pk}"' not in page
        and f'id="assessment-{scope["cars_2024"].pk}"' not in page
    )
    assert 'id="average-5.1"' in page and "参考等级" in page
    page = client.get(url, {"status": "draft"}).content.decode()
    assert f'id="assessment-{scope["draft"].pk}"' in page and 'id="no-averages"' in page
    page = client.get(url, {"industry": "65"}).content.decode()
    assert (
        f'id="assessment-{scope["software"].pk}"' in page
        and f'id="assessment-{scope["cars"].pk}"' not in page
    )
    # A stale or forged value is dropped, not an error.
    assert client.get(url, {"year": "abc", "status": "bogus"}).status_code == 200


def test_the_overview_export_has_the_filtered_list_and_the_clause_averages(client, personas, scope):
    scope["software"].enterprise.name = "=cmd|' /C calc'!A0"
    scope["software"].enterprise.save()
    login(client, personas["jiangbei_official"])
    response = client.get(reverse("assessment_overview_export"), {"year": "2025"})
    assert response.status_code == 200
    listing, averages_sheet = load_workbook(io.BytesIO(response.content)).worksheets
    rows = list(listing.iter_rows(min_row=2, values_only=True))
    assert sorted(row[1] for row in rows) == sorted(
        ["'=cmd|' /C calc'!A0", "重庆江北示例制造有限公司", scope["draft"].enterprise.name]
    )
    cars = next(row for row in rows if row[1] == "重庆江北示例制造有限公司")
    assert cars[2:8] == ("江北区", "36 汽车制造业", 2025, "已提交", 50, "3 项目级")
    assert [row[:4] for row in averages_sheet.iter_rows(min_row=2, values_only=True)] == [
        ("4.1", "条款4.1", "知识产权管理架构", 60),
        ("5.1", "条款5.1", "知识产权战略", 25),
        ("6.2", "条款6.2", "创新过程中的知识产权管理", 50),
        ("A", "条款A", "知识产权工具与方法", 80),
    ]


def test_the_overview_query_count_does_not_grow_with_the_assessments(
    client, personas, scope, library, jiangbei
):
    login(client, personas["jiangbei_official"])

    def add_rows(count):
        for index in range(count):
            enterprise = EnterpriseFactory(
                managing_unit=jiangbei, industry_id=scope["cars"].enterprise.industry_id
            )
            submitted_assessment(
                enterprise, library, year=2025, clause_scores={"4.1": index, "5.1": 50, "6.2": 50, "A": 50}
            )

    assert_queries_do_not_grow(client, reverse("assessment_overview"), add_rows)
    assert_queries_do_not_grow(client, reverse("assessment_overview") + "?year=2025&industry=C", add_rows)
