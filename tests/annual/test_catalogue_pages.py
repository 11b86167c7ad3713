"""The catalogue pages: every signed-in user reads which fields the annual report asks for, Chinese first."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from innopilot.annual.catalogue.loader import catalogue_load, latest_catalogue
from innopilot.annual.models import AnnualReport, Indicator, IndicatorGroup, ReportingYear
from tests.factories import EnterpriseFactory
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "catalogue-sample-v1.yaml"


def open_year(year: int, catalogue) -> ReportingYear:
    return ReportingYear.objects.create(
        year=year, deadline=datetime.date(year + 1, 5, 31), catalogue=catalogue
    )


def test_the_list_shows_every_version_its_size_and_the_data_years_that_use_it(client_as, personas, tmp_path):
    bundled = latest_catalogue()
    open_year(2024, bundled)
    open_year(2025, bundled)
    newer = tmp_path / "sample-v2.yaml"
    newer.write_text(SAMPLE.read_text(encoding="utf-8").replace("version: 1", "version: 2"), encoding="utf-8")
    first, second = catalogue_load(path=SAMPLE).catalogue, catalogue_load(path=newer).catalogue
    page = client_as(personas["enterprise_user"]).get(reverse("annual_catalogue_list")).content.decode()
    for catalogue in (bundled, first, second):
        assert reverse("annual_catalogue_detail", args=[catalogue.pk]) in page
    assert "年度数据填报指标目录" in page and "示例指标目录" in page
    assert '<td class="text-end">10</td>' in page and '<td class="text-end">88</td>' in page
    assert "2024 · 2025" in page
    assert page.count("当前版本") == 2 and page.count("早期版本") == 1


def test_the_page_explains_each_indicator_the_rules_ratios_and_plausibility_checks(client_as, personas):
    catalogue = latest_catalogue()
    open_year(2025, catalogue)
    page = (
        client_as(personas["yubei_official"])
        .get(reverse("annual_catalogue_detail", args=[catalogue.pk]))
        .content.decode()
    )
    for text in [
        "专利存量（年末）",  # a group
        'id="indicator-high_value_invention_patents"',
        "维持年限超过10年的发明专利",  # help: CNIPA's definition
        "研发费用加计扣除",  # where a value comes from
        "万元",  # unit
        "≥ 1",  # employees' range
        "0 – 100",  # a percentage
        "2000 – 2100",  # a year
        "必填",
        "自我声明",  # self-declared
        "国有 · 民营 · 外资 · 混合所有制 · 其他",  # choices
        "优质中小企业梯度培育平台",  # a downstream programme …
        "研发费用总额",  # … and its field name
        "研发人员 ≤ 职工总数",  # a cross-field rule in words
        "专职知识产权人员 + 兼职知识产权人员 ≤ 职工总数",
        "研发费用 ÷ 营业收入 × 100%",  # a ratio's formula
        "发明专利申请量 ÷ (发明专利申请量 + 实用新型专利申请量 + 外观设计专利申请量) × 100%",
        "（当年主营业务收入 ÷ 上年主营业务收入 − 1）× 100%",  # a growth
        "超过50%",  # plausibility: the change
        "第5百分位",  # and the peers' band
        'id="catalogue-years">2025',
    ]:
        assert text in page, text


def test_the_page_is_complete_in_english(client_as, personas):
    catalogue = latest_catalogue()
    client = client_as(personas["enterprise_user"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("annual_catalogue_detail", args=[catalogue.pk])).content.decode()
    for text in [
        "Patent stock (year end)",
        "High-value invention patents",
        "maintained for more than 10 years",
        "10,000 yuan",
        "self-declared",
        "MIIT quality SME platform",
        "R&amp;D staff ≤ Employees",
        "R&amp;D expense ÷ Operating revenue × 100%",
        "the average of the growths of Main-business revenue over the last 2 years",
        "more than 50%",
    ]:
        assert text in page, text


def test_a_custom_rule_message_is_shown_beside_the_rule(client_as, personas):
    catalogue = catalogue_load(path=SAMPLE).catalogue
    page = client_as(personas["city_ip"]).get(reverse("annual_catalogue_detail", args=[catalogue.pk]))
    assert '研发费用 ≤ 营业收入 <span class="small text-body-secondary">— 研发费用不应超过营业收入' in (
        page.content.decode()
    )


def test_an_unknown_catalogue_is_not_found(client_as, personas):
    response = client_as(personas["enterprise_user"]).get(reverse("annual_catalogue_detail", args=[999999]))
    assert response.status_code == 404


def test_the_standards_page_links_to_the_catalogues(client_as, personas):
    page = client_as(personas["enterprise_user"]).get(reverse("library_list")).content.decode()
    assert f'href="{reverse("annual_catalogue_list")}"' in page


def test_the_list_keeps_its_query_count_as_versions_years_and_reports_are_added(
    client_as, personas, tmp_path
):
    catalogue_load(path=SAMPLE)
    sample = SAMPLE.read_text(encoding="utf-8")

    def add_rows(n):
        for i in range(n):
            path = tmp_path / f"v{i + 2}.yaml"
            path.write_text(sample.replace("version: 1", f"version: {i + 2}"), encoding="utf-8")
            catalogue = catalogue_load(path=path).catalogue
            open_year(2030 + i, catalogue)
            AnnualReport.objects.create(enterprise=EnterpriseFactory(), year=2030 + i, catalogue=catalogue)

    assert_queries_do_not_grow(
        client_as(personas["enterprise_user"]), reverse("annual_catalogue_list"), add_rows, more=5
    )


def test_the_page_keeps_its_query_count_as_groups_indicators_and_years_are_added(client_as, personas):
    catalogue = catalogue_load(path=SAMPLE).catalogue

    def add_rows(n):
        for i in range(n):
            group = IndicatorGroup.objects.create(
                catalogue=catalogue, code=f"g{i}", name_zh=f"组{i}", sort_order=10 + i
            )
            Indicator.objects.create(
                catalogue=catalogue,
                group=group,
                code=f"extra_{i}",
                label_zh=f"指标{i}",
                unit="count",
                downstream={"tc554": f"字段{i}"},
                choices=[],
                sort_order=100 + i,
            )
            open_year(2040 + i, catalogue)

    assert_queries_do_not_grow(
        client_as(personas["enterprise_user"]),
        reverse("annual_catalogue_detail", args=[catalogue.pk]),
        add_rows,
    )
