"""Coverage per unit and city-wide: pool, nominated and confirmed per year, behind schedule, planner."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from innopilot.pilots.coverage import coverage_for, explain, plan_for
from innopilot.pilots.models import Campaign, Nomination
from innopilot.pilots.planner import plan_unit
from tests.factories import QualificationFactory
from tests.helpers import assert_queries_do_not_grow
from tests.pilots.builders import campaign, confirm, eligible_enterprise, nominate

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 26)


@pytest.fixture
def campaigns(reference_data):
    return [campaign(2023), campaign(2024), campaign(2025)]


def test_coverage_counts_the_pool_nominations_and_confirmations_per_year(
    personas, yubei, jiangbei, campaigns
):
    c2023, c2024, c2025 = campaigns
    pool = [eligible_enterprise(yubei) for _ in range(10)]
    confirm(c2023, pool[0])
    confirm(c2023, pool[1])
    confirm(c2024, pool[2])
    nominate(c2024, pool[3], status=Nomination.Status.REJECTED)
    nominate(c2024, pool[4], status=Nomination.Status.REPLACED)
    nominate(c2025, pool[5], status=Nomination.Status.WITHDRAWN)
    nominate(c2025, pool[6])
    # A 2023 pilot whose title lapsed after confirmation still counts, and is still to cover.
    lapsed = eligible_enterprise(yubei)
    lapsed.qualifications.update(valid_to=datetime.date(2024, 12, 31))
    confirm(c2023, lapsed)
    for _ in range(4):
        confirm(c2023, eligible_enterprise(jiangbei))

    result = coverage_for(personas["city_ip"], day=TODAY)
    row = next(r for r in result.rows if r.unit == yubei)
    assert (row.pool, row.lapsed_pilots, row.target) == (10, 1, 11)
    assert [(y.nominated, y.confirmed) for y in row.years] == [(3, 3), (2, 1), (1, 0)]
    assert row.confirmed == 4 and str(row.coverage_percent) == "36.4"
    assert result.expected_share == 1 and row.expected == 11
    assert row.behind and row.gap == 7
    jiangbei_row = next(r for r in result.rows if r.unit == jiangbei)
    assert jiangbei_row.target == 4 and not jiangbei_row.behind and jiangbei_row.coverage_percent == 100
    assert result.total.confirmed == 8 and result.total.target == 15
    assert len(result.rows) == 41 and jiangbei_row not in result.behind and row in result.behind


def test_a_campaign_still_open_does_not_raise_what_is_expected(personas, yubei, reference_data):
    campaign(2025)
    campaign(2026, status=Campaign.Status.OPEN, deadline=TODAY + datetime.timedelta(days=30))
    for _ in range(9):
        eligible_enterprise(yubei)
    row = next(r for r in coverage_for(personas["city_ip"], day=TODAY).rows if r.unit == yubei)
    assert str(row.expected_share) == "0.3333" and row.expected == 3 and row.gap == 3


def test_a_district_official_sees_only_its_own_unit(client_as, personas, yubei, jiangbei, campaigns):
    confirm(campaigns[0], eligible_enterprise(jiangbei))
    response = client_as(personas["yubei_official"]).get(reverse("pilot_coverage"))
    assert response.status_code == 200
    rows = response.context["coverage"].rows
    assert [r.unit for r in rows] == [yubei]
    assert "江北区" not in response.content.decode()


def test_the_planner_explains_each_units_allocation(personas, yubei, reference_data):
    campaign(2024)
    campaign(2025, status=Campaign.Status.OPEN, deadline=TODAY + datetime.timedelta(days=30))
    for _ in range(12):
        eligible_enterprise(yubei)
    plan = plan_for(personas["city_ip"], day=TODAY, final_year=2026)
    assert plan.years == [2025, 2026]
    row = next(r for r in plan.rows if r.coverage.unit == yubei)
    assert row.plan.allocation == ((2025, 6), (2026, 6))
    assert row.explanation == "还需 12 家，剩余 2 个年度：2025年 6 家，2026年 6 家"
    assert plan.total.plan.allocation[0][1] == 6


def test_explanations_for_a_covered_unit_and_for_no_year_left(reference_data):
    assert explain(plan_unit(target=5, confirmed=5, years=[2026])) == "已全部覆盖：应覆盖的企业均已确认。"
    assert "3" in explain(plan_unit(target=5, confirmed=2, years=[]))


def test_the_final_year_defaults_to_the_latest_campaign_and_the_city_may_change_it(
    client_as, personas, campaigns
):
    client = client_as(personas["city_ip"])
    assert client.get(reverse("pilot_coverage_planner")).context["plan"].final_year == 2025
    response = client.get(reverse("pilot_coverage_planner") + "?final=2028")
    assert response.context["plan"].final_year == 2028 and response.context["plan"].years == [
        2026,
        2027,
        2028,
    ]
    bad = client.get(reverse("pilot_coverage_planner") + "?final=abc")
    assert bad.status_code == 400 and "is-invalid" in bad.content.decode()


def test_a_district_cannot_move_the_final_year(client_as, personas, campaigns):
    response = client_as(personas["yubei_official"]).get(reverse("pilot_coverage_planner") + "?final=2030")
    assert response.context["plan"].final_year == 2025


def test_the_coverage_and_plan_exports_list_every_unit_and_the_city(client_as, personas, yubei, campaigns):
    confirm(campaigns[0], eligible_enterprise(yubei))
    eligible_enterprise(yubei)
    client = client_as(personas["city_econ"])
    sheet = load_workbook(io.BytesIO(client.get(reverse("pilot_coverage_export")).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("代码", "管理单位", "当前摸底入库企业数", "应覆盖企业数")
    assert len(rows) == 1 + 41 + 1 and rows[-1][1] == "全市"
    yubei_row = next(r for r in rows if r[0] == "500112")
    assert yubei_row[2:6] == (2, 2, 1, 1) and yubei_row[-1] == "是"
    response = client.get(reverse("pilot_coverage_planner_export") + "?final=2027")
    plan_rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert "2026年应确认" in plan_rows[0] and "2027年应确认" in plan_rows[0]
    assert (
        next(r for r in plan_rows if r[0] == "500112")[-1]
        == "还需 1 家，剩余 2 个年度：2026年 1 家，2027年 0 家"
    )


def test_the_coverage_page_keeps_its_query_count(client_as, personas, yubei, jiangbei, campaigns):
    client = client_as(personas["city_ip"])
    year = [2027]

    def add(n):
        campaign(year[0])
        year[0] += 1
        for i in range(n):
            enterprise = eligible_enterprise(yubei if i % 2 else jiangbei)
            confirm(campaigns[i % 3], enterprise)
            nominate(campaigns[(i + 1) % 3], eligible_enterprise(jiangbei))
            QualificationFactory(enterprise=enterprise)

    assert_queries_do_not_grow(client, reverse("pilot_coverage"), add)
    assert_queries_do_not_grow(client, reverse("pilot_coverage_planner"), add)
