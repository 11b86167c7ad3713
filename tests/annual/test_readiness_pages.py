"""Readiness pages: a report's checks rule by rule (live while the enterprise edits, stored once
submitted), the officials' list of who passes or nearly passes, and its Excel export."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from innopilot.annual.models import AnnualReport, ReadinessResult
from innopilot.annual.readiness import refresh_for
from innopilot.directory.models import IndustryDivision
from tests.annual.readiness_builders import (
    STRONG_2022,
    STRONG_2023,
    STRONG_2024,
    bundled_catalogue,
    report_with,
    set_values,
)
from tests.conftest import login
from tests.factories import EnterpriseFactory
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    return bundled_catalogue()


def history(enterprise, catalogue):
    report_with(enterprise, catalogue, 2022, STRONG_2022, status=AnnualReport.Status.ACCEPTED)
    report_with(enterprise, catalogue, 2023, STRONG_2023, status=AnnualReport.Status.ACCEPTED)


@pytest.fixture
def draft(personas, jiangbei_enterprise, catalogue):
    """江北's 2024 report in progress (its user is ``other_enterprise_user``)."""
    jiangbei_enterprise.industry = IndustryDivision.objects.get(code="39")
    jiangbei_enterprise.established_on = datetime.date(2015, 6, 1)
    jiangbei_enterprise.save()
    history(jiangbei_enterprise, catalogue)
    return report_with(jiangbei_enterprise, catalogue, 2024, STRONG_2024)


def page(client, user, report, language="zh-hans"):
    login(client, user)
    with translation.override(language):
        return client.get(reverse("annual_readiness", args=[report.pk]), HTTP_ACCEPT_LANGUAGE=language)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def row(response, check: str, rule: str) -> str:
    html = response.content.decode()
    start = html.index(f'id="rule-{check}-{rule}"')
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[start : html.index("</tr>", start)]))


def test_the_enterprise_sees_every_check_rule_by_rule_with_the_disclaimer(client, personas, draft):
    response = page(client, personas["other_enterprise_user"], draft)
    assert response.status_code == 200
    content = text_of(response)
    assert "仅供参考，不代表官方认定结果" in content
    assert "根据目前已填写的数值即时计算" in content
    for check in (
        "is_sme",
        "innovative_sme_score",
        "zjtx_score",
        "zjtx_basic",
        "little_giant",
        "ip_advantage_trial",
    ):
        assert f'id="check-{check}"' in response.content.decode()
    rd = row(response, "innovative_sme_score", "rd_intensity")
    assert "5.00%" in rd and "≥ 5%" in rd and "20 分（满分 20 分）" in rd


def test_a_rule_shows_its_value_threshold_result_and_marks(client, personas, draft):
    response = page(client, personas["other_enterprise_user"], draft, "en")
    niche = row(response, "zjtx_basic", "niche_years")
    assert "8" in niche and "Years in the niche market ≥ 2" in niche
    assert "met" in niche and "self-declared" in niche
    revenue = row(response, "zjtx_basic", "operating_revenue")
    assert "12,000.00 10,000 yuan" in revenue and "≥ 1000 10,000 yuan" in revenue
    scored = row(response, "innovative_sme_score", "rd_intensity")
    assert "5.00%" in scored and "≥ 5%" in scored and "20 of 20" in scored
    quality = row(response, "zjtx_score", "quality")
    assert "not reported, counted as 0" in quality and "5 of 5" in quality
    size = row(response, "is_sme", "employees")
    assert "large ≥ 1000, medium ≥ 300, small ≥ 20" in size
    assert "Industry: small enterprise" in text_of(response)


def test_the_live_page_follows_the_values_being_entered(client, personas, draft):
    set_values(draft, {"rd_expense": 200})  # 200 / 12000 = 1.67%
    response = page(client, personas["other_enterprise_user"], draft, "en")
    assert "5 of 20" in row(response, "innovative_sme_score", "rd_intensity")
    assert "not met" in row(response, "zjtx_basic", "rd_intensity")


def test_officials_see_the_results_stored_at_submission(client, personas, draft):
    AnnualReport.objects.filter(pk=draft.pk).update(status=AnnualReport.Status.SUBMITTED)
    draft.refresh_from_db()
    refresh_for(draft)
    set_values(draft, {"rd_expense": 200})  # not submitted: the stored results stay
    response = page(client, personas["jiangbei_official"], draft, "en")
    assert "from the submitted values" in text_of(response)
    assert "20 of 20" in row(response, "innovative_sme_score", "rd_intensity")
    city = page(client, personas["city_ip"], draft, "en")
    assert city.status_code == 200


def test_officials_see_a_draft_computed_live(client, personas, draft):
    response = page(client, personas["jiangbei_official"], draft, "en")
    assert "Computed now from the values entered so far" in text_of(response)


def test_others_are_told_the_report_does_not_exist(client, personas, draft):
    assert page(client, personas["yubei_official"], draft).status_code == 404
    assert page(client, personas["enterprise_user"], draft).status_code == 404
    assert page(client, personas["evaluator"], draft).status_code == 403


def test_a_missing_input_is_marked_and_leaves_the_check_unknown(
    client, personas, jiangbei_enterprise, catalogue
):
    report = report_with(jiangbei_enterprise, catalogue, 2024, {"employees": 50})
    response = page(client, personas["other_enterprise_user"], report, "en")
    assert "data missing" in row(response, "zjtx_basic", "rd_expense")
    assert "not reported" in row(response, "zjtx_basic", "rd_expense")
    assert "No size limits" in text_of(response)  # no industry recorded


# --- Officials' list -----------------------------------------------------------------------------------


@pytest.fixture
def listed(personas, jiangbei, yubei, catalogue, draft):
    """Stored results: 江北's strong report (submitted) and a weak one; a 渝北 strong report."""
    AnnualReport.objects.filter(pk=draft.pk).update(status=AnnualReport.Status.SUBMITTED)
    refresh_for(draft)
    weak = report_with(
        EnterpriseFactory(managing_unit=jiangbei, name="江北弱企业"), catalogue, 2024, {"employees": 5}
    )
    AnnualReport.objects.filter(pk=weak.pk).update(status=AnnualReport.Status.SUBMITTED)
    refresh_for(weak)
    other = EnterpriseFactory(
        managing_unit=yubei, name="渝北强企业", industry=IndustryDivision.objects.get(code="39")
    )
    history(other, catalogue)
    strong = report_with(other, catalogue, 2024, STRONG_2024, status=AnnualReport.Status.ACCEPTED)
    refresh_for(strong)
    return {"strong": draft, "weak": weak, "yubei": strong}


def listing(client, user, query=""):
    login(client, user)
    with translation.override("en"):
        return client.get(reverse("annual_readiness_list") + query, HTTP_ACCEPT_LANGUAGE="en")


def test_the_list_shows_who_passes_or_nearly_passes_the_first_check_of_the_latest_year(
    client, personas, listed
):
    response = listing(client, personas["city_ip"])
    content = text_of(response)
    assert response.status_code == 200
    assert f'id="result-{ReadinessResult.objects.get(report=listed["strong"], check_code="is_sme").pk}"' in (
        response.content.decode()
    )
    assert "重庆江北示例制造有限公司" in content and "渝北强企业" in content
    assert "江北弱企业" not in content  # no industry recorded: its size class is unknown


def test_the_list_filters_by_check_outcome_and_unit(client, personas, listed):
    response = listing(client, personas["city_ip"], "?check=zjtx_score&outcome=pass")
    content = text_of(response)
    assert "重庆江北示例制造有限公司" in content and "渝北强企业" in content and "江北弱企业" not in content
    response = listing(client, personas["city_ip"], "?check=zjtx_score&outcome=unknown")
    assert "江北弱企业" in text_of(response) and "渝北强企业" not in text_of(response)
    response = listing(client, personas["city_ip"], "?check=zjtx_score&outcome=pass&unit=500112")
    assert "渝北强企业" in text_of(response) and "重庆江北示例制造有限公司" not in text_of(response)


def test_a_district_sees_only_its_own_enterprises(client, personas, listed):
    response = listing(client, personas["jiangbei_official"], "?check=zjtx_score&outcome=all")
    content = text_of(response)
    assert "重庆江北示例制造有限公司" in content and "渝北强企业" not in content
    assert (
        'id="readiness-filters"' in response.content.decode()
        and 'name="unit"' not in response.content.decode()
    )


def test_the_counts_show_each_outcome_of_the_check(client, personas, listed):
    html = listing(client, personas["city_ip"], "?check=zjtx_score").content.decode()
    assert re.search(r'id="count-pass">2<', html) and re.search(r'id="count-unknown">1<', html)


def test_a_returned_reports_results_are_neither_listed_nor_exported(client, personas, listed):
    AnnualReport.objects.filter(pk=listed["yubei"].pk).update(status=AnnualReport.Status.RETURNED)
    response = listing(client, personas["city_ip"], "?check=zjtx_score&outcome=all")
    assert "渝北强企业" not in text_of(response) and "重庆江北示例制造有限公司" in text_of(response)
    assert re.search(r'id="count-pass">1<', response.content.decode())
    export = client.get(reverse("annual_readiness_export") + "?check=zjtx_score&outcome=all")
    names = [line[1] for line in list(load_workbook(io.BytesIO(export.content)).active.values)[1:]]
    assert sorted(names) == sorted(["重庆江北示例制造有限公司", "江北弱企业"])


def test_the_list_is_refused_to_enterprises(client, personas, listed):
    assert listing(client, personas["other_enterprise_user"]).status_code == 403


def test_the_lists_query_count_does_not_grow_with_its_rows(client, personas, listed, catalogue, jiangbei):
    login(client, personas["city_ip"])

    def add_rows(count):
        for index in range(count):
            enterprise = EnterpriseFactory(
                managing_unit=jiangbei, industry=IndustryDivision.objects.get(code="39")
            )
            report = report_with(enterprise, catalogue, 2024, {**STRONG_2024, "employees": 100 + index})
            refresh_for(report)

    assert_queries_do_not_grow(client, reverse("annual_readiness_list") + "?outcome=all", add_rows)


def test_the_export_has_one_row_per_enterprise_and_the_rules_values(client, personas, listed):
    login(client, personas["city_ip"])
    response = client.get(reverse("annual_readiness_export") + "?check=zjtx_basic&outcome=all")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    headers = rows[0]
    assert headers[:3] == ("统一社会信用代码", "企业名称", "管理单位")
    assert "从事特定细分市场年限" in headers and "从事特定细分市场年限：结果" in headers
    names = [line[1] for line in rows[1:]]
    assert sorted(names) == sorted(["重庆江北示例制造有限公司", "江北弱企业", "渝北强企业"])
    strong = next(line for line in rows[1:] if line[1] == "重庆江北示例制造有限公司")
    column = headers.index("从事特定细分市场年限")
    assert (strong[column], strong[column + 1]) == ("8", "符合")
