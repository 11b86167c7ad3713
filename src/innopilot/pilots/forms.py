from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from innopilot.directory.models import ManagingUnit
from innopilot.pilots.models import Campaign

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2100)
    nomination_deadline = forms.DateField(
        label=_("Nomination deadline"), widget=DATE_INPUT, help_text=_("The last day, Beijing time.")
    )
    target_percent = forms.DecimalField(
        label=_("Target share of the eligible pool (%)"),
        min_value=Decimal("0.1"),
        max_value=Decimal("100"),
        decimal_places=2,
        initial=Decimal("33.33"),
        help_text=_("One third (33.33%) reaches full coverage in three years."),
    )
    reminder_days = forms.CharField(
        label=_("Reminder days before the deadline"),
        required=False,
        initial="14,3",
        help_text=_("Whole days, separated by commas, e.g. 14,3."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Campaign.Status.choices)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    @classmethod
    def initial_from(cls, campaign: Campaign) -> dict:
        return {
            "year": campaign.year,
            "nomination_deadline": campaign.nomination_deadline,
            "target_percent": (campaign.target_share * 100).quantize(Decimal("0.01")),
            "reminder_days": ",".join(str(d) for d in campaign.reminder_days),
            "status": campaign.status,
            "notes": campaign.notes,
        }

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["target_share"] = (data.pop("target_percent") / 100).quantize(Decimal("0.0001"))
        return data


class ExtensionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=ManagingUnit.objects.filter(is_active=True))
    new_deadline = forms.DateField(label=_("New deadline"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ContactForm(forms.Form):
    contact_name = forms.CharField(label=_("Contact person"), max_length=50)
    contact_position = forms.CharField(label=_("Position"), max_length=100, required=False)
    contact_mobile = forms.CharField(
        label=_("Mobile"), max_length=20, help_text=_("11 digits, e.g. 13812345678.")
    )
    contact_email = forms.EmailField(label=_("E-mail"), required=False)


class NominationForm(ContactForm):
    """An enterprise from the unit's candidates, with its contact person for the pilot."""

    enterprise = forms.ChoiceField(label=_("Enterprise"))

    field_order = ["enterprise", "contact_name", "contact_position", "contact_mobile", "contact_email"]

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {c.enterprise.uscc: c.enterprise for c in candidates}
        self.fields["enterprise"].choices = [("", "—")] + [
            (c.enterprise.uscc, f"{c.enterprise.name}（{c.enterprise.uscc}）") for c in candidates
        ]

    def clean_enterprise(self):
        return self.candidates[self.cleaned_data["enterprise"]]
