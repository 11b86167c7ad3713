"""Readiness results follow the report's workflow: recomputed when it is submitted (also a resubmission
or a correction), when the district accepts it, and when a rejected correction brings the accepted
values back (``annual.signals``, connected in ``AnnualConfig``)."""

from innopilot.annual import signals
from innopilot.annual.readiness.results import refresh_for


def refresh_on_workflow(sender, report, **kwargs) -> None:
    refresh_for(report)


def connect() -> None:
    signals.report_submitted.connect(refresh_on_workflow, dispatch_uid="readiness-on-submitted")
    signals.report_accepted.connect(refresh_on_workflow, dispatch_uid="readiness-on-accepted")
    signals.report_restored.connect(refresh_on_workflow, dispatch_uid="readiness-on-restored")
