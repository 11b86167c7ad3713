"""Work-mechanism pages: a district edits its own, the city sees every unit's with what is missing."""

import io

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from innopilot.common.demo import minimal_pdf
from innopilot.directory.mechanisms.services import mechanism_save
from innopilot.directory.models import ManagingUnit, WorkMechanism
from tests.conftest import login
from tests.directory.test_mechanisms import FILLED
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def jiangbei_mechanism(personas, jiangbei):
    plan = SimpleUploadedFile("江北区工作推进计划.pdf", minimal_pdf("Jiangbei work plan"))
    return mechanism_save(actor=personas["jiangbei_official"], unit=jiangbei, **FILLED, work_plan=plan)


def test_a_district_official_fills_in_its_mechanism_through_the_form(client, personas, jiangbei):
    login(client, personas["jiangbei_official"])
    form = client.get(reverse("mechanism_edit", args=[jiangbei.code])).content.decode()
    assert 'value="江北区知识产权管理部门"' in form  # the region's department name as a start
    plan = SimpleUploadedFile("工作推进计划.pdf", minimal_pdf("plan"), "application/pdf")
    response = client.post(reverse("mechanism_edit", args=[jiangbei.code]), {**FILLED, "work_plan": plan})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "工作机制已完整" in page and "工作推进计划.pdf" in page
    entry = LogEntry.objects.get_for_model(WorkMechanism).get()
    assert entry.actor == personas["jiangbei_official"] and entry.remote_addr == "127.0.0.1"


def test_a_wrong_file_is_refused_on_the_form_in_chinese(client, personas, jiangbei):
    login(client, personas["jiangbei_official"])
    plan = SimpleUploadedFile("工作推进计划.pdf", b"<script>alert(1)</script>", "application/pdf")
    response = client.post(reverse("mechanism_edit", args=[jiangbei.code]), {**FILLED, "work_plan": plan})
    assert response.status_code == 400
    assert "不是 PDF 文件" in response.content.decode()
    assert not WorkMechanism.objects.exists()


def test_the_plan_downloads_under_its_original_name(client, personas, jiangbei_mechanism):
    login(client, personas["city_econ"])
    response = client.get(reverse("mechanism_plan", args=["500105"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "filename*=utf-8''%E6%B1%9F" in response["Content-Disposition"]


def test_another_units_official_gets_404_for_a_guessed_plan_url(client, personas, jiangbei_mechanism):
    login(client, personas["yubei_official"])
    assert client.get(reverse("mechanism_plan", args=["500105"])).status_code == 404
    assert client.get(reverse("mechanism_detail", args=["500105"])).status_code == 404


def test_the_city_sees_every_unit_with_missing_items_highlighted(client, personas, jiangbei_mechanism):
    login(client, personas["city_ip"])
    page = client.get(reverse("mechanism_overview")).content.decode()
    assert page.count('data-complete="true"') == 1 and page.count('data-complete="false"') == 40
    assert 'id="complete-count">1<' in page and 'id="incomplete-count">40<' in page
    assert "未填写" in page and "江北区工作推进计划.pdf" in page
    only_missing = client.get(reverse("mechanism_overview"), {"incomplete": "1"}).content.decode()
    assert 'id="unit-500105"' not in only_missing and 'id="unit-500112"' in only_missing


def test_the_export_marks_missing_cells_red_and_neutralises_formulas(client, personas, jiangbei):
    mechanism_save(
        actor=personas["jiangbei_official"], unit=jiangbei, **{**FILLED, "ip_contact_name": "=HYPERLINK(1)"}
    )
    login(client, personas["city_econ"])
    response = client.get(reverse("mechanism_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 42
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    jiangbei_row = rows["500105"]
    assert jiangbei_row[4].value == "'=HYPERLINK(1)"
    plan_cell = jiangbei_row[10]
    assert plan_cell.value == "未填写" and plan_cell.fill.fgColor.rgb.endswith("F8D7DA")
    assert jiangbei_row[2].fill.fgColor.rgb != plan_cell.fill.fgColor.rgb
    assert all(cell.value == "未填写" for cell in rows["500112"][2:11])


def _mechanisms_for_more_units(count: int) -> None:
    """New units, each with a complete mechanism, plus mechanisms for units that had none."""
    region = ManagingUnit.objects.first().region
    for index in range(count):
        unit = ManagingUnit.objects.create(
            region=region, code=f"T{index}", kind="zone", name_zh=f"测试区{index}", sort_order=900 + index
        )
        WorkMechanism.objects.create(managing_unit=unit, **FILLED, work_plan_name="plan.pdf")
    for unit in ManagingUnit.objects.filter(mechanism__isnull=True)[:count]:
        WorkMechanism.objects.create(managing_unit=unit, ip_department="某部门")


@pytest.mark.parametrize("url_name", ["mechanism_overview", "mechanism_export"])
def test_the_overview_and_its_export_keep_a_constant_query_count(client, personas, url_name):
    login(client, personas["city_ip"])
    assert_queries_do_not_grow(client, reverse(url_name), _mechanisms_for_more_units, more=5)
