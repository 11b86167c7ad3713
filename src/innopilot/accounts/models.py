"""Users: one role each, bound to the scope the role needs (a unit, an enterprise or an institution)."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innopilot.accounts.roles import CITY_ROLES, DISTRICT_ROLES, Role


class InnopilotUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    full_name = models.CharField(_("full name"), max_length=64, blank=True)
    phone = models.CharField(_("mobile"), max_length=20, blank=True)
    managing_unit = models.ForeignKey(
        "directory.ManagingUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("managing unit"),
    )
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("enterprise"),
    )
    institution = models.ForeignKey(
        "evaluations.EvaluationInstitution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("evaluation institution"),
    )

    objects = InnopilotUserManager()

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # Each role carries exactly the scope it needs, so no query ever meets a half-scoped user.
            models.CheckConstraint(
                name="user_scope_matches_role",
                condition=(
                    Q(
                        role__in=[*CITY_ROLES, Role.ADMIN],
                        managing_unit__isnull=True,
                        enterprise__isnull=True,
                        institution__isnull=True,
                    )
                    | Q(
                        role__in=list(DISTRICT_ROLES),
                        managing_unit__isnull=False,
                        enterprise__isnull=True,
                        institution__isnull=True,
                    )
                    | Q(
                        role=Role.ENTERPRISE,
                        managing_unit__isnull=True,
                        enterprise__isnull=False,
                        institution__isnull=True,
                    )
                    | Q(
                        role=Role.EVALUATOR,
                        managing_unit__isnull=True,
                        enterprise__isnull=True,
                        institution__isnull=False,
                    )
                ),
            ),
            # Only platform administrators may enter Django's admin site.
            models.CheckConstraint(
                name="only_admins_are_staff", condition=Q(is_staff=False) | Q(role=Role.ADMIN)
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @property
    def is_city_official(self) -> bool:
        return self.role in CITY_ROLES

    @property
    def is_district_official(self) -> bool:
        return self.role in DISTRICT_ROLES

    @property
    def is_enterprise_user(self) -> bool:
        return self.role == Role.ENTERPRISE

    @property
    def is_evaluator(self) -> bool:
        return self.role == Role.EVALUATOR

    @property
    def is_platform_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def scope_label(self) -> str:
        """Where the user works, in words: a unit, an enterprise, an institution or the whole region."""
        if self.managing_unit_id:
            return str(self.managing_unit)
        if self.enterprise_id:
            return str(self.enterprise)
        if self.institution_id:
            return str(self.institution)
        return str(_("whole region"))
