"""Check an enterprise list against the reference data and the database, and plan what committing it
would change: every problem by sheet, row and column, and every create or update by field.

Checking reads the database but never writes; the commit (``services.py``) checks again and writes
the plan in one transaction, so a file checked an hour ago cannot slip stale data in.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from innopilot.directory import eligibility
from innopilot.directory.imports import columns as cols
from innopilot.directory.imports.cells import Reference, read_cell
from innopilot.directory.imports.parsing import CellError, clean_text
from innopilot.directory.imports.reader import SheetLayout, Workbook, data_rows
from innopilot.directory.models import Enterprise, EnterpriseContact, ManagingUnit, Qualification
from innopilot.directory.uscc import normalize_uscc, organization_code_warning, validate_uscc


def model_fields(model) -> tuple[str, ...]:
    """The fields an import writes on a contact or qualification, as stored in the plan."""
    return tuple((cols.CONTACT_FIELDS if model is EnterpriseContact else cols.QUALIFICATION_FIELDS).values())


CHUNK = 500  # codes per IN (…) query: well inside SQLite's parameter limit
PROGRESS_EVERY = 500


@dataclass(slots=True)
class Row:
    sheet: SheetLayout
    number: int
    raw: dict[str, Any] | None
    uscc: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    failed: bool = False


@dataclass
class Plan:
    """What committing the file would do; ``errors`` empty means it may be committed."""

    errors: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    rows: int = 0
    # (Excel row, model field values) for new records; (pk, {field: (old, new)}, label) for changes.
    new_enterprises: list[tuple[int, dict]] = field(default_factory=list)
    changed_enterprises: list[tuple[int, dict, str]] = field(default_factory=list)
    new_contacts: list[tuple[str, dict, str]] = field(default_factory=list)
    changed_contacts: list[tuple[int, dict, str]] = field(default_factory=list)
    new_qualifications: list[tuple[str, dict, str]] = field(default_factory=list)
    changed_qualifications: list[tuple[int, dict, str]] = field(default_factory=list)
    outcome: dict[str, str] = field(default_factory=dict)  # uscc → created / updated / unchanged

    def summary(self) -> dict:
        actions = list(self.outcome.values())
        return {
            "rows": self.rows,
            "enterprise": {
                "created": len(self.new_enterprises),
                "updated": len(self.changed_enterprises),
                "unchanged": actions.count("unchanged"),
            },
            "contact": {"created": len(self.new_contacts), "updated": len(self.changed_contacts)},
            "qualification": {
                "created": len(self.new_qualifications),
                "updated": len(self.changed_qualifications),
            },
        }


def chunks(values: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _display(value: Any) -> str:
    return "" if value is None else clean_text(value)[:200]


class Checker:
    """One pass over a workbook; ``run`` returns the plan."""

    def __init__(
        self,
        *,
        unit: ManagingUnit | None,
        progress: Callable[[int], None] | None = None,
        reference: Reference | None = None,
    ):
        self.unit = unit
        self.progress = progress or (lambda done: None)
        self.reference = reference or Reference()
        self.plan = Plan()

    # --- problems ---------------------------------------------------------------------------------

    def _problem(
        self, bucket: list, row: Row | None, key: str | None, message: str, value: Any = None
    ) -> None:
        letter, header = row.sheet.where(key) if row and key else ("", "")
        if row and key and value is None:
            # The cells are let go after reading (memory): later problems pass the value they are about.
            value = row.raw.get(key) if row.raw is not None else (row.uscc if key == "uscc" else None)
        bucket.append(
            {
                "sheet": row.sheet.title if row else "",
                "row": row.number if row else 0,
                "column": letter,
                "header": header,
                "value": _display(value),
                "message": message,
            }
        )

    def error(self, row: Row | None, key: str | None, message: str, value: Any = None) -> None:
        if row is not None:
            row.failed = True
        self._problem(self.plan.errors, row, key, message, value)

    def warning(self, row: Row, key: str, message: str, value: Any = None) -> None:
        self._problem(self.plan.warnings, row, key, message, value)

    # --- reading ------------------------------------------------------------------------------------

    def _read(self, row: Row) -> None:
        raw_code = clean_text(row.raw.get("uscc"))
        if not raw_code:
            self.error(row, "uscc", _("The unified social credit code is missing."))
        else:
            row.uscc = normalize_uscc(raw_code)
            try:
                validate_uscc(row.uscc)
            except ValidationError as error:
                self.error(row, "uscc", error.messages[0])
            else:
                if note := organization_code_warning(row.uscc):
                    self.warning(row, "uscc", note)
        for key, value in row.raw.items():
            if key == "uscc" or value is None:
                continue
            try:
                parsed = read_cell(cols.BY_KEY[key], value, self.reference)
            except CellError as problem:
                self.error(row, key, problem.message)
                continue
            if parsed is not None:
                row.values[key] = parsed

    def _batches(self, sheet, layout: SheetLayout) -> Iterable[list[Row]]:
        """Rows read and checked cell by cell, a batch at a time, with progress."""
        batch: list[Row] = []
        for number, raw in data_rows(sheet, layout):
            row = Row(layout, number, raw)
            self._read(row)
            row.raw = None  # the cells are not needed any more (memory)
            batch.append(row)
            self.plan.rows += 1
            if self.plan.rows % PROGRESS_EVERY == 0:
                self.progress(self.plan.rows)
            if len(batch) == CHUNK:
                yield batch
                batch = []
        if batch:
            yield batch

    def _stored(self, codes: set[str]) -> tuple[dict, dict, dict]:
        """Enterprises, contacts and qualifications on record for a batch's codes."""
        existing = self._existing_enterprises(sorted(codes))
        ids = [record.pk for record in existing.values()]
        contacts = self._existing(EnterpriseContact, ("enterprise_id", "name"), ids)
        qualifications = self._existing(Qualification, ("enterprise_id", "type_id", "recognized_year"), ids)
        return existing, contacts, qualifications

    # --- the whole file -----------------------------------------------------------------------------

    def run(self, workbook: Workbook) -> Plan:
        """Check and plan batch by batch, so that a 50,000-row file is never in memory as rows.

        A code repeated in a later batch is found only then, after its first row was planned; that
        is harmless because any error empties the plan.
        """
        sheet, layout = workbook.enterprises
        for ignored in layout.ignored:
            message = _("Column %(column)s is not recognised and was ignored.") % {"column": ignored}
            self.plan.warnings.append(self._file_note(layout, message))
        occurrences: dict[str, list[int]] = defaultdict(list)  # code → its rows in the enterprise sheet
        seen_qualifications: dict[tuple, Row] = {}
        for batch in self._batches(sheet, layout):
            for row in batch:
                if row.uscc:
                    occurrences[row.uscc].append(row.number)
            fresh = [row for row in batch if not row.failed and len(occurrences[row.uscc]) == 1]
            existing, contacts, qualifications = self._stored({row.uscc for row in fresh})
            for row in fresh:
                record = existing.get(row.uscc)
                self._plan_enterprise(row, record)
                self._plan_contact(row, record, contacts)
                self._plan_qualification(row, record, qualifications, seen_qualifications)
                row.values = {}
        for code, numbers in occurrences.items():
            for number in numbers if len(numbers) > 1 else ():
                others = "、".join(str(other) for other in numbers if other != number)
                message = _("This code appears again in row %(rows)s of the same sheet.") % {"rows": others}
                self.error(Row(layout, number, None, code), "uscc", message)
        if workbook.qualifications:
            for batch in self._batches(*workbook.qualifications):
                existing, _contacts, qualifications = self._stored(
                    {row.uscc for row in batch if not row.failed}
                )
                for row in batch:
                    if not row.failed:
                        self._plan_extra_qualification(
                            row,
                            existing.get(row.uscc),
                            row.uscc in occurrences,
                            qualifications,
                            seen_qualifications,
                        )
        self.progress(self.plan.rows)
        if self.plan.errors:
            self._clear_writes()
            sheets = {layout.title: 0}
            self.plan.errors.sort(key=lambda p: (sheets.get(p["sheet"], 1), p["row"], p["column"]))
        return self.plan

    def _plan_extra_qualification(
        self, row: Row, record, in_file: bool, qualifications: dict, seen: dict
    ) -> None:
        """A row of the 资格 sheet: a qualification of an enterprise in the file or the directory."""
        if not in_file and record is None:
            self.error(
                row, "uscc", _("No enterprise with this code in the enterprise sheet or the directory.")
            )
        elif record is not None and self._outside_scope(row, record):
            return
        elif "qual_type" not in row.values:
            self.error(row, "qual_type", _("The qualification type is missing."))
        else:
            self._plan_qualification(row, record, qualifications, seen)

    def _file_note(self, layout: SheetLayout, message: str) -> dict:
        return {
            "sheet": layout.title,
            "row": layout.header_row,
            "column": "",
            "header": "",
            "value": "",
            "message": message,
        }

    def _clear_writes(self) -> None:
        for name in (
            "new_enterprises",
            "changed_enterprises",
            "new_contacts",
            "changed_contacts",
            "new_qualifications",
            "changed_qualifications",
        ):
            getattr(self.plan, name).clear()
        self.plan.outcome.clear()

    def _existing_enterprises(self, codes: list[str]) -> dict[str, dict]:
        # Named tuples, not dicts: a tenth of the memory for 50,000 records.
        fields = ["pk", "uscc", *cols.ENTERPRISE_FIELDS.values()]
        found = {}
        for chunk in chunks(codes):
            for record in Enterprise.objects.filter(uscc__in=chunk).values_list(*fields, named=True):
                found[record.uscc] = record
        return found

    def _existing(self, model, key_fields: tuple[str, ...], enterprise_ids: list[int]) -> dict[tuple, Any]:
        fields = ["id", "enterprise_id", *model_fields(model)]
        found = {}
        for chunk in chunks(enterprise_ids):
            for record in model.objects.filter(enterprise_id__in=chunk).values_list(*fields, named=True):
                found[tuple(getattr(record, name) for name in key_fields)] = record
        return found

    # --- one enterprise -----------------------------------------------------------------------------

    def _outside_scope(self, row: Row, record: dict) -> bool:
        if self.unit is not None and record.managing_unit_id != self.unit.pk:
            self.error(
                row,
                "uscc",
                _("This enterprise is registered under %(unit)s; only that unit or the city may change it.")
                % {"unit": self.reference.unit_names.get(record.managing_unit_id, "")},
            )
            return True
        return False

    def _plan_enterprise(self, row: Row, record: dict | None) -> None:
        values = {key: row.values[key] for key in cols.ENTERPRISE_KEYS if key in row.values and key != "uscc"}
        if self.unit is not None:
            if values.get("unit", self.unit.pk) != self.unit.pk:
                self.error(
                    row,
                    "unit",
                    _("You may import only enterprises of your own unit (%(unit)s).")
                    % {"unit": self.unit.name},
                    value=self.reference.unit_names.get(values["unit"]),
                )
                return
            values["unit"] = self.unit.pk
        if record is not None and self._outside_scope(row, record):
            return
        fields = {cols.ENTERPRISE_FIELDS[key]: value for key, value in values.items()}
        if record is None:
            missing = [key for key in ("name", "unit") if key not in values]
            for key in missing:
                message = (
                    _("The name is missing: it is required for a new enterprise.")
                    if key == "name"
                    else _("The managing unit is missing: it is required for a new enterprise.")
                )
                self.error(row, key, message)
            if not missing:
                self.plan.new_enterprises.append((row.number, {"uscc": row.uscc, **fields}))
                self.plan.outcome[row.uscc] = "created"
            return
        changes = {
            name: (old, value) for name, value in fields.items() if (old := getattr(record, name)) != value
        }
        if "name" in changes:
            self.warning(
                row,
                "name",
                _("The directory has this enterprise as %(name)s; the name will be changed.")
                % {"name": record.name},
                value=fields["name"],
            )
        if "managing_unit_id" in changes:
            self.warning(
                row,
                "unit",
                _("The managing unit will change from %(old)s to %(new)s.")
                % {
                    "old": self.reference.unit_names.get(record.managing_unit_id, ""),
                    "new": self.reference.unit_names.get(fields["managing_unit_id"], ""),
                },
                value=self.reference.unit_names.get(fields["managing_unit_id"]),
            )
        if changes:
            self.plan.changed_enterprises.append((record.pk, changes, fields.get("name", record.name)))
            self.plan.outcome[row.uscc] = "updated"
        else:
            self.plan.outcome[row.uscc] = "unchanged"

    def _mark_updated(self, uscc: str) -> None:
        if self.plan.outcome.get(uscc, "unchanged") == "unchanged":
            self.plan.outcome[uscc] = "updated"

    def _plan_contact(self, row: Row, record: dict | None, contacts: dict) -> None:
        values = {cols.CONTACT_FIELDS[key]: row.values[key] for key in cols.CONTACT_KEYS if key in row.values}
        if not values:
            return
        if "name" not in values:
            self.error(row, "contact_name", _("The contact's name is missing: contacts are matched by name."))
            return
        stored = contacts.get((record.pk, values["name"])) if record else None
        if stored is None:
            self.plan.new_contacts.append((row.uscc, values, values["name"]))
            self._mark_updated(row.uscc)
            return
        changes = {
            name: (old, value) for name, value in values.items() if (old := getattr(stored, name)) != value
        }
        if changes:
            self.plan.changed_contacts.append((stored.id, changes, values["name"]))
            self._mark_updated(row.uscc)

    def _plan_qualification(self, row: Row, record: dict | None, stored_all: dict, seen: dict) -> None:
        values = {
            cols.QUALIFICATION_FIELDS[key]: row.values[key]
            for key in cols.QUALIFICATION_KEYS
            if key in row.values
        }
        if not values:
            return
        if "type_id" not in values:
            self.error(row, "qual_type", _("The qualification type is missing."))
            return
        if "recognized_year" not in values:
            self.error(
                row,
                "qual_year",
                _("The year recognised is missing: qualifications are matched by type and year."),
            )
            return
        key = (row.uscc, values["type_id"], values["recognized_year"])
        if key in seen:
            first = seen[key]
            self.error(
                row,
                "qual_type",
                _("The same qualification (type and year) is already in %(sheet)s row %(row)d.")
                % {"sheet": first.sheet.title, "row": first.number},
                value=self.reference.type_names.get(values["type_id"]),
            )
            return
        seen[key] = row
        stored = stored_all.get((record.pk, values["type_id"], values["recognized_year"])) if record else None
        merged = {**(stored._asdict() if stored else {}), **values}
        if not merged.get("valid_to"):
            default = eligibility.default_valid_to(
                values["recognized_year"], self.reference.validity_years.get(values["type_id"])
            )
            if default:
                values["valid_to"] = merged["valid_to"] = default
        if merged.get("valid_from") and merged.get("valid_to") and merged["valid_to"] < merged["valid_from"]:
            self.error(
                row, "qual_valid_to", _("The end of validity is before its start."), value=merged["valid_to"]
            )
            return
        label = f"{self.reference.type_names.get(values['type_id'], '')} ({values['recognized_year']})"
        if stored is None:
            self.plan.new_qualifications.append((row.uscc, values, label))
            self._mark_updated(row.uscc)
            return
        changes = {
            name: (old, value) for name, value in values.items() if (old := getattr(stored, name)) != value
        }
        if changes:
            self.plan.changed_qualifications.append((stored.id, changes, label))
            self._mark_updated(row.uscc)
