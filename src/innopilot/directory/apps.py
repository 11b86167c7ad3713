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
        # The upload itself (who, which file, which unit); what it changed is logged row by row.
        auditlog.register(
            models.EnterpriseImport,
            include_fields=["uploaded_by", "managing_unit", "original_name", "status"],
        )
