from django import forms
from django.utils.translation import gettext_lazy as _

from innopilot.common.uploads import accept_attribute
from innopilot.directory.mechanisms.checks import PLAN_FORMATS
from innopilot.directory.models import ManagingUnit, WorkMechanism


def _text(label, max_length: int, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=False, **kwargs)


class MechanismForm(forms.Form):
    """The departments, offices and contacts are saved as far as they are filled in: the city's
    table shows what is still missing, so a unit can record what it knows today."""

    ip_department = _text(_("Department name"), 100)
    ip_office = _text(_("Responsible office"), 100, help_text=_("The office in charge, e.g. the IP section."))
    ip_contact_name = _text(_("Contact person"), 50)
    ip_contact_phone = _text(_("Contact phone"), 30, help_text=_("Mobile or landline, e.g. 023-67891234."))
    econ_department = _text(_("Department name"), 100)
    econ_office = _text(
        _("Responsible office"), 100, help_text=_("The office in charge, e.g. the SME section.")
    )
    econ_contact_name = _text(_("Contact person"), 50)
    econ_contact_phone = _text(_("Contact phone"), 30, help_text=_("Mobile or landline, e.g. 023-67891234."))
    work_plan = forms.FileField(
        label=_("Work plan"),
        required=False,
        widget=forms.FileInput(attrs={"accept": accept_attribute(PLAN_FORMATS)}),
    )

    IP_FIELDS = ("ip_department", "ip_office", "ip_contact_name", "ip_contact_phone")
    ECON_FIELDS = ("econ_department", "econ_office", "econ_contact_name", "econ_contact_phone")

    def __init__(self, *args, unit: ManagingUnit, mechanism: WorkMechanism | None, max_mb: int, **kwargs):
        if mechanism is not None:
            initial = {name: getattr(mechanism, name) for name in (*self.IP_FIELDS, *self.ECON_FIELDS)}
        else:
            # The region names the two departments every unit has; the unit's name makes them its own.
            region = unit.region
            initial = {
                "ip_department": f"{unit.name_zh}{region.district_ip_department_zh}",
                "econ_department": f"{unit.name_zh}{region.district_econ_department_zh}",
            }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["work_plan"].help_text = _(
            "PDF, Word, WPS, OFD or Excel, at most %(max)s MB. A new file replaces the current one."
        ) % {"max": max_mb}

    def ip_fields(self):
        return [self[name] for name in self.IP_FIELDS]

    def econ_fields(self):
        return [self[name] for name in self.ECON_FIELDS]
