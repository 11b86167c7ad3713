from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "innopilot.pilots"
    verbose_name = _("Pilot batches")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from innopilot.pilots import models

        for model in (
            models.Campaign,
            models.Extension,
            models.NominationList,
            models.Nomination,
            models.Decision,
            models.PilotEnterprise,
            models.Invitation,
        ):
            auditlog.register(model)
