"""Exports never hand a spreadsheet a formula it did not get from us."""

import io

from openpyxl import Workbook, load_workbook

from innopilot.common.excel import safe_cell, workbook_bytes, write_sheet
from innopilot.common.masking import mask_email, mask_mobile


def test_text_that_would_start_a_formula_is_written_as_text():
    for dangerous in ("=1+1", "+8613800000000", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x")'):
        assert safe_cell(dangerous) == "'" + dangerous
    assert safe_cell("重庆") == "重庆" and safe_cell(-5) == -5 and safe_cell(None) is None


def test_a_written_sheet_holds_no_formula_cells():
    workbook = Workbook()
    write_sheet(workbook.active, ["名称", "备注"], [["=cmd|' /C calc'!A0", "@x"]])
    sheet = load_workbook(io.BytesIO(workbook_bytes(workbook))).active
    assert [cell.data_type for cell in sheet[2]] == ["s", "s"]
    assert sheet["A2"].value.startswith("'=")


def test_contact_details_are_masked_to_their_ends():
    assert mask_mobile("13812345678") == "138****5678"
    assert mask_email("zhang.san@example.cn") == "z***@example.cn"


def test_uploaded_workbooks_are_parsed_with_defused_xml():
    # openpyxl switches to defusedxml when it is installed: no entity expansion from uploads.
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML
