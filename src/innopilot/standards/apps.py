from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "innopilot.standards"
    verbose_name = _("Standards")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from innopilot.standards.models import StandardLibrary

        # Clauses and questions are written only by the loader, together with their library.
        auditlog.register(StandardLibrary)
