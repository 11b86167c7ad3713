"""Reads of work mechanisms: one unit's, and the city's table of every unit with what is missing."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.directory.models import ManagingUnit, WorkMechanism

# The items a complete mechanism has, in the order of the table and the export.
ITEMS: tuple[tuple[str, str], ...] = (
    ("ip_department", _("IP department")),
    ("ip_office", _("Responsible office")),
    ("ip_contact_name", _("Contact")),
    ("ip_contact_phone", _("Phone")),
    ("econ_department", _("Economy department")),
    ("econ_office", _("Responsible office")),
    ("econ_contact_name", _("Contact")),
    ("econ_contact_phone", _("Phone")),
    ("work_plan", _("Work plan")),
)


@dataclass
class MechanismRow:
    unit: ManagingUnit
    mechanism: WorkMechanism | None
    missing: set[str] = field(default_factory=set)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def cells(self) -> list[tuple[str, str, bool]]:
        """(item, value, missing) in the order of ``ITEMS``, for the table."""
        return [(item, self.value(item), item in self.missing) for item, _label in ITEMS]

    def value(self, item: str) -> str:
        if self.mechanism is None:
            return ""
        if item == "work_plan":
            return self.mechanism.work_plan_name if self.mechanism.work_plan else ""
        return getattr(self.mechanism, item)


def missing_items(mechanism: WorkMechanism | None) -> set[str]:
    if mechanism is None:
        return {item for item, _label in ITEMS}
    return {item for item, _label in ITEMS if not getattr(mechanism, item)}


def mechanism_of(unit: ManagingUnit) -> WorkMechanism | None:
    return WorkMechanism.objects.filter(managing_unit=unit).select_related("updated_by").first()


@dataclass
class Overview:
    rows: list[MechanismRow]
    complete_count: int
    incomplete_count: int


def mechanism_overview(user: User, *, only_incomplete: bool = False) -> Overview:
    """Every active unit in the user's scope in sort order, with its mechanism: one query."""
    units = (
        access.units_visible_to(user).select_related("mechanism__updated_by").order_by("sort_order", "code")
    )
    rows = []
    for unit in units:
        mechanism = getattr(unit, "mechanism", None)
        rows.append(MechanismRow(unit=unit, mechanism=mechanism, missing=missing_items(mechanism)))
    complete = sum(row.complete for row in rows)
    shown = [row for row in rows if not row.complete] if only_incomplete else rows
    return Overview(rows=shown, complete_count=complete, incomplete_count=len(rows) - complete)
