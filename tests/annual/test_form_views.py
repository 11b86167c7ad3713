"""The report pages: the list and starting a year, the form (htmx saves, 422 refusals, the fallback
without JavaScript), warnings, submit, the district's decisions, history, the review list, read-only
views per persona, and query counts that do not grow."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from innopilot.annual import services
from innopilot.annual.models import AnnualReport, PlausibilityWarning, ReportingYear
from innopilot.annual.values import values_of
from tests.annual.catalogue_builders import small_catalogue
from tests.annual.form_builders import DATA_YEAR, VALID, fill, open_year, started, stored_report
from tests.conftest import login
from tests.factories import EnterpriseFactory, UserFactory
from tests.helpers import assert_queries_do_not_grow

HTMX = {"HTTP_HX_REQUEST": "true"}


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


def html_of(response) -> str:
    return response.content.decode()


def value_url(report, code):
    return reverse("annual_value_save", args=[report.pk, code])


def detail(report):
    return reverse("annual_report_detail", args=[report.pk])


def submit(user, report):
    services.report_submit(user, report)
    report.refresh_from_db()


# --- My reports ------------------------------------------------------------------------------------------


def test_the_list_offers_open_years_with_their_deadline_and_days_left(client, user, catalogue):
    open_year(catalogue, deadline=timezone.localdate() + datetime.timedelta(days=12))
    html = html_of(login(client, user).get(reverse("annual_report_list")))
    assert f'id="start-{DATA_YEAR}"' in html and "还剩 12 天" in html and "开始填报" in html
    assert 'id="no-reports"' in html


def test_starting_opens_the_form_and_the_list_then_shows_status_and_late_flag(client, user, catalogue):
    open_year(catalogue, deadline=timezone.localdate() - datetime.timedelta(days=1))
    response = login(client, user).post(reverse("annual_report_start"), {"year": DATA_YEAR})
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(report)
    fill(user, report)
    submit(user, report)
    html = html_of(client.get(reverse("annual_report_list")))
    assert f'id="report-{DATA_YEAR}"' in html and "已提交" in html and "逾期" in html
    assert f'id="start-{DATA_YEAR}"' not in html and f"{len(VALID)} / 14" in html


def test_starting_a_year_not_open_is_refused_with_400(client, user):
    response = login(client, user).post(reverse("annual_report_start"), {"year": DATA_YEAR})
    assert response.status_code == 400 and "未开放填报" in html_of(response)


# --- The form --------------------------------------------------------------------------------------------


def test_the_form_shows_groups_with_progress_and_inputs_matching_each_unit(client, user, catalogue):
    report = started(user, catalogue, values={"employees": "100"})
    stored_report(user.enterprise, catalogue, DATA_YEAR - 1, {"employees": "90"})
    html = html_of(login(client, user).get(detail(report)))
    assert 'id="g-finance"' in html and "已填 0/3" in html and "必填 0/2" in html  # finance
    assert 'id="g-people"' in html and "已填 1/2" in html
    assert 'name="operating_revenue"' in html and "万元</span>" in html  # money with its suffix
    assert "人</span>" in html and "件</span>" in html and "年</span>" in html  # people, patents, years
    assert 'type="radio" name="ip_strategy" value="1"' in html  # yes/no as radios
    assert '<select class="form-select" name="ownership"' in html and "民营" in html  # choices
    assert "自我声明" in html  # self-declared indicators are marked
    assert f"{DATA_YEAR - 1}年：90" in html  # last year's value beside the field
    assert 'hx-post="' + value_url(report, "employees") in html


def test_an_htmx_save_answers_the_field_with_ratios_and_progress_out_of_band(client, user, report):
    response = login(client, user).post(value_url(report, "rd_expense"), {"rd_expense": "80"}, **HTMX)
    html = html_of(response)
    assert response.status_code == 200 and response["HX-Trigger"] == "valueSaved"
    assert html.startswith('<div id="f-rd_expense"')
    assert 'value="80.00"' in html and "已保存" in html
    assert 'id="ratios-panel" class="card mt-3" hx-swap-oob="true"' in html
    assert "8.00%" in html  # R&D intensity: 80 / 1000
    assert 'id="form-progress" class="card" hx-swap-oob="true"' in html
    assert values_of(report)["rd_expense"] == Decimal("80")


def test_a_ratio_waits_for_its_inputs_and_says_which(client, user, catalogue):
    report = started(user, catalogue, values={"rd_expense": "50"})
    html = html_of(login(client, user).get(detail(report)))
    assert "待填写：营业收入" in html and "研发费用 ÷ 营业收入" in html


def test_a_cross_field_refusal_answers_422_naming_both_fields_beside_both(client, user, report):
    response = login(client, user).post(value_url(report, "rd_staff"), {"rd_staff": "150"}, **HTMX)
    html = html_of(response)
    assert response.status_code == 422
    message = "研发人员（150）不能大于职工总数（100）。"
    assert (
        f'<div class="invalid-feedback d-block field-error" id="err-rd_staff" role="alert">{message}</div>'
        in html
    )
    assert 'value="150"' in html  # what was typed stays in the input
    assert 'id="notes-employees" hx-swap-oob="true"' in html and html.count(message) == 2
    assert "valueSaved from:body" in html  # tried again once another value is saved
    assert values_of(report)["rd_staff"] == 20


def test_an_unreadable_value_answers_422_with_the_message_inline(client, user, report):
    response = login(client, user).post(value_url(report, "employees"), {"employees": "一百"}, **HTMX)
    assert response.status_code == 422 and "请填写数字。" in html_of(response)
    assert "valueSaved from:body" not in html_of(response)


def test_a_stored_cross_field_problem_is_shown_beside_both_fields_and_in_the_summary(client, user, report):
    report.values.filter(indicator__code="employees").update(number=10)  # as an import could leave it
    html = html_of(login(client, user).get(detail(report)))
    message = "研发人员（20）不能大于职工总数（10）。"
    assert html.count(message) == 3  # beside 研发人员, beside 职工总数, in the summary
    assert 'id="submit-button" disabled' in html


def test_without_javascript_the_whole_form_saves_all_or_nothing(client, user, report):
    posted = dict(VALID, employees="200", rd_expense="x")
    response = login(client, user).post(detail(report), posted)
    assert response.status_code == 400 and "未保存任何数据" in html_of(response)
    assert 'value="x"' in html_of(response) and values_of(report)["employees"] == 100
    response = client.post(detail(report), dict(VALID, employees="200", rd_staff="150"))
    assert response.status_code == 302 and values_of(report)["rd_staff"] == 150


def test_without_htmx_a_single_field_save_returns_to_the_field(client, user, report):
    response = login(client, user).post(value_url(report, "employees"), {"employees": "120"})
    assert response.status_code == 302 and response["Location"] == detail(report) + "#f-employees"


def test_an_unknown_indicator_is_404(client, user, report):
    assert login(client, user).post(value_url(report, "nope"), {"nope": "1"}, **HTMX).status_code == 404


# --- Warnings and submitting -------------------------------------------------------------------------------


@pytest.fixture
def warned(user, catalogue, report):
    stored_report(user.enterprise, catalogue, DATA_YEAR - 1, {"operating_revenue": "400"})
    services.value_save(user, report, "operating_revenue", "1000.01")
    return PlausibilityWarning.objects.get(report=report)


def test_a_new_warning_appears_with_the_saved_field_and_in_the_panel(client, user, report, catalogue):
    stored_report(user.enterprise, catalogue, DATA_YEAR - 1, {"employees": "40"})
    html = html_of(login(client, user).post(value_url(report, "employees"), {"employees": "101"}, **HTMX))
    assert "较" in html and "152.50%" in html  # +152.50 % against last year's 40
    assert 'id="warnings-panel"' in html and 'hx-swap-oob="true"' in html
    assert 'id="submit-button" disabled' in html


def test_answering_a_warning_over_htmx_updates_it_and_the_submit_panel(client, user, report, warned):
    url = reverse("annual_warning_answer", args=[report.pk, warned.pk])
    response = login(client, user).post(url, {"explanation": ""}, **HTMX)
    assert response.status_code == 422 and "请说明该数值，或确认数值无误。" in html_of(response)
    response = client.post(url, {"explanation": "兼并了一家企业。"}, **HTMX)
    html = html_of(response)
    assert response.status_code == 200 and "已说明" in html and "兼并了一家企业。" in html
    assert 'id="submit-button"' in html and 'id="submit-button" disabled' not in html
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == detail(report) + f"#w-{warned.pk}"
    warned.refresh_from_db()
    assert warned.confirmed


def test_submitting_goes_to_the_history_and_a_refusal_lists_what_blocks(
    client, user, catalogue, report, warned
):
    response = login(client, user).post(reverse("annual_report_submit", args=[report.pk]))
    assert (
        response.status_code == 400
        and "营业收入" in html_of(response)
        and 'id="submit-error"' in html_of(response)
    )
    services.warning_answer(user, warned, confirm=True)
    response = client.post(reverse("annual_report_submit", args=[report.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "annual_report_history", args=[report.pk]
    )
    html = html_of(client.get(response["Location"]))
    assert "第 1 次报送已记录" in html and 'data-decision="pending"' in html


# --- Read-only views and the district's decisions ---------------------------------------------------------


def test_officials_read_the_report_with_the_enterprises_answers_and_no_inputs(
    client, personas, user, report, warned
):
    services.warning_answer(user, warned, "新产品上市。")
    submit(user, report)
    for persona in ("jiangbei_official", "city_ip", "admin"):
        html = html_of(login(client, personas[persona]).get(detail(report)))
        assert 'id="report-form"' not in html and 'name="operating_revenue"' not in html
        assert "企业说明：" in html and "新产品上市。" in html
        assert "1,000.01 万元" in html
        assert ('id="review-card"' in html) == (persona == "jiangbei_official")


def test_the_enterprise_sees_its_submitted_report_read_only(client, user, report):
    submit(user, report)
    html = html_of(login(client, user).get(detail(report)))
    assert 'id="submitted-note"' in html and 'name="employees"' not in html and 'id="review-card"' not in html
    assert (
        login(client, user).post(value_url(report, "employees"), {"employees": "1"}, **HTMX).status_code
        == 403
    )


def test_the_district_returns_with_a_comment_and_the_enterprise_reads_it(client, user, district, report):
    submit(user, report)
    url = reverse("annual_report_return", args=[report.pk])
    response = login(client, district).post(url, {"comment": ""})
    assert response.status_code == 400 and "请说明需要企业修改的内容" in html_of(response)
    response = client.post(url, {"comment": "请核对职工总数。"})
    assert response.status_code == 302
    html = html_of(login(client, user).get(detail(report)))
    assert 'id="return-comment"' in html and "请核对职工总数。" in html and 'name="employees"' in html
    assert "重新报送" in html


def test_the_district_accepts_and_the_enterprise_may_then_request_a_correction(
    client, user, district, report
):
    submit(user, report)
    response = login(client, district).post(reverse("annual_report_accept", args=[report.pk]))
    assert response.status_code == 302
    html = html_of(login(client, user).get(detail(report)))
    assert 'id="accepted-note"' in html and 'id="correction-request"' in html
    url = reverse("annual_correction_request", args=[report.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "漏报了2件专利。"}).status_code == 302
    html = html_of(client.get(detail(report)))
    assert 'id="correction-note"' in html and "漏报了2件专利。" in html and "报送更正" in html


def test_the_district_rejects_a_correction_with_a_comment(client, user, district, report):
    submit(user, report)
    services.report_accept(district, report)
    services.correction_request(user, report, "改职工数。")
    services.value_save(user, report, "employees", "120")
    submit(user, report)
    html = html_of(login(client, district).get(detail(report)))
    assert "审核更正" in html and 'id="reject-form"' in html and 'id="return-form"' not in html
    url = reverse("annual_correction_reject", args=[report.pk])
    assert client.post(url, {"comment": ""}).status_code == 400
    assert client.post(url, {"comment": "以社保人数为准。"}).status_code == 302
    assert values_of(report)["employees"] == 100
    html = html_of(login(client, user).get(detail(report)))
    assert 'id="rejection-comment"' in html and "以社保人数为准。" in html


def test_the_history_shows_each_version_its_hash_decision_and_what_changed(client, user, district, report):
    submit(user, report)
    services.report_return(district, report, "请核对职工总数。")
    services.value_save(user, report, "employees", "105")
    submit(user, report)
    html = html_of(login(client, district).get(reverse("annual_report_history", args=[report.pk])))
    first, second = report.submissions.order_by("number")
    assert second.content_hash[:12] in html and first.content_hash[:12] in html
    assert "请核对职工总数。" in html and 'data-kind="resubmission"' in html
    assert "与第 1 次报送相比有 1 处变化" in html
    row = html.split('<tr data-code="employees">')[1].split("</tr>")[0]
    assert ">100<" in row and ">105<" in row


# --- The district's review list ---------------------------------------------------------------------------


def test_the_review_list_shows_the_districts_submitted_reports_oldest_first(client, personas, catalogue):
    open_year(catalogue, deadline=timezone.localdate() - datetime.timedelta(days=1))
    jiangbei = personas["jiangbei_official"].managing_unit
    reports = []
    for name in ("甲企业", "乙企业"):
        enterprise = EnterpriseFactory(managing_unit=jiangbei, name=name)
        owner = UserFactory(role="enterprise", enterprise=enterprise)
        report = services.report_start(owner, DATA_YEAR)
        fill(owner, report)
        submit(owner, report)
        reports.append(report)
    yubei_report = started(personas["enterprise_user"], catalogue)
    submit(personas["enterprise_user"], yubei_report)
    html = html_of(login(client, personas["jiangbei_official"]).get(reverse("annual_review_list")))
    assert html.index("甲企业") < html.index("乙企业") and "重庆渝北示例科技有限公司" not in html
    assert "逾期" in html and "审核" in html
    city = html_of(login(client, personas["city_ip"]).get(reverse("annual_review_list")))
    assert "重庆渝北示例科技有限公司" in city and "只读" in city
    filtered = html_of(client.get(reverse("annual_review_list") + f"?year={DATA_YEAR - 1}"))
    assert 'id="no-reviews"' in filtered


def test_officials_list_reports_of_any_status_and_the_city_narrows_to_one_unit(client, personas, catalogue):
    jiangbei, yubei = personas["jiangbei_official"].managing_unit, personas["yubei_official"].managing_unit
    returned = stored_report(
        EnterpriseFactory(managing_unit=jiangbei, name="退回企业"),
        catalogue,
        DATA_YEAR,
        {},
        status="returned",
    )
    stored_report(
        EnterpriseFactory(managing_unit=jiangbei, name="草稿企业"), catalogue, DATA_YEAR, {}, status="draft"
    )
    stored_report(
        EnterpriseFactory(managing_unit=yubei, name="渝北退回企业"),
        catalogue,
        DATA_YEAR,
        {},
        status="returned",
    )
    url = reverse("annual_review_list")
    district = html_of(login(client, personas["jiangbei_official"]).get(url + "?status=returned"))
    assert "退回企业" in district and "草稿企业" not in district and "渝北退回企业" not in district
    assert f'id="report-status-{returned.pk}"' in district
    # A district cannot widen its scope with another unit's code: the filter is ignored.
    assert "渝北退回企业" not in html_of(client.get(url + f"?status=returned&unit={yubei.code}"))
    assert "草稿企业" in html_of(client.get(url + "?status=all"))
    city = html_of(login(client, personas["city_ip"]).get(url + f"?status=returned&unit={yubei.code}"))
    assert "渝北退回企业" in city and "退回企业</a>" not in city.replace("渝北退回企业</a>", "")


def test_the_overview_links_its_counts_to_the_list_of_those_reports(client, personas, catalogue):
    open_year(catalogue)
    jiangbei = personas["jiangbei_official"].managing_unit
    stored_report(EnterpriseFactory(managing_unit=jiangbei), catalogue, DATA_YEAR, {}, status="returned")
    html = html_of(
        login(client, personas["jiangbei_official"]).get(reverse("annual_overview") + f"?year={DATA_YEAR}")
    )
    assert (
        f"{reverse('annual_review_list')}?status=returned&amp;unit={jiangbei.code}&amp;year={DATA_YEAR}"
        in html
    )
    assert 'id="annual-review-link"' in html and reverse("annual_export_form") in html


def test_the_enterprise_page_lists_its_annual_reports_for_the_enterprise_and_officials_in_scope(
    client, personas, catalogue
):
    enterprise = personas["enterprise_user"].enterprise
    report = stored_report(enterprise, catalogue, DATA_YEAR, {}, status="accepted")
    url = reverse("enterprise_detail", args=[enterprise.uscc])
    for persona in ("enterprise_user", "yubei_official", "city_ip"):
        html = html_of(login(client, personas[persona]).get(url))
        assert 'id="enterprise-annual-reports"' in html
        assert reverse("annual_report_detail", args=[report.pk]) in html


# --- Navigation and query counts --------------------------------------------------------------------------


def test_enterprise_users_find_annual_data_in_the_navigation(client, personas):
    html = html_of(login(client, personas["enterprise_user"]).get(reverse("home")))
    assert 'id="nav-annual"' in html and reverse("annual_report_list") in html
    assert 'id="nav-annual"' not in html_of(login(client, personas["yubei_official"]).get(reverse("home")))


def test_the_list_keeps_its_query_count_as_reports_and_years_grow(client, user, catalogue):
    open_year(catalogue)
    services.report_start(user, DATA_YEAR)
    login(client, user)

    def add(count):
        for year in range(DATA_YEAR - count, DATA_YEAR):
            ReportingYear.objects.create(year=year, catalogue=catalogue, deadline=timezone.localdate())
            if year % 2:
                stored_report(user.enterprise, catalogue, year, {"employees": "5", "rd_staff": "1"})

    assert_queries_do_not_grow(client, reverse("annual_report_list"), add, more=6)


def test_the_review_list_keeps_its_query_count_as_reports_grow(client, district, catalogue):
    jiangbei = district.managing_unit
    login(client, district)

    def add(count):
        for _ in range(count):
            report = stored_report(
                EnterpriseFactory(managing_unit=jiangbei), catalogue, DATA_YEAR, {"employees": "5"}
            )
            report.submitted_at = timezone.now()
            report.save()
            PlausibilityWarning.objects.create(
                report=report, indicator=catalogue.indicators.get(code="employees"), kind="change", value=5
            )

    add(1)
    assert_queries_do_not_grow(client, reverse("annual_review_list"), add, more=8)


@pytest.mark.parametrize("persona", ["other_enterprise_user", "jiangbei_official"])
def test_the_form_keeps_its_query_count_as_values_warnings_and_submissions_grow(
    client, personas, persona, user, district, catalogue
):
    report = started(user, catalogue, values={"employees": "100"})
    login(client, personas[persona])

    def add(count):
        fill(user, report)
        stored_report(
            user.enterprise, catalogue, DATA_YEAR - 1, {"operating_revenue": "100", "employees": "10"}
        )
        services.value_save(user, report, "operating_revenue", "1001")
        services.value_save(user, report, "employees", "101")
        for warning in PlausibilityWarning.objects.filter(report=report):
            services.warning_answer(user, warning, "原因")
        for _ in range(count):
            submit(user, report)
            services.report_return(district, report, "再看看")

    assert_queries_do_not_grow(client, detail(report), add, more=3)
    assert_queries_do_not_grow(
        client,
        reverse("annual_report_history", args=[report.pk]),
        lambda n: [
            (submit(user, report), services.report_return(district, report, "再看看")) for _ in range(n)
        ],
        more=3,
    )
