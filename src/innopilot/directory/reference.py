"""Load reference data (region, managing units, industries, qualification types) from YAML files.

One transaction: a file with any error changes nothing. Loading the same files twice changes
nothing. Units and types missing from a newer file are deactivated, never deleted, because
enterprises and accounts still point at them.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from django.conf import settings
from django.db import transaction
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from innopilot.common.errors import DomainError
from innopilot.directory.models import (
    IndustryDivision,
    IndustrySection,
    ManagingUnit,
    QualificationType,
    Region,
)

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"
INDUSTRIES_FILE = REFERENCE_DIR / "gbt4754-2017.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class RegionSchema(_Strict):
    code: str
    name_zh: str
    name_en: str = ""
    ip_office_zh: str
    ip_office_en: str = ""
    econ_office_zh: str
    econ_office_en: str = ""
    district_ip_department_zh: str = "知识产权管理部门"
    district_ip_department_en: str = ""
    district_econ_department_zh: str = "经信部门"
    district_econ_department_en: str = ""


class UnitSchema(_Strict):
    code: str = Field(min_length=1, max_length=16)
    kind: Literal["district", "county", "autonomous_county", "zone"]
    gbt2260: str | None = Field(default=None, pattern=r"^\d{6}$")
    name_zh: str = Field(min_length=1)
    name_en: str = ""
    aliases: list[str] = []
    overlaps: list[str] = []


class UnitsFile(_Strict):
    region: RegionSchema
    units: list[UnitSchema] = Field(min_length=1)

    @field_validator("units")
    @classmethod
    def _unique(cls, units: list[UnitSchema]) -> list[UnitSchema]:
        _require_unique([unit.code for unit in units], "unit code")
        names = [unit.name_zh for unit in units]
        _require_unique(names + [alias for unit in units for alias in unit.aliases], "unit name or alias")
        return units


class DivisionSchema(_Strict):
    code: str = Field(pattern=r"^\d{2}$")
    name_zh: str
    name_en: str = ""


class SectionSchema(_Strict):
    code: str = Field(pattern=r"^[A-Z]$")
    name_zh: str
    name_en: str = ""
    divisions: list[DivisionSchema] = Field(min_length=1)


class IndustriesFile(_Strict):
    standard: str
    sections: list[SectionSchema] = Field(min_length=1)

    @field_validator("sections")
    @classmethod
    def _unique(cls, sections: list[SectionSchema]) -> list[SectionSchema]:
        _require_unique([section.code for section in sections], "section code")
        _require_unique([d.code for section in sections for d in section.divisions], "division code")
        return sections


class QualificationTypeSchema(_Strict):
    code: str = Field(pattern=r"^[a-z0-9_]+$", max_length=40)
    name_zh: str
    name_en: str = ""
    level: Literal["national", "provincial"]
    authority_zh: str = ""
    authority_en: str = ""
    pilot_eligible: bool = False
    validity_years: int | None = Field(default=None, ge=1, le=50)
    to_verify: str = ""


class QualificationTypesFile(_Strict):
    qualification_types: list[QualificationTypeSchema] = Field(min_length=1)

    @field_validator("qualification_types")
    @classmethod
    def _unique(cls, types: list[QualificationTypeSchema]) -> list[QualificationTypeSchema]:
        _require_unique([item.code for item in types], "qualification type code")
        return types


def _require_unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"duplicate {what}: {value}")
        seen.add(value)


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deactivated: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values()) or any(self.deactivated.values())


def region_dir(name_or_path: str | None = None) -> Path:
    """A region folder: a name under data/reference/regions/, or a path to a folder of one's own."""
    value = name_or_path or settings.INNOPILOT_REGION
    path = Path(value)
    return path if path.is_dir() else REFERENCE_DIR / "regions" / value


def _read(path: Path, schema: type[BaseModel]) -> BaseModel:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DomainError(f"{path}: file not found") from None
    except yaml.YAMLError as error:
        raise DomainError(f"{path}: not valid YAML: {error}") from None
    try:
        return schema.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise DomainError(
            f"{path}: {where}: {first['msg']} ({error.error_count()} error(s) in all)"
        ) from None


def _sync(model, rows: list[dict], *, key: str, report: LoadReport, label: str, deactivate: bool) -> dict:
    """Create missing rows, update changed ones, deactivate absent ones; return objects by key."""
    existing = {getattr(obj, key): obj for obj in model.objects.all()}
    to_create, to_update, fields = [], [], set()
    for row in rows:
        obj = existing.get(row[key])
        if obj is None:
            to_create.append(model(**row))
            continue
        changed = {name for name, value in row.items() if getattr(obj, name) != value}
        if changed:
            for name in changed:
                setattr(obj, name, row[name])
            to_update.append(obj)
            fields |= changed
    model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, sorted(fields))
    absent = set(existing) - {row[key] for row in rows}
    gone = model.objects.filter(**{f"{key}__in": absent}, is_active=True) if deactivate else None
    report.created[label] = len(to_create)
    report.updated[label] = len(to_update)
    report.deactivated[label] = gone.update(is_active=False) if gone is not None else 0
    return {getattr(obj, key): obj for obj in model.objects.all()}


def reference_load(*, region: str | None = None, units_file: str | None = None) -> LoadReport:
    """Load the industries, the region's units (or ``units_file``) and its qualification types."""
    folder = region_dir(region)
    industries = _read(INDUSTRIES_FILE, IndustriesFile)
    units = _read(Path(units_file) if units_file else folder / "units.yaml", UnitsFile)
    types = _read(folder / "qualification_types.yaml", QualificationTypesFile)
    report = LoadReport()
    with transaction.atomic():
        region_obj, created = Region.objects.get_or_create(
            code=units.region.code, defaults=units.region.model_dump()
        )
        if not created:
            for name, value in units.region.model_dump().items():
                setattr(region_obj, name, value)
            region_obj.save()
        report.created["regions"] = int(created)
        sections = _sync(
            IndustrySection,
            [s.model_dump(exclude={"divisions"}) for s in industries.sections],
            key="code",
            report=report,
            label="industry sections",
            deactivate=False,
        )
        division_rows = [
            {**d.model_dump(), "section_id": sections[s.code].pk}
            for s in industries.sections
            for d in s.divisions
        ]
        _sync(
            IndustryDivision,
            division_rows,
            key="code",
            report=report,
            label="industry divisions",
            deactivate=False,
        )
        unit_rows = [
            {
                **u.model_dump(),
                "gbt2260": u.gbt2260 or "",
                "region_id": region_obj.pk,
                "sort_order": i,
                "is_active": True,
            }
            for i, u in enumerate(units.units)
        ]
        _sync(ManagingUnit, unit_rows, key="code", report=report, label="managing units", deactivate=True)
        type_rows = [
            {**t.model_dump(), "sort_order": i, "is_active": True}
            for i, t in enumerate(types.qualification_types)
        ]
        _sync(
            QualificationType,
            type_rows,
            key="code",
            report=report,
            label="qualification types",
            deactivate=True,
        )
    return report
