"""The filtered enterprise list as an Excel file: every matching row, Chinese headers, masked contacts
by the list's rule, no formulas, and a query count that does not grow with the rows."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import login
from tests.directory.test_enterprise_list import add_full_rows
from tests.factories import ContactFactory, EnterpriseFactory, QualificationFactory

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def export(client, **params):
    response = client.get(reverse("enterprise_export"), params, **ZH)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]], sheet


def test_the_export_holds_every_matching_enterprise_not_just_one_page(client, personas, yubei, jiangbei):
    EnterpriseFactory.create_batch(60, managing_unit=yubei, willingness="yes")
    EnterpriseFactory(managing_unit=jiangbei, willingness="yes")
    EnterpriseFactory(managing_unit=yubei, willingness="no")
    login(client, personas["city_ip"])
    _, rows, _ = export(client, willingness="yes", unit="500112", sort="-name")
    assert len(rows) == 60
    assert {row["管理单位"] for row in rows} == {"渝北区"}
    names = [row["企业名称"] for row in rows]
    assert names == sorted(names, reverse=True)


def test_the_export_has_chinese_headers_for_the_whole_record(client, personas, yubei_enterprise):
    login(client, personas["yubei_official"])
    headers, _, _ = export(client)
    for header in (
        "统一社会信用代码",
        "企业名称",
        "参加试点意愿",
        "有效发明专利数",
        "符合试点条件",
        "理由",
        "手机号码",
    ):
        assert header in headers


def test_the_export_gives_eligibility_with_its_reason(client, personas, yubei_enterprise):
    QualificationFactory(enterprise=yubei_enterprise, recognized_year=2024)
    login(client, personas["yubei_official"])
    _, rows, _ = export(client)
    assert rows[0]["符合试点条件"] == "是"
    assert rows[0]["理由"] == "国家知识产权优势企业（2024年认定，有效期至2027年）"


def test_contacts_are_masked_for_the_city_and_in_full_for_the_district(client, personas, yubei_enterprise):
    ContactFactory(enterprise=yubei_enterprise, name="张三", mobile="13812345678", email="zhang@example.cn")
    login(client, personas["city_ip"])
    _, rows, _ = export(client, unit="500112")
    assert (rows[0]["手机号码"], rows[0]["电子邮箱"]) == ("138****5678", "z***@example.cn")
    login(client, personas["yubei_official"])
    _, rows, _ = export(client)
    assert (rows[0]["手机号码"], rows[0]["电子邮箱"]) == ("13812345678", "zhang@example.cn")


def test_text_that_would_run_as_a_formula_is_written_as_text(client, personas, yubei):
    EnterpriseFactory(managing_unit=yubei, name='=HYPERLINK("http://x")公司', survey_notes="+1 备注")
    login(client, personas["yubei_official"])
    _, _, sheet = export(client, q="HYPERLINK")
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sheet["B2"].value.startswith("'=")


def test_the_export_keeps_its_query_count_as_rows_grow(client, personas, yubei):
    login(client, personas["city_ip"])
    url = reverse("enterprise_export")

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    before = count()
    add_full_rows(yubei)(15)
    assert count() == before


def test_rows_stream_in_chunks_with_each_enterprises_own_children(personas, yubei):
    from django.utils import timezone

    from innopilot.directory import selectors

    for index, enterprise in enumerate(EnterpriseFactory.create_batch(5, managing_unit=yubei)):
        ContactFactory.create_batch(index, enterprise=enterprise)
    rows = list(
        selectors.enterprises_for_export(
            personas["yubei_official"],
            filters=selectors.EnterpriseFilters(sort="name"),
            day=timezone.localdate(),
            chunk_size=2,
        )
    )
    assert len(rows) == 6  # with the personas' 渝北 enterprise
    assert all(all(c.enterprise_id == row.enterprise.pk for c in row.contacts) for row in rows)
    assert sorted(len(row.contacts) for row in rows) == [0, 0, 1, 2, 3, 4]
