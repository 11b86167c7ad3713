from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "innopilot.directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from innopilot.directory import models

        for model in (
            models.Region,
            models.ManagingUnit,
            models.QualificationType,
            models.Enterprise,
            models.EnterpriseContact,
            models.Qualification,
        ):
            auditlog.register(model)
        auditlog.register(models.WorkMechanism, exclude_fields=["updated_at"])
