from django import forms
from django.utils.translation import gettext_lazy as _

from innopilot.accounts import access
from innopilot.directory import selectors
from innopilot.directory.models import (
    MOBILE_VALIDATOR,
    Enterprise,
    EnterpriseContact,
    IndustryDivision,
    IndustrySection,
    Qualification,
    QualificationType,
)
from innopilot.directory.services import PROFILE_FIELDS, SURVEY_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Survey answers may be unknown: None means "not surveyed yet", which a checkbox cannot say.
YES_NO_UNKNOWN = forms.NullBooleanSelect


class IndustryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, division: IndustryDivision) -> str:
        return f"{division.code} {division.name}"


def industry_divisions():
    return IndustryDivision.objects.select_related("section").order_by("code")


class WillingnessOptional:
    """Willingness may be left out (an old form, an API client): it stays "not yet stated"."""

    def clean_willingness(self):
        return self.cleaned_data.get("willingness") or Enterprise.Willingness.UNSTATED


class EnterpriseRecordForm(WillingnessOptional, forms.ModelForm):
    """The fields an official records: identity, profile and survey. The unit is added when the
    official may choose it (any unit for the city on edit; its scope on registration)."""

    industry = IndustryChoiceField(
        label=_("Industry (GB/T 4754 division)"), queryset=IndustryDivision.objects.none(), required=False
    )

    class Meta:
        model = Enterprise
        fields = ("name", "district_code", *PROFILE_FIELDS, *SURVEY_FIELDS)
        widgets = {
            "established_on": DATE_INPUT,
            "has_ip_department": YES_NO_UNKNOWN,
            "gbt29490_certified": YES_NO_UNKNOWN,
            "survey_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, unit_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry"].queryset = industry_divisions()
        self.fields["willingness"].required = False
        if unit_choices is not None:
            self.fields["managing_unit"] = forms.ModelChoiceField(
                label=_("Managing unit"),
                queryset=unit_choices,
                initial=self.instance.managing_unit_id if self.instance.pk else None,
            )
            self.order_fields(["name", "managing_unit"])

    def _post_clean(self):
        # The service validates and saves; the form only parses (no instance changes before it).
        pass

    def groups(self) -> list[tuple[str, list]]:
        """The fields in two blocks for the page: the record, and the district's survey."""
        survey = [self[name] for name in SURVEY_FIELDS]
        record = [self[name] for name in self.fields if name not in SURVEY_FIELDS]
        return [(_("Enterprise record"), record), (_("Survey"), survey)]


class EnterpriseCreateForm(EnterpriseRecordForm):
    uscc = forms.CharField(label=_("Unified social credit code"), max_length=40)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, unit_choices=access.units_for_new_enterprises(actor), **kwargs)
        if actor.managing_unit_id:
            self.fields["managing_unit"].initial = actor.managing_unit_id
        self.fields["name"].label = _("Registered name")
        self.order_fields(["uscc", "name", "managing_unit"])


class EnterpriseProfileForm(WillingnessOptional, forms.ModelForm):
    """What an enterprise user may change about its own enterprise."""

    industry = IndustryChoiceField(
        label=_("Industry (GB/T 4754 division)"), queryset=IndustryDivision.objects.none(), required=False
    )

    class Meta:
        model = Enterprise
        fields = PROFILE_FIELDS
        widgets = {"established_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry"].queryset = industry_divisions()
        self.fields["willingness"].required = False

    def _post_clean(self):
        pass

    def groups(self) -> list[tuple[str, list]]:
        return [(_("Profile"), list(self))]


class ContactForm(forms.ModelForm):
    mobile = forms.CharField(label=_("Mobile"), max_length=20, required=False)
    email = forms.EmailField(
        label=_("E-mail"), required=False, error_messages={"invalid": _("Enter a valid e-mail address.")}
    )

    class Meta:
        model = EnterpriseContact
        fields = ("name", "position", "mobile", "email")
        labels = {"name": _("Full name")}

    def clean_mobile(self):
        # People paste "138 1234 5678" or "138-1234-5678"; the digits are what counts.
        mobile = "".join(ch for ch in self.cleaned_data["mobile"] if not ch.isspace() and ch != "-")
        if mobile:
            MOBILE_VALIDATOR(mobile)
        return mobile

    def _post_clean(self):
        pass


class BaseContactFormSet(forms.BaseModelFormSet):
    def validate_unique(self):
        # Replaced by the check below, which names the contact in the user's language.
        pass

    def clean(self):
        super().clean()
        names = [
            form.cleaned_data.get("name")
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        duplicates = {name for name in names if name and names.count(name) > 1}
        if duplicates:
            raise forms.ValidationError(
                _("Each contact is listed once: %(names)s appears twice.") % {"names": "、".join(duplicates)}
            )


ContactFormSet = forms.modelformset_factory(
    EnterpriseContact, form=ContactForm, formset=BaseContactFormSet, extra=1, can_delete=True
)


class QualificationForm(forms.ModelForm):
    type = forms.ModelChoiceField(label=_("Type"), queryset=QualificationType.objects.none())

    class Meta:
        model = Qualification
        fields = (
            "type",
            "recognized_year",
            "batch",
            "valid_from",
            "valid_to",
            "reviewed_on",
            "review_result",
            "document_number",
        )
        widgets = {"valid_from": DATE_INPUT, "valid_to": DATE_INPUT, "reviewed_on": DATE_INPUT}
        help_texts = {
            "valid_to": _("Left blank: the end of the year the title falls due for review."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = QualificationType.objects.filter(is_active=True)

    def _post_clean(self):
        pass


def industry_choices() -> list:
    """Sections (letters) and, grouped under each, its divisions (two digits), for one filter."""
    sections = IndustrySection.objects.prefetch_related("divisions").order_by("code")
    choices: list = [("", _("All industries"))]
    for section in sections:
        choices.append(
            (
                f"{section.code} {section.name}",
                [(section.code, _("%(section)s, all") % {"section": section.name})]
                + [(d.code, f"{d.code} {d.name}") for d in section.divisions.all()],
            )
        )
    return choices


class EnterpriseFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, code or contact"), required=False)
    unit = forms.ChoiceField(label=_("Managing unit"), required=False)
    industry = forms.ChoiceField(label=_("Industry"), required=False)
    qualification = forms.ChoiceField(label=_("Holds (valid today)"), required=False)
    eligibility = forms.ChoiceField(
        label=_("Eligible for the pilot"),
        required=False,
        choices=[("", _("Eligible or not")), ("yes", _("Eligible")), ("no", _("Not eligible"))],
    )
    willingness = forms.ChoiceField(
        label=_("Willingness"),
        required=False,
        choices=[("", _("Any willingness")), *Enterprise.Willingness.choices],
    )
    size = forms.ChoiceField(
        label=_("Size class"), required=False, choices=[("", _("Any size")), *Enterprise.SizeClass.choices]
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(key, key) for name in selectors.SORTS for key in (name, f"-{name}")],
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All units")), *((u.code, u.name) for u in units)]
        self.fields["industry"].choices = industry_choices()
        types = QualificationType.objects.filter(is_active=True)
        self.fields["qualification"].choices = [
            ("", _("Any qualification")),
            *((t.code, t.name) for t in types),
        ]

    def to_filters(self) -> selectors.EnterpriseFilters:
        """The selector's filters; an invalid value (a stale link) is dropped rather than refused."""
        data = {}
        if self.is_bound:
            self.is_valid()  # fills cleaned_data with the fields that are valid
            data = self.cleaned_data
        return selectors.EnterpriseFilters(
            query=(data.get("q") or "").strip(),
            unit_code=data.get("unit") or "",
            industry=data.get("industry") or "",
            qualification_type=data.get("qualification") or "",
            eligibility=data.get("eligibility") or "",
            willingness=data.get("willingness") or "",
            size_class=data.get("size") or "",
            sort=data.get("sort") or selectors.DEFAULT_SORT,
        )
