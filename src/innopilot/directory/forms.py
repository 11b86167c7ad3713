from django import forms
from django.utils.translation import gettext_lazy as _

from innopilot.accounts import access
from innopilot.directory.models import ManagingUnit


class EnterpriseForm(forms.Form):
    uscc = forms.CharField(label=_("Unified social credit code"), max_length=40)
    name = forms.CharField(label=_("Registered name"), max_length=200)
    managing_unit = forms.ModelChoiceField(label=_("Managing unit"), queryset=ManagingUnit.objects.none())

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        units = access.units_for_new_enterprises(actor)
        self.fields["managing_unit"].queryset = units
        if actor.managing_unit_id:
            self.fields["managing_unit"].initial = actor.managing_unit_id


class EnterpriseFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False)
    unit = forms.ChoiceField(label=_("Managing unit"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All units")), *((u.code, u.name) for u in units)]
