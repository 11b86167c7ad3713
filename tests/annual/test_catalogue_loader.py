"""Loading a catalogue file: all or nothing, read-only once loaded, later versions beside earlier ones."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.utils import translation

from innopilot.annual.catalogue import loader
from innopilot.annual.catalogue.loader import catalogue_load, latest_catalogue
from innopilot.annual.catalogue.schema import CatalogueFileError
from innopilot.annual.models import (
    AnnualReport,
    Indicator,
    IndicatorCatalogue,
    IndicatorGroup,
    IndicatorValue,
)
from innopilot.common.errors import DomainError

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "catalogue-sample-v1.yaml"
BUNDLED = Path(__file__).parents[2] / "src" / "innopilot" / "data" / "annual" / "indicators-v1.yaml"
URN = "urn:innopilot:annual:sample"


def write(tmp_path, text: str, name: str = "catalogue.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def edited(old: str, new: str, *, text: str | None = None) -> str:
    text = SAMPLE.read_text(encoding="utf-8") if text is None else text
    assert old in text, old
    return text.replace(old, new, 1)


def counts() -> tuple[int, int, int]:
    return IndicatorCatalogue.objects.count(), IndicatorGroup.objects.count(), Indicator.objects.count()


def test_a_valid_file_loads_its_groups_indicators_rules_ratios_and_plausibility(personas):
    result = catalogue_load(path=SAMPLE, actor=personas["city_ip"])
    catalogue = result.catalogue
    assert result.created and (result.groups, result.indicators) == (2, 7)
    assert (catalogue.urn, catalogue.version, catalogue.name_zh, catalogue.name_en) == (
        URN,
        1,
        "示例指标目录",
        "Sample indicator catalogue",
    )
    assert catalogue.published_on == datetime.date(2026, 1, 15) and len(catalogue.content_hash) == 64
    indicators = {
        row.code: row for row in catalogue.indicators.select_related("group").order_by("sort_order")
    }
    assert list(indicators) == [
        "operating_revenue",
        "rd_expense",
        "market_share",
        "employees",
        "rd_staff",
        "rd_level",
        "strategy",
    ]
    revenue = indicators["operating_revenue"]
    assert (revenue.group.code, revenue.unit, revenue.required, revenue.is_key) == (
        "finance",
        "wan_yuan",
        True,
        True,
    )
    assert (revenue.min_value, revenue.max_value, revenue.decimal_places) == (Decimal(0), None, 2)
    assert revenue.downstream == {"miit_tiers": "营业收入"}
    assert indicators["market_share"].max_value == 100 and indicators["market_share"].self_declared
    assert indicators["employees"].decimal_places == 0 and indicators["employees"].min_value == 1
    assert indicators["rd_level"].choices == [
        {"value": "national", "zh": "国家级", "en": "National"},
        {"value": "none", "zh": "无", "en": "None"},
    ]
    assert catalogue.cross_rules == [
        {
            "code": "rd_staff_within_employees",
            "left": ["rd_staff"],
            "op": "le",
            "right": ["employees"],
            "message": {"zh": "", "en": ""},
        },
        {
            "code": "rd_within_revenue",
            "left": ["rd_expense"],
            "op": "le",
            "right": ["operating_revenue"],
            "message": {"zh": "研发费用不应超过营业收入", "en": "R&D expense should not exceed revenue"},
        },
    ]
    assert catalogue.ratios[0] == {
        "code": "rd_intensity",
        "kind": "ratio",
        "label": {"zh": "研发投入强度", "en": "R&D intensity"},
        "numerator": ["rd_expense"],
        "denominator": ["operating_revenue"],
    }
    assert catalogue.ratios[2] == {
        "code": "revenue_growth_2y",
        "kind": "growth",
        "label": {"zh": "近两年营业收入平均增长率", "en": "Two-year revenue growth"},
        "indicator": "operating_revenue",
        "years": 2,
    }
    assert catalogue.plausibility == {
        "change_ratio": "0.5",
        "low_percentile": 5,
        "high_percentile": 95,
        "min_peers": 10,
    }


def test_one_audit_entry_by_the_actor_says_what_came_with_the_catalogue(personas):
    catalogue = catalogue_load(path=SAMPLE, actor=personas["city_ip"]).catalogue
    entries = LogEntry.objects.get_for_object(catalogue)
    assert entries.count() == 1
    entry = entries.get()
    assert entry.actor == personas["city_ip"]
    assert entry.additional_data["groups"] == 2 and entry.additional_data["indicators"] == 7
    assert entry.additional_data["source"] == "catalogue-sample-v1.yaml"
    assert entry.additional_data["content_hash"] == catalogue.content_hash
    assert entry.additional_data["indicator_codes"][:2] == ["operating_revenue", "rd_expense"]


def test_the_same_content_again_changes_nothing_even_with_other_comments_and_layout(tmp_path):
    first = catalogue_load(path=SAMPLE).catalogue
    before = (counts(), LogEntry.objects.count())
    reformatted = "# the same catalogue, commented differently\n" + SAMPLE.read_text(
        encoding="utf-8"
    ).replace("  min_peers: 10", "  min_peers: 10   # at least ten reports")
    again = catalogue_load(path=write(tmp_path, reformatted))
    assert not again.created and again.catalogue.pk == first.pk
    assert (counts(), LogEntry.objects.count()) == before


def test_other_content_under_a_loaded_version_is_refused_asking_for_a_higher_version(tmp_path):
    catalogue_load(path=SAMPLE)
    before = counts()
    changed = edited("label: {zh: 营业收入, en: Operating revenue}", "label: {zh: 营业总收入, en: Revenue}")
    with translation.override("zh-hans"), pytest.raises(DomainError) as caught:
        catalogue_load(path=write(tmp_path, changed))
    assert "请提高版本号" in caught.value.message and URN in caught.value.message
    assert counts() == before


def test_an_older_version_than_the_loaded_one_is_refused(tmp_path):
    catalogue_load(path=write(tmp_path, edited("version: 1", "version: 3"), "v3.yaml"))
    with translation.override("en"), pytest.raises(DomainError, match="older than the loaded version 3"):
        catalogue_load(path=write(tmp_path, edited("version: 1", "version: 2"), "v2.yaml"))


def test_a_bad_file_reports_every_problem_with_its_line_and_loads_nothing(tmp_path):
    text = edited("        min: 1\n", "        min: 5\n        max: 2\n")  # employees: min above max
    text = edited("right: [employees]}", "right: [staff_total]}", text=text)  # an unknown indicator
    before = counts()
    with translation.override("zh-hans"), pytest.raises(CatalogueFileError) as caught:
        catalogue_load(path=write(tmp_path, text))
    lines = text.splitlines()
    problems = caught.value.problems
    assert len(problems) == 2 and counts() == before
    assert "max: 2" in lines[problems[0].line - 1] and "最大值不得小于最小值" in str(problems[0])
    assert "staff_total" in lines[problems[1].line - 1]
    assert str(problems[1]).startswith(f"第{problems[1].line}行第")
    assert "“staff_total”不是本目录的指标" in str(problems[1])


@translation.override("en")
def test_a_missing_file_and_a_file_that_is_not_utf8_are_refused(tmp_path):
    with pytest.raises(DomainError, match="file not found"):
        catalogue_load(path=tmp_path / "none.yaml")
    path = tmp_path / "gbk.yaml"
    path.write_bytes("名称".encode("gbk"))
    with pytest.raises(DomainError, match="not a UTF-8 text file"):
        catalogue_load(path=path)


def v2_of_the_bundled_catalogue() -> str:
    """Version 2 retires ``fto_analyses`` and adds ``ip_department`` (an IP department: yes/no)."""
    text = BUNDLED.read_text(encoding="utf-8").replace("version: 1\n", "version: 2\n", 1)
    retired = text.index("      - code: fto_analyses")
    end = text.index("  # ----", retired)
    text = text[:retired] + text[end:]
    added = """      - code: ip_department
        label: {zh: 设立知识产权管理部门, en: IP department}
        unit: yes_no
        help: {zh: 是否设立独立的知识产权管理部门。, en: Whether the enterprise has its own IP department.}
"""
    anchor = "      - code: ip_strategy\n"
    return text.replace(anchor, added + anchor, 1)


def test_a_second_version_may_retire_and_add_indicators_and_loads_beside_the_first(
    tmp_path, yubei_enterprise
):
    first = latest_catalogue()
    first_rows = list(first.indicators.order_by("pk").values())
    report = AnnualReport.objects.create(enterprise=yubei_enterprise, year=2025, catalogue=first)
    fto = first.indicators.get(code="fto_analyses")
    IndicatorValue.objects.create(report=report, indicator=fto, number=Decimal(3))

    second = catalogue_load(path=write(tmp_path, v2_of_the_bundled_catalogue(), "indicators-v2.yaml"))

    assert second.created and second.catalogue.version == 2 and second.indicators == 88
    assert latest_catalogue() == second.catalogue
    codes = set(second.catalogue.indicators.values_list("code", flat=True))
    assert "ip_department" in codes and "fto_analyses" not in codes
    # Version 1 and the report pinned to it are untouched.
    assert list(first.indicators.order_by("pk").values()) == first_rows
    report.refresh_from_db()
    assert report.catalogue == first and report.values.get().indicator.code == "fto_analyses"
    assert IndicatorCatalogue.objects.filter(urn=first.urn).count() == 2


@translation.override("en")
def test_latest_catalogue_says_how_to_load_one_when_none_is_loaded():
    with pytest.raises(DomainError, match="innopilot annual catalogue load --bundled"):
        latest_catalogue("urn:innopilot:annual:nothing-here")


def test_the_bundled_catalogues_load_all_or_nothing_in_version_order(tmp_path, monkeypatch):
    write(tmp_path, edited("version: 1", "version: 2"), "indicators-v2.yaml")
    write(tmp_path, SAMPLE.read_text(encoding="utf-8"), "indicators-v1.yaml")
    monkeypatch.setattr(loader, "BUNDLED_DIR", tmp_path)
    assert [(load.created, load.catalogue.version) for load in loader.catalogue_load_bundled()] == [
        (True, 1),
        (True, 2),
    ]
    write(tmp_path, edited("version: 1", "version: 3").replace("op: le", "op: lte"), "indicators-v3.yaml")
    with pytest.raises(CatalogueFileError):
        loader.catalogue_load_bundled()
    assert IndicatorCatalogue.objects.filter(urn=URN).count() == 2
