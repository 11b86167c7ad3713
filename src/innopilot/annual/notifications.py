"""Who hears about an annual report's workflow: the managing district's officials when an enterprise
submits, resubmits or asks for a correction; the enterprise's users when the district returns,
accepts or rejects a correction. In-app with an e-mail copy, once per submission (dedupe keys), in
the platform's language whoever acted."""

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from innopilot.accounts.models import User
from innopilot.accounts.roles import Role
from innopilot.annual.models import AnnualReport, CorrectionRequest, ReportSubmission
from innopilot.pilots.models import Notification
from innopilot.pilots.notifications import notification_send, unit_officials


def enterprise_users(enterprise_id: int) -> QuerySet[User]:
    return User.objects.filter(is_active=True, role=Role.ENTERPRISE, enterprise=enterprise_id)


def _link(report: AnnualReport) -> str:
    return reverse("annual_report_detail", args=[report.pk])


def notify_submitted(
    report: AnnualReport, submission: ReportSubmission, correction: CorrectionRequest | None = None
) -> list[Notification]:
    """Tell the managing district's officials that a report (or a correction) awaits their review."""
    values = {
        "enterprise": report.enterprise.name,
        "year": report.year,
        "number": submission.number,
        "reason": correction.reason if correction else "",
    }
    with translation.override(settings.LANGUAGE_CODE):
        if correction is not None:
            subject = _("Annual data correction submitted")
            message = _(
                "%(enterprise)s has submitted a correction of its accepted %(year)s annual data "
                "(submission no. %(number)s). Reason: %(reason)s"
            )
        elif submission.number > 1:
            subject = _("Annual data resubmitted")
            message = _(
                "%(enterprise)s has resubmitted its %(year)s annual data (submission no. %(number)s)."
            )
        else:
            subject = _("Annual data submitted")
            message = _("%(enterprise)s has submitted its %(year)s annual data.")
        return notification_send(
            recipients=unit_officials(report.enterprise.managing_unit_id),
            kind="annual_submitted",
            subject=subject,
            message=message % values,
            link=_link(report),
            dedupe_key=f"annual_submitted:{submission.pk}",
        )


def notify_correction_requested(report: AnnualReport, correction: CorrectionRequest) -> list[Notification]:
    """Tell the managing district's officials that an enterprise has reopened its accepted data to
    correct it, and why: its accepted version stands until they decide on the correction."""
    values = {"enterprise": report.enterprise.name, "year": report.year, "reason": correction.reason}
    with translation.override(settings.LANGUAGE_CODE):
        return notification_send(
            recipients=unit_officials(report.enterprise.managing_unit_id),
            kind="annual_correction_requested",
            subject=_("Annual data correction requested"),
            message=_(
                "%(enterprise)s has asked to correct its accepted %(year)s annual data and is editing "
                "it; the accepted version stands until you decide on the correction. Reason: %(reason)s"
            )
            % values,
            link=_link(report),
            dedupe_key=f"annual_correction_requested:{correction.pk}",
        )


def notify_decided(report: AnnualReport, submission: ReportSubmission) -> list[Notification]:
    """Tell the enterprise's users what the district decided, with its comment."""
    values = {
        "year": report.year,
        "unit": report.enterprise.managing_unit.name,
        "comment": submission.comment,
    }
    Decision = ReportSubmission.Decision
    with translation.override(settings.LANGUAGE_CODE):
        if submission.decision == Decision.RETURNED:
            subject = _("Annual data returned for correction")
            message = _("%(unit)s returned your %(year)s annual data for correction: %(comment)s")
        elif submission.decision == Decision.REJECTED:
            subject = _("Annual data correction rejected")
            message = _(
                "%(unit)s rejected your correction of the %(year)s annual data: %(comment)s "
                "The accepted values are restored."
            )
        elif submission.correction_id:
            subject = _("Annual data correction accepted")
            message = _("%(unit)s accepted your correction of the %(year)s annual data.")
        else:
            subject = _("Annual data accepted")
            message = _("%(unit)s accepted your %(year)s annual data.")
        return notification_send(
            recipients=enterprise_users(report.enterprise_id),
            kind=f"annual_{submission.decision}",
            subject=subject,
            message=message % values,
            link=_link(report),
            dedupe_key=f"annual_{submission.decision}:{submission.pk}",
        )
