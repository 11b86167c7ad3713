"""The import pages: upload, preview, confirm, progress, template and report downloads."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from innopilot.directory.imports.template import TEMPLATE_ROWS
from innopilot.directory.models import Enterprise, EnterpriseImport
from tests.directory.imports.helpers import codes, xlsx
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def upload(client, source, name="名单.xlsx"):
    data = source.getvalue() if hasattr(source, "getvalue") else source
    return client.post(reverse("enterprise_import"), {"file": SimpleUploadedFile(name, data)})


def test_a_district_uploads_checks_confirms_and_sees_the_enterprises(client_as, personas, yubei):
    client = client_as(personas["yubei_official"])
    code = codes(1)[0]
    response = upload(
        client,
        xlsx(
            [
                [
                    code,
                    "重庆甲科技有限公司",
                    "渝北",
                    "39",
                    "中型",
                    "2015-3-1",
                    "是",
                    "张三",
                    "13800001111",
                    "国家知识产权优势企业",
                    2025,
                ]
            ]
        ),
    )
    record = EnterpriseImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "enterprise_import_detail", args=[record.pk]
    )
    assert (record.status, record.managing_unit, record.uploaded_by) == (
        "ready",
        yubei,
        personas["yubei_official"],
    )
    page = client.get(response["Location"])
    assert "确认导入" in page.content.decode()
    assert not Enterprise.objects.filter(uscc=code).exists()
    stored = record.file.path
    assert os.path.exists(stored), "the upload is kept until the import is confirmed"
    response = client.post(reverse("enterprise_import_confirm", args=[record.pk]))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == "done" and record.outcome == [[code, "created"]]
    assert not record.file and not os.path.exists(stored), "a finished import keeps no personal data file"
    page = client.get(reverse("enterprise_import_detail", args=[record.pk])).content.decode()
    assert reverse("enterprise_detail", args=[code]) in page
    assert "国家知识产权优势企业（2025年认定，有效期至2028年）" in page


def test_a_file_with_errors_shows_them_in_chinese_and_cannot_be_confirmed(client_as, personas, yubei):
    client = client_as(personas["yubei_official"])
    upload(
        client,
        xlsx([[codes(1)[0], "甲公司", "江北区"]], headers=["统一社会信用代码", "企业名称", "管理单位"]),
    )
    record = EnterpriseImport.objects.get()
    assert record.status == "invalid" and record.error_count == 1
    assert not record.file, "a file that cannot be imported is not kept"
    page = client.get(reverse("enterprise_import_detail", args=[record.pk])).content.decode()
    assert "第 2 行" in page or "第2行" in page
    assert "C（管理单位）" in page and "只能导入本单位" in page
    assert client.post(reverse("enterprise_import_confirm", args=[record.pk])).status_code == 302
    record.refresh_from_db()
    assert record.status == "invalid"
    assert not Enterprise.objects.filter(name="甲公司").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0 old excel", "另存为 .xlsx"),
        ("notes.xlsx", b"this is not a workbook", "无法作为 Excel"),
        ("list.csv", b"a,b", "另存为 .xlsx"),
    ],
)
def test_files_that_are_not_xlsx_workbooks_are_refused_with_a_clear_message(
    client_as, personas, name, content, message
):
    response = upload(client_as(personas["city_ip"]), content, name=name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EnterpriseImport.objects.exists()


def test_a_file_above_the_size_limit_is_refused(client_as, personas, settings):
    settings.IMPORT_MAX_MB = 0
    response = upload(
        client_as(personas["city_ip"]), xlsx([[codes(1)[0], "甲"]], headers=["信用代码", "企业名称"])
    )
    assert response.status_code == 400 and "0 MB" in response.content.decode()


def test_a_large_file_is_checked_and_committed_in_the_background_with_progress(
    client_as, personas, settings, monkeypatch
):
    from django_tasks.signals import task_enqueued

    from innopilot.directory.imports import services

    settings.IMPORT_BACKGROUND_ROWS = 3
    enqueued = []

    def record_task(sender, task_result, **kwargs):
        enqueued.append(task_result.task.func.__name__)

    task_enqueued.connect(record_task)
    seen = []
    original_progress = services._progress

    def recording(record_id):
        report = original_progress(record_id)
        return lambda done: (seen.append(done), report(done))

    monkeypatch.setattr(services, "_progress", recording)
    monkeypatch.setattr("innopilot.directory.imports.checking.PROGRESS_EVERY", 2)
    client = client_as(personas["city_ip"])
    rows = [[code, f"企业{i}", "渝北"] for i, code in enumerate(codes(5))]
    try:
        upload(client, xlsx(rows, headers=["统一社会信用代码", "企业名称", "管理单位"]))
        record = EnterpriseImport.objects.get()
        assert enqueued == ["check_import"]
        assert (record.status, record.total_rows, record.processed_rows) == ("ready", 5, 5)
        assert seen[:2] == [2, 4]
        client.post(reverse("enterprise_import_confirm", args=[record.pk]))
    finally:
        task_enqueued.disconnect(record_task)
    record.refresh_from_db()
    assert enqueued == ["check_import", "commit_import"] and record.status == "done"
    assert Enterprise.objects.filter(name__startswith="企业").count() == 5


def test_the_progress_fragment_polls_while_running_and_reloads_the_page_when_done(client_as, personas):
    client = client_as(personas["city_ip"])
    record = EnterpriseImport.objects.create(
        uploaded_by=personas["city_ip"],
        original_name="a.xlsx",
        status="checking",
        total_rows=4000,
        processed_rows=1000,
    )
    response = client.get(
        reverse("enterprise_import_progress", args=[record.pk]), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert 'hx-trigger="every 1s"' in body and 'style="width: 25%"' in body
    assert (
        'hx-trigger="every 1s"'
        in client.get(reverse("enterprise_import_detail", args=[record.pk])).content.decode()
    )
    EnterpriseImport.objects.filter(pk=record.pk).update(status="ready")
    response = client.get(
        reverse("enterprise_import_progress", args=[record.pk]), headers={"HX-Request": "true"}
    )
    assert response["HX-Refresh"] == "true"


def test_the_template_has_instructions_and_drop_down_lists_and_a_districts_unit_filled_in(
    client_as, personas
):
    response = client_as(personas["yubei_official"]).get(reverse("enterprise_import_template"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["填写说明", "企业名单", "资格", "下拉选项"]
    assert book["下拉选项"].sheet_state == "hidden"
    assert "单元格留空表示保留" in " ".join(str(c.value) for c in book["填写说明"]["A"] if c.value)
    sheet = book["企业名单"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["统一社会信用代码", "企业名称", "管理单位"]
    formulas = {str(v.sqref).split(":")[0][0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert set(formulas) >= {"C", "E", "F"}  # unit, industry, size
    lists = book["下拉选项"]
    assert [c.value for c in lists["A"] if c.value] == ["unit", "渝北区"]
    assert sheet["C2"].value == "渝北区" and sheet[f"C{TEMPLATE_ROWS + 1}"].value == "渝北区"
    assert any(v.formula1 for v in book["资格"].data_validations.dataValidation)


def test_the_citys_template_lists_every_unit_and_imports_back_unchanged(client_as, personas):
    client = client_as(personas["city_ip"])
    content = client.get(reverse("enterprise_import_template")).content
    book = load_workbook(io.BytesIO(content))
    assert len([c for c in book["下拉选项"]["A"] if c.value]) == 1 + 41
    response = upload(client, content, name="模板.xlsx")
    record = EnterpriseImport.objects.get()
    assert response.status_code == 302 and record.status == "ready" and record.summary["rows"] == 0


def test_the_report_lists_problems_with_row_column_and_neutralised_values(client_as, personas):
    client = client_as(personas["city_ip"])
    upload(client, xlsx([["@SUM(1+1)", "甲公司"]], headers=["统一社会信用代码", "企业名称"]))
    record = EnterpriseImport.objects.get()
    response = client.get(reverse("enterprise_import_report", args=[record.pk]))
    assert response.status_code == 200 and "filename*" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    problems = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert problems[0][2:5] == (2, "A", "统一社会信用代码")
    assert problems[0][5] == "'@SUM(1+1)"


def test_the_report_of_a_committed_import_lists_created_enterprises(client_as, personas):
    client = client_as(personas["city_ip"])
    code = codes(1)[0]
    upload(client, xlsx([[code, "甲公司", "渝北"]], headers=["统一社会信用代码", "企业名称", "管理单位"]))
    record = EnterpriseImport.objects.get()
    client.post(reverse("enterprise_import_confirm", args=[record.pk]))
    book = load_workbook(
        io.BytesIO(client.get(reverse("enterprise_import_report", args=[record.pk])).content)
    )
    assert list(book.worksheets[2].iter_rows(min_row=2, values_only=True)) == [(code, "甲公司", "新建")]


def test_a_district_official_cannot_see_another_officials_import(client_as, personas):
    record = EnterpriseImport.objects.create(
        uploaded_by=personas["jiangbei_official"], original_name="a.xlsx", status="done"
    )
    client = client_as(personas["yubei_official"])
    for name in ("enterprise_import_detail", "enterprise_import_report", "enterprise_import_progress"):
        assert client.get(reverse(name, args=[record.pk])).status_code == 404
    assert client.post(reverse("enterprise_import_confirm", args=[record.pk])).status_code == 404
    assert "a.xlsx" not in client.get(reverse("enterprise_import")).content.decode()


def test_the_result_page_query_count_does_not_grow_with_imported_enterprises(client_as, personas, yubei):
    from innopilot.directory.models import Enterprise as Model
    from tests.factories import QualificationFactory

    user = personas["city_ip"]
    record = EnterpriseImport.objects.create(uploaded_by=user, original_name="a.xlsx", status="done")
    url = reverse("enterprise_import_detail", args=[record.pk])

    def add_rows(count):
        outcome = list(record.outcome)
        for code in codes(count):
            QualificationFactory(enterprise=Model.objects.create(uscc=code, name=code, managing_unit=yubei))
            outcome.append([code, "created"])
        EnterpriseImport.objects.filter(pk=record.pk).update(outcome=outcome)
        record.outcome = outcome

    add_rows(2)
    assert_queries_do_not_grow(client_as(user), url, add_rows)


def test_the_upload_page_query_count_does_not_grow_with_past_imports(client_as, personas):
    user = personas["jiangbei_official"]

    def add_rows(count):
        for i in range(count):
            EnterpriseImport.objects.create(uploaded_by=user, original_name=f"{i}.xlsx", status="done")

    add_rows(2)
    assert_queries_do_not_grow(client_as(user), reverse("enterprise_import"), add_rows)


def test_a_workbook_without_a_header_row_is_refused_and_nothing_is_stored(client_as, personas):
    response = upload(client_as(personas["city_ip"]), xlsx([["甲", "乙"]], headers=["序号", "备注"]))
    assert response.status_code == 400
    assert "未找到含“统一社会信用代码”列的表头行" in response.content.decode()
    assert not EnterpriseImport.objects.exists()


def test_the_commit_checks_again_and_refuses_what_changed_since_the_preview(client_as, personas, jiangbei):
    from tests.factories import EnterpriseFactory

    client = client_as(personas["yubei_official"])
    code = codes(1)[0]
    upload(client, xlsx([[code, "甲公司"]], headers=["统一社会信用代码", "企业名称"]))
    record = EnterpriseImport.objects.get()
    assert record.status == "ready"
    EnterpriseFactory(uscc=code, managing_unit=jiangbei, name="江北已登记公司")  # registered meanwhile
    client.post(reverse("enterprise_import_confirm", args=[record.pk]))
    record.refresh_from_db()
    assert record.status == "invalid" and "江北区" in record.errors[0]["message"]
    assert Enterprise.objects.get(uscc=code).name == "江北已登记公司"


def test_an_unexpected_failure_is_recorded_and_shown_without_changing_anything(
    client_as, personas, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("innopilot.directory.imports.services.file_check", broken)
    client = client_as(personas["city_ip"])
    upload(client, xlsx([[codes(1)[0], "甲公司"]], headers=["统一社会信用代码", "企业名称"]))
    record = EnterpriseImport.objects.get()
    assert record.status == "failed"
    page = client.get(reverse("enterprise_import_detail", args=[record.pk])).content.decode()
    assert "因意外错误，未能完成文件检查" in page and "disk on fire" not in page


def test_the_upload_itself_is_in_the_audit_trail_with_its_uploader(client_as, personas):
    from auditlog.models import LogEntry

    client = client_as(personas["jiangbei_official"])
    upload(
        client, xlsx([[codes(1)[0], "甲公司", "江北"]], headers=["统一社会信用代码", "企业名称", "管理单位"])
    )
    record = EnterpriseImport.objects.get()
    entry = LogEntry.objects.get_for_object(record).get()
    assert entry.actor == personas["jiangbei_official"] and entry.changes["original_name"] == [
        "None",
        "名单.xlsx",
    ]
