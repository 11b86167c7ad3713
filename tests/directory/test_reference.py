"""Reference data loads from files, all or nothing, and a second load changes nothing."""

import shutil

import pytest
import yaml
from django.core.management import CommandError, call_command

from innopilot.common.errors import DomainError
from innopilot.directory.models import (
    IndustryDivision,
    IndustrySection,
    ManagingUnit,
    QualificationType,
    Region,
)
from innopilot.directory.reference import REFERENCE_DIR, reference_load

pytestmark = pytest.mark.django_db


def test_chongqing_has_41_managing_units_38_of_them_gbt2260_districts_and_counties(reference_data):
    units = ManagingUnit.objects.filter(is_active=True)
    assert units.count() == 41
    assert units.exclude(gbt2260="").count() == 38
    zones = units.filter(kind="zone")
    assert set(zones.values_list("code", flat=True)) == {"CQ-LJ", "CQ-GXQ", "CQ-WS"}
    assert zones.get(code="CQ-LJ").overlaps == ["500105", "500112", "500109"]
    assert units.get(code="500112").name_zh == "渝北区"


def test_industries_follow_gbt4754_2017(reference_data):
    assert IndustrySection.objects.count() == 20
    assert IndustryDivision.objects.count() == 97
    manufacturing = IndustrySection.objects.get(code="C")
    codes = list(manufacturing.divisions.values_list("code", flat=True))
    assert codes[0] == "13" and codes[-1] == "43" and len(codes) == 31


def test_qualification_types_say_which_make_an_enterprise_eligible(reference_data):
    eligible = set(QualificationType.objects.filter(pilot_eligible=True).values_list("code", flat=True))
    assert eligible == {"national_ip_demonstration", "national_ip_advantage", "national_little_giant"}
    assert QualificationType.objects.count() == 8


def test_loading_again_changes_nothing(reference_data):
    report = reference_load()
    assert not report.changed


def test_an_edited_file_updates_names_in_place(reference_data, tmp_path):
    region = _copy_region(tmp_path)
    data = yaml.safe_load((region / "units.yaml").read_text(encoding="utf-8"))
    data["units"][0]["name_en"] = "Wanzhou"
    (region / "units.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = reference_load(region=str(region))
    assert report.updated["managing units"] == 1
    assert ManagingUnit.objects.get(code="500101").name_en == "Wanzhou"


def test_a_broken_file_is_refused_with_where_and_nothing_is_loaded(db, tmp_path):
    ManagingUnit.objects.all().delete()
    region = _copy_region(tmp_path)
    data = yaml.safe_load((region / "units.yaml").read_text(encoding="utf-8"))
    data["units"][5]["kind"] = "province"
    (region / "units.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DomainError, match=r"units\.5\.kind"):
        reference_load(region=str(region))
    assert ManagingUnit.objects.count() == 0


def test_a_duplicate_unit_code_is_refused(db, tmp_path):
    region = _copy_region(tmp_path)
    data = yaml.safe_load((region / "units.yaml").read_text(encoding="utf-8"))
    data["units"][1]["code"] = data["units"][0]["code"]
    (region / "units.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DomainError, match="duplicate unit code: 500101"):
        reference_load(region=str(region))


def test_another_region_loads_its_own_units_file(db, tmp_path):
    ManagingUnit.objects.all().delete()
    Region.objects.all().delete()
    units_file = tmp_path / "sichuan-units.yaml"
    units_file.write_text(
        yaml.safe_dump(
            {
                "region": {
                    "code": "510000",
                    "name_zh": "四川省",
                    "ip_office_zh": "四川省知识产权服务促进中心",
                    "econ_office_zh": "四川省经济和信息化厅",
                },
                "units": [
                    {"code": "510104", "kind": "district", "gbt2260": "510104", "name_zh": "锦江区"},
                    {"code": "510105", "kind": "district", "gbt2260": "510105", "name_zh": "青羊区"},
                ],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    reference_load(units_file=str(units_file))
    assert list(ManagingUnit.objects.values_list("name_zh", flat=True)) == ["锦江区", "青羊区"]
    assert Region.objects.get().name_zh == "四川省"


def test_units_missing_from_a_newer_file_are_deactivated_not_deleted(reference_data, tmp_path):
    region = _copy_region(tmp_path)
    data = yaml.safe_load((region / "units.yaml").read_text(encoding="utf-8"))
    data["units"] = data["units"][:-1]
    (region / "units.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = reference_load(region=str(region))
    assert report.deactivated["managing units"] == 1
    assert ManagingUnit.objects.get(code="CQ-WS").is_active is False


def test_the_command_reports_a_broken_file_and_fails(db, tmp_path):
    region = _copy_region(tmp_path)
    (region / "qualification_types.yaml").write_text(
        "qualification_types: [{code: Bad Code}]", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_reference", region=str(region))


def _copy_region(tmp_path):
    target = tmp_path / "region"
    shutil.copytree(REFERENCE_DIR / "regions" / "chongqing", target)
    return target
