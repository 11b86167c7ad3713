"""Checking and committing enterprise lists: problems by row and column, all or nothing, updates."""

import datetime

import pytest
from auditlog.models import LogEntry

from innopilot.directory.imports.services import file_check, file_commit
from innopilot.directory.models import Enterprise, EnterpriseContact, Qualification
from tests.directory.imports.helpers import codes, xlsx
from tests.factories import ContactFactory, EnterpriseFactory

pytestmark = pytest.mark.django_db
AUDIT = {"source": "test"}


def row(code, name="重庆甲科技有限公司", unit="渝北", **extra):
    values = {
        "industry": "39",
        "size": "中型",
        "established": "2015-3-1",
        "willing": "愿意",
        "contact": "张三",
        "mobile": "13800001111",
        "qualification": "国家知识产权优势企业",
        "year": 2023,
    }
    values.update(extra)
    return [
        code,
        name,
        unit,
        values["industry"],
        values["size"],
        values["established"],
        values["willing"],
        values["contact"],
        values["mobile"],
        values["qualification"],
        values["year"],
    ]


def commit(source, unit=None, actor=None):
    source.seek(0)
    return file_commit(source=source, unit=unit, actor=actor, audit=AUDIT)


def test_a_messy_but_correct_file_is_imported_with_everything_tidied(yubei):
    code = codes(1)[0]
    source = xlsx(
        [
            [
                f" {code.lower()[:6]} {code.lower()[6:]} ",
                "重庆 甲 科技有限公司",
                "渝北区",
                "C39",
                "中型",
                "2015年3月1日",
                "是",
                "张三",
                "138 0000 1111",
                "国家知识产权优势企业",
                "2023年",
            ]
        ],
        title_rows=["2026年渝北区知识产权试点企业摸底表", "填报单位：渝北区知识产权局"],
    )
    plan = commit(source, unit=yubei)
    assert plan.errors == []
    enterprise = Enterprise.objects.get(uscc=code)
    assert (enterprise.name, enterprise.managing_unit, enterprise.industry.code) == (
        "重庆甲科技有限公司",
        yubei,
        "39",
    )
    assert (enterprise.size_class, enterprise.established_on, enterprise.willingness) == (
        "medium",
        datetime.date(2015, 3, 1),
        "yes",
    )
    assert enterprise.contacts.get().mobile == "13800001111"
    qualification = enterprise.qualifications.get()
    assert (qualification.recognized_year, qualification.valid_to) == (2023, datetime.date(2026, 12, 31))


def test_columns_in_any_order_and_other_header_names_are_understood(yubei):
    code = codes(1)[0]
    source = xlsx([["渝北", "重庆乙公司", code]], headers=["所属区县", "单位名称", "信用代码"])
    assert commit(source).errors == []
    assert Enterprise.objects.get(uscc=code).managing_unit == yubei


def test_every_problem_is_reported_by_row_column_and_header():
    good, bad_check = codes(2)
    bad_check = bad_check[:-1] + ("0" if bad_check[-1] != "0" else "1")
    source = xlsx(
        [row(good, size="巨型"), row(bad_check), row(codes(1)[0], unit="北京", established="去年")],
        title_rows=["标题"],
    )
    errors = file_check(source=source, unit=None).errors
    where = {(e["row"], e["column"], e["header"]) for e in errors}
    assert (3, "E", "企业规模") in where
    assert (4, "A", "统一社会信用代码") in where
    assert (5, "C", "管理单位") in where
    assert (5, "F", "成立日期") in where
    size_error = next(e for e in errors if e["row"] == 3)
    assert size_error["value"] == "巨型" and "大型" in size_error["message"]


def test_a_duplicate_code_names_the_other_row_in_each_occurrence():
    code = codes(1)[0]
    source = xlsx([row(code), row(codes(1)[0]), row(code.lower())])
    errors = file_check(source=source, unit=None).errors
    messages = {e["row"]: e["message"] for e in errors}
    assert "4" in messages[2] and "2" in messages[4]
    assert 3 not in messages


def test_one_bad_row_means_nothing_is_written(yubei):
    good, other = codes(2)
    plan = commit(xlsx([row(good), row(other, mobile="12345")]), unit=yubei)
    assert [(e["row"], e["column"]) for e in plan.errors] == [(3, "I")]
    assert not Enterprise.objects.filter(uscc__in=[good, other]).exists()
    assert not LogEntry.objects.filter(additional_data=AUDIT).exists()


def test_a_district_cannot_import_another_units_enterprise_or_row(yubei, jiangbei):
    theirs = EnterpriseFactory(managing_unit=jiangbei)
    source = xlsx([row(theirs.uscc, unit=""), row(codes(1)[0], unit="江北区")])
    errors = file_check(source=source, unit=yubei).errors
    assert [(e["row"], e["column"]) for e in errors] == [(2, "A"), (3, "C")]
    assert "江北区" in errors[0]["message"] and "渝北区" in errors[1]["message"]


def test_rows_without_a_unit_take_the_districts_own(yubei):
    code = codes(1)[0]
    commit(xlsx([row(code, unit=None)]), unit=yubei)
    assert Enterprise.objects.get(uscc=code).managing_unit == yubei


def test_a_new_enterprise_needs_a_name_and_a_unit():
    errors = file_check(source=xlsx([row(codes(1)[0], name=None, unit=None)]), unit=None).errors
    assert {e["header"] for e in errors} == {"企业名称", "管理单位"}


def test_reimporting_the_same_file_updates_instead_of_duplicating(yubei):
    code = codes(1)[0]
    source = xlsx([row(code)])
    assert commit(source, unit=yubei).summary()["enterprise"]["created"] == 1
    again = commit(source, unit=yubei)
    assert again.summary()["enterprise"] == {"created": 0, "updated": 0, "unchanged": 1}
    changed = commit(xlsx([row(code, willing="不愿意", mobile="13900002222")]), unit=yubei)
    assert changed.summary()["enterprise"]["updated"] == 1
    assert changed.summary()["contact"] == {"created": 0, "updated": 1}
    assert Enterprise.objects.filter(uscc=code).count() == 1
    assert EnterpriseContact.objects.get(enterprise__uscc=code).mobile == "13900002222"
    assert Enterprise.objects.get(uscc=code).willingness == "no"


def test_a_blank_cell_leaves_the_stored_value_unchanged(yubei):
    enterprise = EnterpriseFactory(managing_unit=yubei, address="重庆市渝北区金开大道1号", size_class="small")
    ContactFactory(enterprise=enterprise, name="李四", position="总经理")
    source = xlsx(
        [[enterprise.uscc, "", "", "中型", "李四", ""]],
        headers=["统一社会信用代码", "地址", "企业名称", "企业规模", "联系人", "联系人职务"],
    )
    assert commit(source, unit=yubei).errors == []
    enterprise.refresh_from_db()
    assert (enterprise.address, enterprise.size_class) == ("重庆市渝北区金开大道1号", "medium")
    assert enterprise.contacts.get().position == "总经理"


def test_a_different_name_is_a_warning_and_the_name_is_updated(yubei):
    enterprise = EnterpriseFactory(managing_unit=yubei, name="旧名称有限公司")
    plan = commit(xlsx([row(enterprise.uscc, name="新名称有限公司")]), unit=yubei)
    assert plan.errors == []
    assert [w["header"] for w in plan.warnings] == ["企业名称"]
    enterprise.refresh_from_db()
    assert enterprise.name == "新名称有限公司"


def test_the_organisation_code_check_is_a_warning_not_an_error(yubei):
    from stdnum.cn import uscc as stdnum_uscc

    partial = "91500112" + "12345678" + "0"  # valid check character for the whole code, not for the org code
    code = partial + stdnum_uscc.calc_check_digit(partial)
    plan = file_check(source=xlsx([row(code)]), unit=yubei)
    assert plan.errors == []
    assert [w["column"] for w in plan.warnings] == ["A"]


def test_the_qualification_sheet_adds_more_titles_and_matches_by_type_and_year(yubei):
    code = codes(1)[0]
    sheet = [
        ["统一社会信用代码", "资格类型", "认定年份", "有效期止", "复核结果"],
        [code, "高新技术企业", "2022", "2025-12-31", "通过"],
        [code, "国家级专精特新小巨人企业", 2024, None, None],
    ]
    plan = commit(xlsx([row(code)], qualifications=sheet), unit=yubei)
    assert plan.errors == []
    assert Qualification.objects.filter(enterprise__uscc=code).count() == 3
    again = commit(
        xlsx([row(code)], qualifications=[sheet[0], [code, "高新技术企业", 2022, None, "未通过"]]), unit=yubei
    )
    assert again.summary()["qualification"] == {"created": 0, "updated": 1}
    assert Qualification.objects.get(enterprise__uscc=code, type__code="high_tech").review_result == "failed"


def test_a_qualification_for_an_unknown_enterprise_is_an_error(yubei):
    sheet = [["统一社会信用代码", "资格类型", "认定年份"], [codes(1)[0], "高新技术企业", 2022]]
    errors = file_check(source=xlsx([row(codes(1)[0])], qualifications=sheet), unit=yubei).errors
    assert [(e["sheet"], e["row"], e["column"]) for e in errors] == [("资格", 2, "A")]


def test_a_validity_that_ends_before_it_starts_is_refused(yubei):
    headers = ["统一社会信用代码", "企业名称", "资格类型", "认定年份", "有效期起", "有效期止"]
    source = xlsx(
        [[codes(1)[0], "甲公司", "高新技术企业", 2022, "2022-06-01", "2021-12-31"]], headers=headers
    )
    errors = file_check(source=source, unit=yubei).errors
    assert [(e["column"], e["header"]) for e in errors] == [("F", "有效期止")]


def test_every_created_and_updated_record_is_in_the_audit_trail_with_the_actor(yubei, personas):
    actor = personas["yubei_official"]
    code = codes(1)[0]
    commit(xlsx([row(code)]), unit=yubei, actor=actor)
    entries = LogEntry.objects.filter(additional_data=AUDIT, actor=actor)
    assert sorted(entry.content_type.model for entry in entries) == [
        "enterprise",
        "enterprisecontact",
        "qualification",
    ]
    created = entries.get(content_type__model="enterprise")
    assert created.action == LogEntry.Action.CREATE and created.changes["name"] == [
        "None",
        "重庆甲科技有限公司",
    ]
    commit(xlsx([row(code, willing="不愿意")]), unit=yubei, actor=actor)
    update = LogEntry.objects.filter(action=LogEntry.Action.UPDATE, additional_data=AUDIT).get()
    assert update.changes == {"willingness": ["yes", "no"]}
    assert update.object_pk == str(Enterprise.objects.get(uscc=code).pk)


def test_a_file_without_a_header_row_is_refused_with_a_message():
    from innopilot.common.errors import DomainError

    with pytest.raises(DomainError, match="统一社会信用代码"):
        file_check(source=xlsx([["a", "b"]], headers=["甲", "乙"]), unit=None)
