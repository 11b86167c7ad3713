"""A unit's work mechanism: what it accepts, who may change it, and nothing half-written on a refusal."""

import io
import zipfile

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from innopilot.common.demo import minimal_pdf
from innopilot.common.errors import DomainError
from innopilot.directory.mechanisms.services import mechanism_save
from innopilot.directory.models import WorkMechanism

pytestmark = pytest.mark.django_db

FILLED = {
    "ip_department": "江北区市场监督管理局（知识产权局）",
    "ip_office": "知识产权科",
    "ip_contact_name": "陈静",
    "ip_contact_phone": "023-67851234",
    "econ_department": "江北区经济和信息化委员会",
    "econ_office": "中小企业科",
    "econ_contact_name": "杨帆",
    "econ_contact_phone": "13983001234",
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def pdf_upload(name="江北区工作推进计划.pdf", content=None):
    return SimpleUploadedFile(name, content or minimal_pdf("Work plan 500105"), "application/pdf")


def zip_upload(name: str, member: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "<xml/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()]


def test_a_district_official_records_its_units_mechanism_with_its_plan(personas, jiangbei, media_root):
    official = personas["jiangbei_official"]
    mechanism = mechanism_save(actor=official, unit=jiangbei, **FILLED, work_plan=pdf_upload())
    assert mechanism.ip_office == "知识产权科" and mechanism.updated_by == official
    assert mechanism.work_plan_name == "江北区工作推进计划.pdf"
    assert (
        mechanism.work_plan.name.startswith("work-plans/500105/") and "江北" not in mechanism.work_plan.name
    )
    assert mechanism.work_plan_uploaded_at is not None
    assert len(stored_files(media_root)) == 1
    entry = LogEntry.objects.get_for_object(mechanism).get()
    assert entry.actor == official and entry.changes["work_plan_name"][1] == "江北区工作推进计划.pdf"


def test_phones_typed_with_full_width_digits_and_spaces_are_tidied(personas, jiangbei):
    values = {
        **FILLED,
        "ip_contact_phone": "０２３－６７８５ １２３４",
        "econ_contact_phone": " 139 8300 1234 ",
    }
    mechanism = mechanism_save(actor=personas["jiangbei_official"], unit=jiangbei, **values)
    assert (mechanism.ip_contact_phone, mechanism.econ_contact_phone) == ("023-67851234", "13983001234")


@pytest.mark.parametrize("phone", ["12345", "1398300123", "23-67851234", "电话023-67851234"])
def test_a_malformed_phone_is_refused_in_chinese_and_nothing_is_written(
    personas, jiangbei, media_root, phone
):
    with pytest.raises(DomainError) as refused:
        mechanism_save(
            actor=personas["jiangbei_official"],
            unit=jiangbei,
            **{**FILLED, "econ_contact_phone": phone},
            work_plan=pdf_upload(),
        )
    assert refused.value.field == "econ_contact_phone" and "023-12345678" in refused.value.message
    assert "手机" in refused.value.message
    assert not WorkMechanism.objects.exists() and stored_files(media_root) == []


def test_replacing_the_plan_replaces_the_file(
    personas, jiangbei, media_root, django_capture_on_commit_callbacks
):
    official = personas["jiangbei_official"]
    with django_capture_on_commit_callbacks(execute=True):
        first = mechanism_save(actor=official, unit=jiangbei, **FILLED, work_plan=pdf_upload("计划.pdf"))
    old_path = media_root / first.work_plan.name
    with django_capture_on_commit_callbacks(execute=True):
        second = mechanism_save(
            actor=official, unit=jiangbei, **FILLED, work_plan=pdf_upload("计划（修订）.pdf")
        )
    assert second.pk == first.pk and second.work_plan_name == "计划（修订）.pdf"
    assert not old_path.exists() and stored_files(media_root) == [media_root / second.work_plan.name]
    assert LogEntry.objects.get_for_object(second).count() == 2


def test_saving_without_a_new_file_keeps_the_plan(personas, jiangbei, media_root):
    official = personas["jiangbei_official"]
    first = mechanism_save(actor=official, unit=jiangbei, **FILLED, work_plan=pdf_upload())
    again = mechanism_save(actor=official, unit=jiangbei, **{**FILLED, "ip_office": "知识产权保护科"})
    assert again.work_plan.name == first.work_plan.name and again.ip_office == "知识产权保护科"


def test_office_wps_and_ofd_documents_are_accepted(personas, jiangbei):
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
    for work_plan in (
        zip_upload("计划.docx", "word/document.xml"),
        zip_upload("计划.xlsx", "xl/workbook.xml"),
        zip_upload("计划.ofd", "OFD.xml"),
        SimpleUploadedFile("计划.doc", ole2),
        SimpleUploadedFile("计划.WPS", ole2),
        SimpleUploadedFile("计划.xls", ole2),
    ):
        mechanism = mechanism_save(
            actor=personas["jiangbei_official"], unit=jiangbei, **FILLED, work_plan=work_plan
        )
        assert mechanism.work_plan_name == work_plan.name


@pytest.mark.parametrize(
    ("work_plan", "message"),
    [
        (SimpleUploadedFile("计划.exe", b"MZ\x90\x00"), "PDF、Word、WPS、OFD 或 Excel"),
        (SimpleUploadedFile("计划.html", b"<html>"), "PDF、Word、WPS、OFD 或 Excel"),
        (SimpleUploadedFile("计划.pdf", b"MZ\x90\x00 a renamed program"), "不是 PDF 文件"),
        (SimpleUploadedFile("计划.docx", b"%PDF-1.4 not a zip"), "不是 DOCX 文件"),
        (zip_upload("计划.docx", "xl/workbook.xml"), "不是 DOCX 文件"),
        (zip_upload("计划.ofd", "word/document.xml"), "不是 OFD 文件"),
        (SimpleUploadedFile("计划.pdf", b""), "文件为空"),
    ],
)
def test_a_file_of_the_wrong_kind_is_refused_with_a_message(
    personas, jiangbei, media_root, work_plan, message
):
    with pytest.raises(DomainError) as refused:
        mechanism_save(actor=personas["jiangbei_official"], unit=jiangbei, **FILLED, work_plan=work_plan)
    assert refused.value.field == "work_plan" and message in refused.value.message
    assert not WorkMechanism.objects.exists() and stored_files(media_root) == []


def test_a_file_over_the_size_limit_is_refused(personas, jiangbei, media_root, settings):
    settings.WORK_PLAN_MAX_MB = 1
    big = pdf_upload(content=b"%PDF-1.4\n" + b"0" * (1024 * 1024))
    with pytest.raises(DomainError, match="大于 1 MB"):
        mechanism_save(actor=personas["jiangbei_official"], unit=jiangbei, **FILLED, work_plan=big)
    assert stored_files(media_root) == []


def test_a_refused_new_plan_leaves_the_current_one_in_place(personas, jiangbei, media_root):
    official = personas["jiangbei_official"]
    first = mechanism_save(actor=official, unit=jiangbei, **FILLED, work_plan=pdf_upload())
    with pytest.raises(DomainError):
        mechanism_save(
            actor=official, unit=jiangbei, **FILLED, work_plan=SimpleUploadedFile("x.pdf", b"GIF89a")
        )
    first.refresh_from_db()
    assert first.work_plan_name == "江北区工作推进计划.pdf" and (media_root / first.work_plan.name).exists()


@pytest.mark.parametrize(
    "persona", ["yubei_official", "city_ip", "city_econ", "enterprise_user", "evaluator"]
)
def test_only_the_units_own_officials_and_the_admin_may_save_it(personas, jiangbei, persona):
    with pytest.raises(DomainError):
        mechanism_save(actor=personas[persona], unit=jiangbei, **FILLED)
    assert mechanism_save(actor=personas["admin"], unit=jiangbei, **FILLED).updated_by == personas["admin"]
