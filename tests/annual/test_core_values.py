"""Reading one value as typed, and checking a report's values against required fields and rules."""

from decimal import Decimal

import pytest
from django.utils import timezone, translation

from innopilot.annual.models import AnnualReport, CorrectionRequest, ReportSubmission
from innopilot.annual.spec import catalogue_spec
from innopilot.annual.values import (
    ValueProblem,
    accepted_values,
    blocking_problems,
    cross_field_problems,
    display,
    history_of,
    missing_required,
    parse_value,
    read,
    stored,
)
from tests.annual.catalogue_builders import small_catalogue
from tests.annual.form_builders import stored_report
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec():
    return catalogue_spec(small_catalogue())


def parsed(spec, code, raw):
    return parse_value(spec.by_code[code], raw)


def problem(spec, code, raw) -> str:
    with pytest.raises(ValueProblem) as caught:
        parsed(spec, code, raw)
    return caught.value.message


def test_money_is_read_as_decimal_wan_yuan_with_two_decimals(spec):
    assert parsed(spec, "operating_revenue", "1,234.5") == Decimal("1234.50")
    assert parsed(spec, "operating_revenue", "１２３４万元") == Decimal("1234.00")
    assert parsed(spec, "operating_revenue", 12.3) == Decimal("12.30")
    assert parsed(spec, "operating_revenue", "") is None


def test_money_with_three_decimals_is_refused_not_rounded(spec):
    assert "2" in problem(spec, "operating_revenue", "1.005")


def test_counts_must_be_whole_numbers_within_range(spec):
    assert parsed(spec, "employees", "120人") == Decimal(120)
    assert problem(spec, "employees", "12.5")
    assert "1" in problem(spec, "employees", "0")  # employees ≥ 1
    assert problem(spec, "rd_staff", "-3")


def test_words_are_not_numbers(spec):
    with translation.override("zh-hans"):
        assert problem(spec, "rd_expense", "很多") == "请填写数字。"


def test_net_profit_may_be_negative(spec):
    assert parsed(spec, "net_profit", "-56.78") == Decimal("-56.78")


def test_percent_is_capped_at_one_hundred(spec):
    assert parsed(spec, "niche_market_share", "12.5%") == Decimal("12.50")
    assert problem(spec, "niche_market_share", "120")


def test_yes_no_accepts_chinese_words_and_one_or_zero(spec):
    assert parsed(spec, "ip_strategy", "是") == Decimal(1)
    assert parsed(spec, "ip_strategy", "否") == Decimal(0)
    assert parsed(spec, "ip_strategy", 1) == Decimal(1)
    assert problem(spec, "ip_strategy", "也许")


def test_choice_accepts_its_value_or_either_label_and_lists_the_choices_otherwise(spec):
    assert parsed(spec, "ownership", "民营") == "private"
    assert parsed(spec, "ownership", "State-owned") == "state"
    with translation.override("zh-hans"):
        assert "国有、民营" in problem(spec, "ownership", "个体")


def test_year_and_text(spec):
    assert parsed(spec, "gbt29490_expiry_year", "2027年") == Decimal(2027)
    assert problem(spec, "gbt29490_expiry_year", "1990")
    assert parsed(spec, "gbt29490_certificate_no", " 165IP2000123 ") == "165IP2000123"


def test_stored_and_read_round_trip_for_numbers_and_text(spec):
    revenue, ownership = spec.by_code["operating_revenue"], spec.by_code["ownership"]
    assert stored(revenue, Decimal("5.00")) == {"number": Decimal("5.00"), "text": ""}
    assert stored(ownership, "private") == {"number": None, "text": "private"}
    assert read(ownership, None, "private") == "private"
    assert read(revenue, Decimal("5.00"), "") == Decimal("5.00")


def test_display_uses_thousands_units_and_labels(spec):
    with translation.override("zh-hans"):
        assert display(spec.by_code["operating_revenue"], Decimal("12345.5")) == "12,345.50"
        assert display(spec.by_code["niche_market_share"], Decimal("3.5")) == "3.50%"
        assert display(spec.by_code["ownership"], "private") == "民营"
        assert display(spec.by_code["ip_strategy"], Decimal(1)) == "是"
        assert display(spec.by_code["rd_staff"], None) == "—"


def test_a_broken_cross_field_rule_names_both_fields_and_their_values(spec):
    with translation.override("zh-hans"):
        problems = cross_field_problems(spec, {"rd_staff": Decimal(120), "employees": Decimal(100)})
    assert [p.codes for p in problems] == [("rd_staff", "employees")]
    assert "研发人员（120）" in problems[0].message
    assert "职工总数（100）" in problems[0].message


def test_a_rule_is_not_checked_while_one_side_is_empty(spec):
    assert cross_field_problems(spec, {"rd_staff": Decimal(120)}) == []


def test_equal_values_satisfy_a_not_greater_than_rule(spec):
    values = {"main_business_revenue": Decimal("100.00"), "operating_revenue": Decimal("100.00")}
    assert cross_field_problems(spec, values) == []


def test_missing_required_fields_are_named(spec):
    with translation.override("zh-hans"):
        messages = [p.message for p in missing_required(spec, {"ownership": "private"})]
    assert "营业收入为必填项。" in messages
    assert not any("所有制类型" in message for message in messages)


def test_blocking_problems_come_in_the_forms_order(spec):
    values = {
        "ownership": "private",
        "operating_revenue": Decimal(10),
        "main_business_revenue": Decimal(20),
        "employees": Decimal(5),
        "rd_expense": Decimal(1),
    }
    codes = [p.codes[0] for p in blocking_problems(spec, values)]
    assert codes == ["main_business_revenue", "valid_invention_patents"]


# --- Other years ----------------------------------------------------------------------------------------


def test_history_holds_the_settled_years_and_a_corrected_years_accepted_version():
    catalogue, enterprise, Status = small_catalogue(), EnterpriseFactory(), AnnualReport.Status
    stored_report(enterprise, catalogue, 2019, {"employees": "10"}, status=Status.ACCEPTED)
    stored_report(enterprise, catalogue, 2020, {"employees": "20"}, status=Status.SUBMITTED)
    stored_report(enterprise, catalogue, 2021, {"employees": "30"}, status=Status.DRAFT)
    stored_report(enterprise, catalogue, 2022, {"employees": "40"}, status=Status.RETURNED)
    corrected = stored_report(enterprise, catalogue, 2023, {"employees": "55"}, status=Status.CORRECTING)
    base = ReportSubmission.objects.create(
        report=corrected,
        number=1,
        submitted_at=timezone.now(),
        snapshot={"values": {"employees": "50", "ownership": "private", "retired_code": "1"}},
        content_hash="0" * 64,
        decision=ReportSubmission.Decision.ACCEPTED,
    )
    CorrectionRequest.objects.create(report=corrected, reason="更正", base=base)
    stored_report(EnterpriseFactory(), catalogue, 2018, {"employees": "99"})  # another enterprise's
    report = stored_report(enterprise, catalogue, 2024, {"employees": "60"}, status=Status.DRAFT)

    assert history_of(report) == {
        2019: {"employees": Decimal(10)},
        2020: {"employees": Decimal(20)},
        2023: {"employees": Decimal(50), "ownership": "private"},  # not 55, being edited
    }
    assert accepted_values(corrected) == {"employees": Decimal(50), "ownership": "private"}
