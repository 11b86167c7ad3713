from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.accounts.roles import Role
from innopilot.directory.models import Enterprise, ManagingUnit
from innopilot.evaluations.models import EvaluationInstitution


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The user name or password is wrong. Note that both are case-sensitive."),
        "inactive": _("This account has been deactivated. Please contact the official who manages it."),
    }


class UserForm(forms.Form):
    """Create or change an account; choices are limited to what the acting user may assign."""

    username = forms.RegexField(
        label=_("User name"),
        regex=r"^[A-Za-z0-9_.@+-]{3,150}$",
        error_messages={"invalid": _("Use 3 or more letters, digits or the characters . @ + - _")},
    )
    full_name = forms.CharField(label=_("Full name"), max_length=64)
    email = forms.EmailField(label=_("E-mail"), help_text=_("The link to set a password is sent here."))
    phone = forms.RegexField(
        label=_("Mobile"),
        regex=r"^1\d{10}$",
        required=False,
        error_messages={"invalid": _("Enter an 11-digit mainland mobile number.")},
    )
    role = forms.ChoiceField(label=_("Role"))
    managing_unit = forms.ModelChoiceField(
        label=_("Managing unit"), queryset=ManagingUnit.objects.none(), required=False
    )
    enterprise = forms.ModelChoiceField(
        label=_("Enterprise"),
        queryset=Enterprise.objects.none(),
        required=False,
    )
    institution = forms.ModelChoiceField(
        label=_("Evaluation institution"), queryset=EvaluationInstitution.objects.none(), required=False
    )

    def __init__(self, *args, actor: User, instance: User | None = None, **kwargs):
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "username": instance.username,
                    "full_name": instance.full_name,
                    "email": instance.email,
                    "phone": instance.phone,
                    "role": instance.role,
                    "managing_unit": instance.managing_unit_id,
                    "enterprise": instance.enterprise_id,
                    "institution": instance.institution_id,
                },
            )
        super().__init__(*args, **kwargs)
        self.instance = instance
        roles = access.roles_assignable_by(actor)
        self.fields["role"].choices = [(role.value, role.label) for role in roles]
        self.fields["managing_unit"].queryset = access.units_visible_to(actor)
        self.fields["enterprise"].queryset = access.enterprises_visible_to(actor)
        self.fields["institution"].queryset = EvaluationInstitution.objects.filter(is_active=True)
        if Role.EVALUATOR not in roles:
            del self.fields["institution"]
        if not any(role in roles for role in (Role.DISTRICT_IP, Role.DISTRICT_ECON)):
            del self.fields["managing_unit"]
        if instance is not None:
            self.fields["username"].disabled = True

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "full_name": data["full_name"],
            "email": data["email"],
            "phone": data.get("phone", ""),
            "role": data["role"],
            "managing_unit": data.get("managing_unit"),
            "enterprise": data.get("enterprise"),
            "institution": data.get("institution"),
        }


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    role = forms.ChoiceField(label=_("Role"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("All roles")), *Role.choices]
