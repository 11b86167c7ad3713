"""An enterprise's Excel round-trip: download its template, fill it in, upload, see the changes,
confirm; every problem refused by row, column and field with nothing written."""

import io
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from innopilot.annual import signals
from innopilot.annual.excel import layout
from innopilot.annual.excel import services as excel_services
from innopilot.annual.models import AnnualReport, IndicatorValue
from innopilot.annual.values import values_of
from innopilot.common.errors import DomainError
from tests.annual.catalogue_builders import small_catalogue
from tests.annual.excel_helpers import column_of, data_sheet, filled, report_with, upload_of

pytestmark = pytest.mark.django_db

VALID = {
    "ownership": "private",
    "operating_revenue": "5000.00",
    "main_business_revenue": "4000.00",
    "employees": 100,
    "rd_staff": 20,
    "rd_expense": "300.00",
    "valid_invention_patents": 12,
}


@pytest.fixture
def catalogue():
    return small_catalogue()


@pytest.fixture
def report(personas, yubei_enterprise, catalogue):
    return report_with(yubei_enterprise, catalogue, **VALID)


@pytest.fixture
def enterprise_client(client_as, personas):
    return client_as(personas["enterprise_user"])


def template_of(client, report) -> bytes:
    response = client.get(reverse("annual_template", args=[report.pk]))
    assert response.status_code == 200
    return b"".join(response) if response.streaming else response.content


def upload(client, report, file):
    with translation.override("zh-hans"):
        return client.post(
            reverse("annual_upload", args=[report.pk]), {"file": file}, HTTP_ACCEPT_LANGUAGE="zh-hans"
        )


def confirm(client, report, response):
    token = response.context["confirm"].initial["token"]
    return client.post(reverse("annual_upload_confirm", args=[report.pk]), {"token": token})


def test_round_trip_download_fill_upload_confirm_stores_the_values(enterprise_client, report, personas):
    received = []

    def remember(sender, report, codes, **kwargs):
        received.append((report.pk, set(codes)))

    signals.values_changed.connect(remember)
    try:
        content = template_of(enterprise_client, report)
        file = filled(
            content, {"operating_revenue": 6200.5, "rd_staff": 25, "ip_strategy": "是", "net_profit": -12}
        )
        checked = upload(enterprise_client, report, file)
        assert checked.status_code == 200
        lines = {line.code: (line.before, line.after) for line in checked.context["lines"]}
        assert lines == {
            "operating_revenue": ("5,000.00", "6,200.50"),
            "net_profit": ("—", "-12.00"),
            "rd_staff": ("20", "25"),
            "ip_strategy": ("—", "是"),
        }
        assert values_of(report)["operating_revenue"] == Decimal("5000.00")  # nothing before confirming
        done = confirm(enterprise_client, report, checked)
    finally:
        signals.values_changed.disconnect(remember)
    assert done.status_code == 302
    values = values_of(report)
    assert values["operating_revenue"] == Decimal("6200.50")
    assert values["net_profit"] == Decimal("-12.00")
    assert values["rd_staff"] == Decimal(25)
    assert values["ip_strategy"] == Decimal(1)
    assert values["ownership"] == "private"  # untouched
    assert received == [(report.pk, {"operating_revenue", "net_profit", "rd_staff", "ip_strategy"})]
    entries = LogEntry.objects.get_for_model(IndicatorValue).filter(actor=personas["enterprise_user"])
    assert entries.filter(action=LogEntry.Action.UPDATE).count() == 2
    assert entries.filter(action=LogEntry.Action.CREATE).count() == 2
    assert all(entry.additional_data["source"] == "Excel upload: filled.xlsx" for entry in entries)


def test_template_holds_headers_codes_the_reports_values_and_drop_downs(enterprise_client, report):
    book = load_workbook(io.BytesIO(template_of(enterprise_client, report)))
    assert book.sheetnames[:2] == [layout.INSTRUCTIONS_SHEET, layout.DATA_SHEET]
    sheet = book[layout.DATA_SHEET]
    headers = [cell.value for cell in sheet[1]]
    codes = [cell.value for cell in sheet[2]]
    assert headers[:4] == ["统一社会信用代码", "企业名称", "管理单位", "数据年度"]
    assert codes[:4] == ["uscc", "enterprise_name", "managing_unit", "data_year"]
    assert headers[codes.index("operating_revenue")] == "营业收入（万元）"
    assert headers[codes.index("ip_strategy")] == "制定知识产权战略（是/否）"
    row = {code: cell.value for code, cell in zip(codes, sheet[3], strict=True)}
    assert row["uscc"] == report.enterprise.uscc and row["data_year"] == 2025
    assert row["operating_revenue"] == 5000 and row["ownership"] == "民营" and row["employees"] == 100
    assert sheet.cell(row=3, column=codes.index("operating_revenue") + 1).number_format == "0.00"
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    ownership = f"{sheet.cell(row=3, column=codes.index('ownership') + 1).column_letter}3"
    assert any(ownership in ref for ref in lists), "the choice column has a drop-down"
    assert book[layout.LISTS_SHEET].sheet_state == "hidden"
    words = " ".join(
        str(c.value) for row in book[layout.INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value
    )
    assert "urn:innopilot:annual:test" in words
    assert "研发人员 ≤ 职工总数" in words  # cross-field rules in words


def test_a_bad_cell_is_refused_with_its_row_column_and_message_and_nothing_is_written(
    enterprise_client, report
):
    before = values_of(report)
    file = filled(template_of(enterprise_client, report), {"rd_expense": "很多", "operating_revenue": 7000})
    response = upload(enterprise_client, report, file)
    assert response.status_code == 400
    (problem,) = response.context["check"].problems
    sheet = data_sheet(template_of(enterprise_client, report))
    assert problem["row"] == 3
    assert problem["column"] == sheet.cell(row=2, column=column_of(sheet, "rd_expense")).column_letter
    assert problem["header"] == "研发费用（万元）"
    assert problem["code"] == "rd_expense"
    assert problem["value"] == "很多"
    assert problem["message"] == "请填写数字。"
    assert "confirm" not in response.context
    assert values_of(report) == before


def test_the_error_report_downloads_every_problem(enterprise_client, report):
    file = filled(template_of(enterprise_client, report), {"rd_expense": "很多", "employees": "1.5"})
    response = upload(enterprise_client, report, file)
    download = enterprise_client.post(
        reverse("annual_upload_report", args=[report.pk]), {"token": response.context["problems_token"]}
    )
    assert download.status_code == 200
    rows = list(load_workbook(io.BytesIO(download.content))["问题"].iter_rows(values_only=True))
    assert [(row[1], row[4]) for row in rows[1:]] == [(3, "employees"), (3, "rd_expense")]


def test_a_cross_field_error_names_both_fields(enterprise_client, report):
    file = filled(template_of(enterprise_client, report), {"rd_staff": 150})
    response = upload(enterprise_client, report, file)
    assert response.status_code == 400
    (problem,) = response.context["check"].problems
    assert problem["message"] == "研发人员（150）不能大于职工总数（100）。"
    assert problem["code"] == "rd_staff、employees"
    assert problem["header"] == "研发人员、职工总数"
    assert values_of(report)["rd_staff"] == Decimal(20)


def test_an_existing_rule_break_the_file_does_not_touch_does_not_block_it(enterprise_client, report):
    IndicatorValue.objects.filter(report=report, indicator__code="rd_staff").update(number=500)
    file = filled(template_of(enterprise_client, report), {"rd_staff": 500, "rd_expense": 310})
    response = upload(enterprise_client, report, file)
    assert response.status_code == 200
    assert [line.code for line in response.context["lines"]] == ["rd_expense"]


def test_required_fields_left_empty_do_not_block_a_draft_upload(
    enterprise_client, catalogue, yubei_enterprise
):
    empty = report_with(yubei_enterprise, catalogue, year=2026)
    file = filled(template_of(enterprise_client, empty), {"niche_years": 3})
    response = upload(enterprise_client, empty, file)
    assert response.status_code == 200
    assert [line.code for line in response.context["lines"]] == ["niche_years"]


def test_another_enterprises_file_is_refused(client, personas, jiangbei_enterprise, catalogue, report):
    theirs = report_with(jiangbei_enterprise, catalogue, **VALID)
    client.force_login(personas["other_enterprise_user"], backend="django.contrib.auth.backends.ModelBackend")
    their_file = template_of(client, theirs)
    client.force_login(personas["enterprise_user"], backend="django.contrib.auth.backends.ModelBackend")
    response = upload(client, report, filled(their_file, {"employees": 120}))
    assert response.status_code == 400
    message = response.context["form"].errors["file"][0]
    assert report.enterprise.uscc in message and jiangbei_enterprise.uscc in message
    assert values_of(report)["employees"] == Decimal(100)


def test_a_file_for_another_year_is_refused(enterprise_client, report):
    file = filled(template_of(enterprise_client, report), {"data_year": 2024, "employees": 120})
    response = upload(enterprise_client, report, file)
    assert response.status_code == 400
    assert "2024" in response.context["form"].errors["file"][0]
    assert "2025" in response.context["form"].errors["file"][0]


def test_tolerant_reading_full_width_thousands_words_labels_and_reordered_columns(enterprise_client, report):
    book = Workbook()
    sheet = book.active
    sheet.title = "随便"
    # Reordered columns, an extra column, a title row above the headers and codes.
    sheet.append(["2025年度数据（企业自填）"])
    sheet.append(
        [
            "备注",
            "营业收入（万元）",
            "制定知识产权战略（是/否）",
            "统一社会信用代码",
            "所有制类型",
            "职工总数",
        ]
    )
    sheet.append(["notes", "operating_revenue", "ip_strategy", "uscc", "ownership", "employees"])
    sheet.append(["随便写", "6,234.5", "是", report.enterprise.uscc.lower(), "国有", "１２０"])
    response = upload(enterprise_client, report, upload_of(book))
    assert response.status_code == 200, response.context["form"].errors if "form" in response.context else ""
    lines = {line.code: line.after for line in response.context["lines"]}
    assert lines == {
        "operating_revenue": "6,234.50",
        "ip_strategy": "是",
        "ownership": "国有",
        "employees": "120",
    }
    assert any("A（备注）" in note for note in response.context["check"].notes)
    confirm(enterprise_client, report, response)
    values = values_of(report)
    assert values["ownership"] == "state" and values["employees"] == Decimal(120)


def test_a_sheet_with_only_chinese_headers_is_read_by_its_headers(enterprise_client, report):
    book = Workbook()
    book.active.append(["统一社会信用代码", "研发费用", "研发人员（人）", "IP strategy"])
    book.active.append([report.enterprise.uscc, 320, 21, "否"])
    response = upload(enterprise_client, report, upload_of(book))
    assert response.status_code == 200
    assert {line.code: line.after for line in response.context["lines"]} == {
        "rd_expense": "320.00",
        "ip_strategy": "否",
    }
    assert any("研发人员（人）" in note for note in response.context["check"].notes)


def test_blank_cells_leave_stored_values_unchanged(enterprise_client, report):
    file = filled(template_of(enterprise_client, report), {"employees": None, "operating_revenue": ""})
    response = upload(enterprise_client, report, file)
    assert response.status_code == 200
    assert "lines" not in response.context or not response.context["lines"]
    assert "upload-unchanged" in response.content.decode()


def test_confirming_after_the_report_changed_writes_nothing(enterprise_client, report):
    response = upload(
        enterprise_client, report, filled(template_of(enterprise_client, report), {"employees": 130})
    )
    IndicatorValue.objects.filter(report=report, indicator__code="rd_staff").update(number=21)
    done = confirm(enterprise_client, report, response)
    assert done.status_code == 302
    assert values_of(report)["employees"] == Decimal(100)
    (message,) = enterprise_client.get(done["Location"]).context["messages"]
    assert message.level_tag == "error"
    with translation.override("zh-hans"):
        assert str(message) == _(
            "The report changed after the file was checked (someone saved values in the form). Upload "
            "the file again to see its changes against the current values."
        )


def test_a_report_submitted_while_the_confirmation_was_on_its_way_takes_nothing(
    enterprise_client, report, personas
):
    response = upload(
        enterprise_client, report, filled(template_of(enterprise_client, report), {"employees": 130})
    )
    token = response.context["confirm"].initial["token"]
    as_the_request_read_it = AnnualReport.objects.get(pk=report.pk)  # still a draft
    AnnualReport.objects.filter(pk=report.pk).update(status=AnnualReport.Status.SUBMITTED)  # meanwhile
    with pytest.raises(DomainError) as refused:
        excel_services.upload_confirm(
            actor=personas["enterprise_user"], report=as_the_request_read_it, token=token
        )
    assert "已提交" in refused.value.message  # its status as it is now
    assert values_of(report)["employees"] == Decimal(100)


def test_a_tampered_confirmation_is_refused(enterprise_client, report):
    done = enterprise_client.post(reverse("annual_upload_confirm", args=[report.pk]), {"token": "x:y:z"})
    assert done.status_code == 302
    assert values_of(report)["employees"] == Decimal(100)
    (message,) = enterprise_client.get(done["Location"]).context["messages"]
    assert message.level_tag == "error"


def test_a_submitted_report_takes_no_upload(enterprise_client, report):
    file = filled(template_of(enterprise_client, report), {"employees": 130})
    AnnualReport.objects.filter(pk=report.pk).update(status=AnnualReport.Status.SUBMITTED)
    assert upload(enterprise_client, report, file).status_code == 403
    page = enterprise_client.get(reverse("annual_upload", args=[report.pk]))
    assert page.status_code == 200 and 'id="upload-closed"' in page.content.decode()


def test_a_renamed_or_oversized_file_is_refused(enterprise_client, report, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("data.xlsx", b"<html>not a workbook</html>")
    response = upload(enterprise_client, report, fake)
    assert response.status_code == 400
    assert "XLSX" in response.context["form"].errors["file"][0]
    settings.ANNUAL_IMPORT_MAX_MB = 0
    response = upload(enterprise_client, report, filled(template_of(enterprise_client, report), {}))
    assert response.status_code == 400
    assert "0 MB" in response.context["form"].errors["file"][0]


def test_formulas_in_text_are_neutralised_in_the_template_and_read_back_as_typed(enterprise_client, report):
    file = filled(template_of(enterprise_client, report), {"gbt29490_certificate_no": '=HYPERLINK("x")'})
    confirm(enterprise_client, report, upload(enterprise_client, report, file))
    assert values_of(report)["gbt29490_certificate_no"] == '=HYPERLINK("x")'
    sheet = data_sheet(template_of(enterprise_client, report))
    cell = sheet.cell(row=3, column=column_of(sheet, "gbt29490_certificate_no"))
    assert cell.value == '\'=HYPERLINK("x")' and cell.data_type == "s"
    # The neutralised cell comes back as it was typed: uploading the template changes nothing.
    again = upload(enterprise_client, report, filled(template_of(enterprise_client, report), {}))
    assert not again.context.get("lines")
