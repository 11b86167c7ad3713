"""Reading one cell of an enterprise list against the reference data (units, industries,
qualification types, and the words officials use for each choice)."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from innopilot.directory.imports import columns as cols
from innopilot.directory.imports.parsing import (
    CellError,
    Choices,
    NameLookup,
    clean_text,
    industry_code,
    parse_amount,
    parse_bool,
    parse_count,
    parse_date,
    parse_district_code,
    parse_text,
    parse_year,
)
from innopilot.directory.models import (
    MOBILE_VALIDATOR,
    IndustryDivision,
    ManagingUnit,
    QualificationType,
    Region,
)


class Reference:
    """The reference data a file is read against, loaded once per check."""

    def __init__(self):
        units = list(ManagingUnit.objects.filter(is_active=True))
        self.unit_names = {unit.pk: str(unit.name) for unit in units}
        prefixes = []
        for region in Region.objects.all():
            prefixes += [region.name_zh, region.name_zh.removesuffix("市")]
        self.units = NameLookup(
            {u.pk: [u.name_zh, u.code, u.gbt2260, *u.aliases, u.name_en] for u in units},
            not_found=_("No such managing unit: choose one from the drop-down list."),
            prefixes=prefixes,
        )
        divisions = list(IndustryDivision.objects.all())
        self.industry_by_code = {d.code: d.pk for d in divisions}
        self.industries = NameLookup(
            {d.pk: [d.name_zh, d.name_en] for d in divisions},
            not_found=_("No such GB/T 4754 division: write its two-digit code, such as 39."),
        )
        types = list(QualificationType.objects.filter(is_active=True))
        self.validity_years = {t.pk: t.validity_years for t in types}
        self.type_names = {t.pk: str(t.name) for t in types}
        self.qualification_types = NameLookup(
            {t.pk: [t.name_zh, t.code, t.name_en] for t in types},
            not_found=_("No such qualification type: choose one from the drop-down list."),
        )
        self.size_classes = Choices(
            {
                "large": ["大型", "大", "大型企业", "large"],
                "medium": ["中型", "中", "中型企业", "medium"],
                "small": ["小型", "小", "小型企业", "small"],
                "micro": ["微型", "微", "微型企业", "micro"],
            },
            _("Write 大型, 中型, 小型 or 微型."),
        )
        self.willingness = Choices(
            {
                "yes": ["愿意", "是", "有意愿", "同意", "参加", "yes", "willing", "willing to join"],
                "no": ["不愿意", "否", "无意愿", "不同意", "不参加", "no", "not willing"],
                "unstated": ["未表态", "待定", "未明确", "不确定", "暂未表态", "unstated", "not yet stated"],
            },
            _("Write 愿意, 不愿意 or 未表态."),
        )
        self.review_results = Choices(
            {
                "passed": ["通过", "合格", "复核通过", "passed"],
                "failed": ["未通过", "不通过", "不合格", "复核未通过", "failed"],
                "pending": ["待复核", "复核中", "未复核", "pending"],
            },
            _("Write 通过, 未通过 or 待复核."),
        )

    def industry(self, value: Any) -> int | None:
        code = industry_code(value)
        if code in self.industry_by_code:
            return self.industry_by_code[code]
        return self.industries.parse(value)


def parse_mobile(value: Any) -> str | None:
    text = clean_text(value).replace(" ", "").replace("-", "").removeprefix("+86")
    if not text:
        return None
    try:
        MOBILE_VALIDATOR(text)
    except ValidationError:
        raise CellError(_("Enter an 11-digit mainland mobile number starting with 1.")) from None
    return text


def parse_email(value: Any) -> str | None:
    text = clean_text(value).replace(" ", "").lower()
    if not text:
        return None
    try:
        validate_email(text)
    except ValidationError:
        raise CellError(_("Not an e-mail address.")) from None
    return text


def read_cell(column: cols.Column, value: Any, reference: Reference) -> Any:
    """The clean value of one cell (``None`` when blank) or ``CellError``."""
    kind = column.kind
    if kind == "text":
        return parse_text(value, column.max_length)
    if kind == "unit":
        return reference.units.parse(value)
    if kind == "industry":
        return reference.industry(value) if clean_text(value) else None
    if kind == "qual_type":
        return reference.qualification_types.parse(value)
    if kind == "size_class":
        return reference.size_classes.parse(value)
    if kind == "willingness":
        return reference.willingness.parse(value)
    if kind == "review_result":
        return reference.review_results.parse(value)
    return _PLAIN_READERS[kind](value)


_PLAIN_READERS: dict[str, Callable[[Any], Any]] = {
    "date": parse_date,
    "bool": parse_bool,
    "count": parse_count,
    "amount": parse_amount,
    "year": parse_year,
    "district_code": parse_district_code,
    "mobile": parse_mobile,
    "email": parse_email,
}
