"""Build enterprise-list workbooks in memory, the way officials' files look."""

import io

from openpyxl import Workbook

from tests.factories import valid_uscc

HEADERS = [
    "统一社会信用代码",
    "企业名称",
    "管理单位",
    "所属行业",
    "企业规模",
    "成立日期",
    "参与试点意愿",
    "联系人",
    "联系人手机",
    "资格类型",
    "认定年份",
]


def xlsx(rows, headers=HEADERS, *, title_rows=(), qualifications=None, sheet_title="企业名单") -> io.BytesIO:
    """An .xlsx file: optional title rows, a header row, the rows; optionally a 资格 sheet."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title
    for title in title_rows:
        sheet.append([title])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    if qualifications is not None:
        extra = book.create_sheet("资格")
        extra.append(qualifications[0])
        for row in qualifications[1:]:
            extra.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "名单.xlsx"
    return buffer


def codes(count, region="500112"):
    return [valid_uscc(region) for _ in range(count)]
