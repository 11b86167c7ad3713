"""The columns of an enterprise list: template headers, the other headers officials write, and how
each cell is read. Headers are part of the file format (Chinese, as officials exchange them); the
explanations follow the user's language.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from innopilot.directory.imports.parsing import lookup_key

ENTERPRISE_SHEET = "企业名单"
QUALIFICATION_SHEET = "资格"
QUALIFICATION_SHEET_NAMES = ("资格", "资质", "资格信息", "资质信息", "qualifications")
INSTRUCTIONS_SHEET = "填写说明"
LISTS_SHEET = "下拉选项"
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    synonyms: tuple[str, ...]
    kind: str
    help: Promise
    max_length: int | None = None
    required: Promise | None = None  # when it must be filled, in words; None: optional


COLUMNS: tuple[Column, ...] = (
    Column(
        "uscc",
        "统一社会信用代码",
        (
            "信用代码",
            "社会信用代码",
            "统一代码",
            "统一社会信用代码(18位)",
            "uscc",
            "unified social credit code",
        ),
        "uscc",
        _("18 characters; upper or lower case, spaces and full-width characters are tidied."),
        required=_("always"),
    ),
    Column(
        "name",
        "企业名称",
        ("单位名称", "企业全称", "公司名称", "名称", "企业(单位)名称", "name", "enterprise name"),
        "text",
        _("The registered name."),
        max_length=200,
        required=_("for a new enterprise"),
    ),
    Column(
        "unit",
        "管理单位",
        (
            "所属区县",
            "区县",
            "所属区县(开发区)",
            "所属单位",
            "属地",
            "推荐单位",
            "管理单位名称",
            "managing unit",
        ),
        "unit",
        _(
            "The district, county or zone managing the enterprise (drop-down); "
            "渝北 and 渝北区 are both understood."
        ),
        required=_("for a new enterprise (a district's own unit is filled in for it)"),
    ),
    Column(
        "district_code",
        "注册地行政区划代码",
        ("行政区划代码", "区划代码", "注册地区划代码", "registered district code"),
        "district_code",
        _("Six digits (GB/T 2260) of the district where the enterprise is registered."),
    ),
    Column(
        "industry",
        "所属行业",
        ("行业", "行业大类", "国民经济行业分类", "行业代码", "所属行业大类", "industry"),
        "industry",
        _("GB/T 4754 division (drop-down): its code such as 39, or its name."),
    ),
    Column(
        "size_class",
        "企业规模",
        ("规模", "企业规模(大中小微)", "size class"),
        "size_class",
        _("大型, 中型, 小型 or 微型."),
    ),
    Column(
        "established_on",
        "成立日期",
        ("成立时间", "注册日期", "成立年月", "date established"),
        "date",
        _("A date such as 2015-03-01; 2015/3/1, 2015.3.1 and 2015年3月1日 are understood."),
    ),
    Column(
        "address",
        "地址",
        ("注册地址", "企业地址", "通讯地址", "详细地址", "经营地址", "address"),
        "text",
        _("Address."),
        max_length=300,
    ),
    Column(
        "willingness",
        "参与试点意愿",
        ("试点意愿", "意愿", "是否愿意参加试点", "是否有意愿参与试点", "willingness"),
        "willingness",
        _("愿意, 不愿意 or 未表态 (是 / 否 are understood)."),
    ),
    Column(
        "has_ip_department",
        "是否设立知识产权管理部门",
        ("知识产权管理部门", "设立知识产权部门", "是否有知识产权部门", "ip department"),
        "bool",
        _("是 or 否."),
    ),
    Column(
        "ip_staff_full_time",
        "专职知识产权人员数",
        ("专职知识产权人员", "专职人员数", "知识产权专职人员数", "full-time ip staff"),
        "count",
        _("A whole number."),
    ),
    Column(
        "valid_invention_patents",
        "有效发明专利数",
        ("有效发明专利", "有效发明专利数量", "有效发明专利拥有量", "valid invention patents"),
        "count",
        _("A whole number."),
    ),
    Column(
        "rd_expense_last_year",
        "上年度研发费用(万元)",
        ("上年度研发费用", "研发费用", "研发费用(万元)", "上年度研发投入(万元)", "研发投入", "r&d expense"),
        "amount",
        _("In 10,000 yuan (万元), at most two decimals."),
    ),
    Column(
        "gbt29490_certified",
        "是否通过GB/T 29490认证",
        ("贯标认证", "29490认证", "知识产权管理体系认证", "是否贯标", "gb/t 29490 certified"),
        "bool",
        _("是 or 否."),
    ),
    Column(
        "survey_notes",
        "备注",
        ("摸底备注", "说明", "摸底情况", "notes"),
        "text",
        _("Anything else the survey found."),
    ),
    Column(
        "contact_name",
        "联系人",
        ("联系人姓名", "企业联系人", "contact"),
        "text",
        _("One contact person; a contact with the same name is updated."),
        max_length=50,
        required=_("when any other contact column is filled"),
    ),
    Column(
        "contact_position", "联系人职务", ("职务", "职位", "position"), "text", _("Position."), max_length=100
    ),
    Column(
        "contact_mobile",
        "联系人手机",
        ("手机", "手机号码", "手机号", "联系电话", "联系方式", "mobile"),
        "mobile",
        _("11-digit mainland mobile number."),
    ),
    Column(
        "contact_email",
        "联系人邮箱",
        ("邮箱", "电子邮箱", "电子邮件", "e-mail", "email"),
        "email",
        _("E-mail address."),
    ),
    Column(
        "qual_type",
        "资格类型",
        ("资质类型", "资质", "资格", "称号", "认定称号", "资质名称", "资格名称", "qualification"),
        "qual_type",
        _("The title or certificate (drop-down). More than one per enterprise: use the sheet 资格."),
        required=_("when any other qualification column is filled"),
    ),
    Column(
        "qual_year",
        "认定年份",
        ("认定年度", "获评年份", "认定时间", "获得年份", "year recognised"),
        "year",
        _("The year it was recognised, such as 2021."),
        required=_("with the qualification type"),
    ),
    Column("qual_batch", "认定批次", ("批次", "batch"), "text", _("Batch, if any."), max_length=50),
    Column(
        "qual_valid_from",
        "有效期起",
        ("有效期开始", "有效期自", "有效起始日期", "valid from"),
        "date",
        _("A date."),
    ),
    Column(
        "qual_valid_to",
        "有效期止",
        ("有效期至", "有效期截止", "有效截止日期", "有效期到", "valid to"),
        "date",
        _("A date; blank for a new qualification means the end of the year its validity runs out."),
    ),
    Column(
        "qual_reviewed_on",
        "最近复核日期",
        ("复核日期", "复核时间", "最近复核", "latest review"),
        "date",
        _("A date."),
    ),
    Column(
        "qual_review_result",
        "复核结果",
        ("最近复核结果", "review result"),
        "review_result",
        _("通过, 未通过 or 待复核."),
    ),
    Column(
        "qual_document_number",
        "认定文号",
        ("文号", "发文文号", "认定文件文号", "document number"),
        "text",
        _("Document number."),
        max_length=100,
    ),
)
BY_KEY = {column.key: column for column in COLUMNS}
ENTERPRISE_KEYS = tuple(c.key for c in COLUMNS if not c.key.startswith(("contact_", "qual_")))
CONTACT_KEYS = tuple(c.key for c in COLUMNS if c.key.startswith("contact_"))
QUALIFICATION_KEYS = tuple(c.key for c in COLUMNS if c.key.startswith("qual_"))
QUALIFICATION_SHEET_COLUMNS = (BY_KEY["uscc"], *(BY_KEY[key] for key in QUALIFICATION_KEYS))

# Model field names behind the column keys.
ENTERPRISE_FIELDS = {
    key: {"unit": "managing_unit_id", "industry": "industry_id"}.get(key, key) for key in ENTERPRISE_KEYS
}
CONTACT_FIELDS = {key: key.removeprefix("contact_") for key in CONTACT_KEYS}
QUALIFICATION_FIELDS = {
    "qual_type": "type_id",
    "qual_year": "recognized_year",
    "qual_batch": "batch",
    "qual_valid_from": "valid_from",
    "qual_valid_to": "valid_to",
    "qual_reviewed_on": "reviewed_on",
    "qual_review_result": "review_result",
    "qual_document_number": "document_number",
}

_REQUIRED_MARK = re.compile(r"^[*＊]+|[*＊]+$")
_BRACKETED = re.compile(r"\(.*?\)$")


def header_key(value: Any) -> str:
    return _REQUIRED_MARK.sub("", lookup_key(value))


_HEADERS: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column.header, *_column.synonyms):
        _HEADERS.setdefault(header_key(_name), _column.key)


def column_for_header(value: Any) -> str | None:
    """The column key a header names: exact, or without a trailing bracket such as （万元）."""
    key = header_key(value)
    if not key:
        return None
    return _HEADERS.get(key) or _HEADERS.get(_BRACKETED.sub("", key))
