"""One enterprise's Excel round-trip on the web: download its template, upload it, see what will
change, confirm.

Nothing is stored between the check and the confirmation: the check hands the page a signed token
with the new values and a fingerprint of the report's values as they were checked; confirming
verifies the signature and then, in one transaction with the report's row locked (as every write of
the form locks it), refuses if the report can no longer be edited (submitted meanwhile) or its values
changed, parses and checks the values again, and writes them all. The error report travels the same
way (a signed token).
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.annual.excel import layout
from innopilot.annual.excel.checking import RowCheck, check_values, unknown_note
from innopilot.annual.excel.reader import data_rows, find_sheet, is_blank, open_workbook
from innopilot.annual.excel.template import TemplateRow, template_bytes
from innopilot.annual.excel.writing import ReportChanges, changes_write
from innopilot.annual.known import known_values
from innopilot.annual.models import AnnualReport
from innopilot.annual.services import locked_report
from innopilot.annual.spec import CatalogueSpec, catalogue_spec
from innopilot.annual.values import Value, ValueProblem, cross_field_problems, display, parse_value, values_of
from innopilot.common.audit import audited_as
from innopilot.common.errors import DomainError
from innopilot.common.uploads import display_name, file_problem
from innopilot.directory.imports.parsing import CellError, clean_text, parse_year
from innopilot.directory.uscc import normalize_uscc

SALT = "innopilot.annual.excel.upload"
TOKEN_MAX_AGE = 2 * 60 * 60  # seconds a check stays confirmable


# --- Template --------------------------------------------------------------------------------------


def template_for(report: AnnualReport) -> tuple[bytes, str]:
    """The report's template, prefilled with its known values (``annual.known``), and a file name."""
    spec = catalogue_spec(report.catalogue)
    known = known_values(report, spec)
    enterprise = report.enterprise
    row = TemplateRow(
        uscc=enterprise.uscc,
        name=enterprise.name,
        unit=enterprise.managing_unit.name_zh,
        year=report.year,
        values=known.values,
    )
    title = _("Annual data %(year)s: %(name)s") % {"year": report.year, "name": enterprise.name}
    content = template_bytes(spec, [row], title=title, carried_from=known.carried_from, carried=known.carried)
    return content, f"年度数据-{report.year}-{enterprise.name}.xlsx"


# --- Upload and confirmation -------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeLine:
    code: str
    label: str
    before: str
    after: str


@dataclass
class UploadCheck:
    report: AnnualReport
    spec: CatalogueSpec
    file_name: str
    row: RowCheck
    before: str  # fingerprint of the stored values the check compared with
    notes: list[str] = field(default_factory=list)  # columns and rows left out, for information

    @property
    def problems(self) -> list[dict]:
        return self.row.problems

    def lines(self) -> list[ChangeLine]:
        by_code = self.spec.by_code
        order = {indicator.code: index for index, indicator in enumerate(self.spec.indicators)}
        return [
            ChangeLine(
                code, by_code[code].label, display(by_code[code], before), display(by_code[code], after)
            )
            for code, (before, after) in sorted(self.row.changes.items(), key=lambda item: order[item[0]])
        ]


def fingerprint(values: dict[str, Value]) -> str:
    text = "\n".join(f"{code}={values[code]}" for code in sorted(values))
    return hashlib.sha256(text.encode()).hexdigest()


def _require_editable(actor: User, report: AnnualReport) -> None:
    if not access.can_edit_annual_report(actor, report):
        raise DomainError(
            _("This report cannot be changed now: it is %(status)s.")
            % {"status": report.get_status_display()}
        )


def _check_file(upload: UploadedFile) -> None:
    refused = file_problem(
        upload.name,
        upload.size,
        upload,
        allowed=("xlsx",),
        max_mb=settings.ANNUAL_IMPORT_MAX_MB,
        wrong_type=_("Choose an Excel workbook ending in .xlsx (save .xls or .et files as .xlsx first)."),
    )
    if refused:
        raise DomainError(refused, field="file")


def _own_row(rows, report: AnnualReport):
    """The one row of the report's enterprise, or a DomainError that says whose file this is."""
    uscc = report.enterprise.uscc
    mine = [row for row in rows if normalize_uscc(clean_text(row.cells.get(layout.USCC))) == uscc]
    if not rows:
        raise DomainError(_("The file has no data rows below the headers."), field="file")
    if not mine:
        others = sorted({clean_text(row.cells.get(layout.USCC)) or "—" for row in rows})
        raise DomainError(
            _(
                "This file has no row for %(name)s (统一社会信用代码 %(uscc)s); it holds %(others)s. "
                "Download your own template from this report and fill that in."
            )
            % {"name": report.enterprise.name, "uscc": uscc, "others": "、".join(others[:3])},
            field="file",
        )
    if len(mine) > 1:
        raise DomainError(
            _("Rows %(rows)s are all for %(name)s: keep one of them.")
            % {"rows": "、".join(str(row.number) for row in mine), "name": report.enterprise.name},
            field="file",
        )
    return mine[0]


def _check_year(row, report: AnnualReport) -> None:
    raw = row.cells.get(layout.YEAR)
    if is_blank(raw):
        return  # the page's report says which year
    try:
        year = parse_year(raw)
    except CellError as error:
        raise DomainError(
            _("Row %(row)s, 数据年度: %(message)s") % {"row": row.number, "message": error.message},
            field="file",
        ) from None
    if year != report.year:
        raise DomainError(
            _(
                "The file's row is for %(file_year)s, but this report is for %(year)s. Upload it to the "
                "%(file_year)s report, or download this report's template."
            )
            % {"file_year": year, "year": report.year},
            field="file",
        )


def upload_check(*, actor: User, report: AnnualReport, upload: UploadedFile) -> UploadCheck:
    """Read the enterprise's row and plan the changes; ``DomainError`` when the file is not one."""
    _require_editable(actor, report)
    _check_file(upload)
    spec = catalogue_spec(report.catalogue)
    book = open_workbook(upload)
    try:
        found = find_sheet(book, codes=set(spec.by_code), headers=layout.header_lookup(spec.indicators))
        rows = list(data_rows(found))
    finally:
        book.close()
    row = _own_row(rows, report)
    _check_year(row, report)
    current = values_of(report, spec)
    result = check_values(found, row, spec, current)
    notes = []
    if found.ignored:
        notes.append(
            _("Columns left out (no indicator code): %(columns)s.") % {"columns": "、".join(found.ignored)}
        )
    if result.unknown:
        notes.append(unknown_note(spec, result.unknown))
    if len(rows) > 1:
        notes.append(_("%(count)s rows for other enterprises were left out.") % {"count": len(rows) - 1})
    name = display_name(upload.name, 200)
    return UploadCheck(report, spec, name, result, fingerprint(current), notes)


def upload_token(check: UploadCheck) -> str:
    """What the confirmation writes: signed, so nobody confirms values that were not checked."""
    after = {code: str(value) for code, (_before, value) in check.row.changes.items()}
    payload = {"report": check.report.pk, "before": check.before, "after": after, "file": check.file_name}
    return signing.dumps(payload, salt=SALT, compress=True)


def problems_token(check: UploadCheck) -> str:
    payload = {"report": check.report.pk, "file": check.file_name, "problems": check.problems}
    return signing.dumps(payload, salt=SALT + ".problems", compress=True)


def _loads(token: str, salt: str, report: AnnualReport) -> dict:
    try:
        payload = signing.loads(token or "", salt=salt, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise DomainError(_("This check is more than two hours old: upload the file again.")) from None
    except signing.BadSignature:
        raise DomainError(_("This confirmation is not valid: upload the file again.")) from None
    if payload.get("report") != report.pk:
        raise DomainError(_("This confirmation belongs to another report: upload the file again."))
    return payload


def problems_from_token(token: str, report: AnnualReport) -> tuple[str, list[dict]]:
    payload = _loads(token, SALT + ".problems", report)
    return payload["file"], payload["problems"]


def upload_confirm(*, actor: User, report: AnnualReport, token: str) -> int:
    """Write the checked values, all or nothing; returns how many values changed."""
    _require_editable(actor, report)
    payload = _loads(token, SALT, report)
    with transaction.atomic():
        # The status and the values are read again under the report's lock: a submission or a save
        # in the form between the check (or the page's request) and this write waits, or is seen.
        report = locked_report(report)
        _require_editable(actor, report)
        spec = catalogue_spec(report.catalogue)
        current = values_of(report, spec)
        if fingerprint(current) != payload["before"]:
            raise DomainError(
                _(
                    "The report changed after the file was checked (someone saved values in the form). "
                    "Upload the file again to see its changes against the current values."
                )
            )
        changes = {}
        try:
            for code, text in payload["after"].items():
                changes[code] = (current.get(code), parse_value(spec.by_code[code], text))
        except (KeyError, ValueProblem):
            raise DomainError(_("This confirmation is not valid: upload the file again.")) from None
        merged = current | {code: after for code, (_before, after) in changes.items()}
        broken = [p for p in cross_field_problems(spec, merged) if set(p.codes) & set(changes)]
        if broken:
            raise DomainError(broken[0].message)
        with audited_as(actor):
            return changes_write(
                items=[ReportChanges(report, spec, changes)],
                actor=actor,
                source=f"Excel upload: {payload['file']}",
            )
