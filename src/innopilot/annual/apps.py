from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualConfig(AppConfig):
    name = "innopilot.annual"
    verbose_name = _("Annual data")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from innopilot.annual import models, plausibility, signals
        from innopilot.annual.readiness import receivers as readiness_receivers

        for model in (
            models.IndicatorCatalogue,
            models.ReadinessRuleset,
            models.ReportingYear,
            models.AnnualReport,
            models.IndicatorValue,
            models.PlausibilityWarning,
            models.ReportSubmission,
            models.CorrectionRequest,
        ):
            auditlog.register(model)

        # Warnings follow values changed outside the form; peer bands follow submissions and restores.
        signals.values_changed.connect(plausibility.on_values_changed, dispatch_uid="annual_warnings")
        signals.report_submitted.connect(plausibility.queue_peer_bands, dispatch_uid="annual_peer_bands")
        signals.report_restored.connect(
            plausibility.queue_peer_bands, dispatch_uid="annual_peer_bands_restored"
        )
        readiness_receivers.connect()  # readiness results follow submission, acceptance and restores
