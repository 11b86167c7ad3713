"""Readiness results follow the report's workflow: recomputed when it is submitted (also a resubmission
or a correction) and when the district accepts it (``annual.signals``, connected in ``AnnualConfig``)."""

from innopilot.annual import signals
from innopilot.annual.readiness.results import refresh_for


def refresh_on_workflow(sender, report, **kwargs) -> None:
    refresh_for(report)


def connect() -> None:
    for signal in (signals.report_submitted, signals.report_accepted):
        signal.connect(refresh_on_workflow, dispatch_uid=f"readiness-{id(signal)}")
