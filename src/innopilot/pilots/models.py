"""Yearly campaigns (遴选批次), each unit's nomination list, the two bureaus' joint confirmation, the
pilot enterprises it produces, their invitations, and in-app notifications.

Rules the database holds: one campaign per year; one list per campaign and unit; an enterprise at
most once per campaign; one decision per nomination and bureau (so two officials acting at the same
moment both count, and neither bureau decides twice); an enterprise is a pilot enterprise once.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innopilot.directory.models import MOBILE_VALIDATOR, Enterprise, ManagingUnit, Qualification


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        OPEN = "open", _("open for nominations")
        CLOSED = "closed", _("closed")

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2020), MaxValueValidator(2100)]
    )
    nomination_deadline = models.DateField(_("nomination deadline"))  # the last day, Asia/Shanghai
    target_share = models.DecimalField(
        _("target share of the eligible pool"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.3333"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    # Days before the deadline on which districts are reminded, e.g. [14, 3].
    reminder_days = models.JSONField(_("reminder days before the deadline"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return str(self.year)


class Extension(models.Model):
    """A later deadline the city grants one unit in one campaign, with its reason."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="extensions")
    managing_unit = models.ForeignKey(ManagingUnit, on_delete=models.CASCADE, related_name="extensions")
    new_deadline = models.DateField(_("new deadline"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "managing_unit"], name="one_extension_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} {self.managing_unit}: {self.new_deadline}"


class NominationList(models.Model):
    """A unit's list for one campaign; submitting it sends its nominations to the city."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        SUBMITTED = "submitted", _("submitted")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="lists")
    managing_unit = models.ForeignKey(ManagingUnit, on_delete=models.PROTECT, related_name="nomination_lists")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["campaign", "managing_unit__sort_order"]
        verbose_name = _("nomination list")
        verbose_name_plural = _("nomination lists")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "managing_unit"], name="one_list_per_unit_and_campaign"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign} {self.managing_unit}"


class Nomination(models.Model):
    """One enterprise on a unit's list, with its contact person for the pilot."""

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("nominated")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")
        REPLACED = "replaced", _("replaced")
        WITHDRAWN = "withdrawn", _("withdrawn")

    nomination_list = models.ForeignKey(NominationList, on_delete=models.CASCADE, related_name="nominations")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="nominations")  # = list's
    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="nominations")
    basis = models.ForeignKey(
        Qualification,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("qualifying title"),
    )
    contact_name = models.CharField(_("contact person"), max_length=50)
    contact_position = models.CharField(_("position"), max_length=100, blank=True)
    contact_mobile = models.CharField(_("mobile"), max_length=11, validators=[MOBILE_VALIDATOR])
    contact_email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NOMINATED)
    replaces = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaced_by"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["nomination_list", "created_at"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "enterprise"], name="nominated_once_per_campaign")
        ]
        indexes = [models.Index(fields=["campaign", "status"], name="nomination_campaign_status")]

    def __str__(self) -> str:
        return f"{self.campaign} {self.enterprise}"


class Decision(models.Model):
    """One bureau's approval or rejection of one nomination; both bureaus' approvals confirm it."""

    class Bureau(models.TextChoices):
        IP = "ip", _("municipal IP office")
        ECON = "econ", _("municipal economy & IT commission")

    class Verdict(models.TextChoices):
        APPROVE = "approve", _("approve")
        REJECT = "reject", _("reject")

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="decisions")
    bureau = models.CharField(_("bureau"), max_length=4, choices=Bureau.choices)
    verdict = models.CharField(_("decision"), max_length=8, choices=Verdict.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["nomination", "decided_at"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "bureau"], name="one_decision_per_bureau"),
            models.CheckConstraint(
                condition=Q(verdict="approve") | ~Q(reason=""), name="a_rejection_has_a_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomination}: {self.bureau} {self.verdict}"


class PilotEnterprise(models.Model):
    """An enterprise confirmed into the pilot, in the year of its campaign."""

    enterprise = models.OneToOneField(Enterprise, on_delete=models.PROTECT, related_name="pilot")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="pilots")
    nomination = models.OneToOneField(Nomination, on_delete=models.PROTECT, related_name="pilot")
    confirmed_at = models.DateTimeField(_("confirmed at"))

    class Meta:
        ordering = ["-campaign__year", "enterprise__name"]
        verbose_name = _("pilot enterprise")
        verbose_name_plural = _("pilot enterprises")

    def __str__(self) -> str:
        return f"{self.enterprise} ({self.campaign})"


class Invitation(models.Model):
    """The one-time link that brings a pilot enterprise's contact person onto the platform."""

    pilot = models.ForeignKey(PilotEnterprise, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"))
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.pilot} → {self.email}"


class Notification(models.Model):
    """An in-app message (deadline reminder, rejection, submission); e-mail copies are sent too."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=32)  # "deadline_reminder", "nomination_rejected", …
    message = models.TextField(_("message"))
    link = models.CharField(_("link"), max_length=300, blank=True)
    # What the notification is about, so a rerun never sends the same reminder twice.
    dedupe_key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"], condition=~Q(dedupe_key=""), name="notification_sent_once"
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.message[:50]
