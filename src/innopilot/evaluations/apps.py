from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "innopilot.evaluations"
    verbose_name = _("Evaluations")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from innopilot.evaluations.models import EvaluationInstitution

        auditlog.register(EvaluationInstitution)
