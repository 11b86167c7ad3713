"""An enterprise's assessment of one year against a pinned standard library, with its history.

Answers save as they are given; submitting freezes a snapshot (answers and scores) with a content
hash in a ``Submission``; a district may return it with a comment, and the enterprise resubmits.
The latest submitted scores are kept on the assessment and per clause (``ClauseScore``) so that
officials' pages aggregate in SQL.
"""

from pathlib import PurePath
from uuid import uuid4

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innopilot.directory.models import Enterprise
from innopilot.standards.models import Clause, Question, StandardLibrary


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("in progress")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for correction")

    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="assessments")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2020), MaxValueValidator(2100)]
    )
    library = models.ForeignKey(StandardLibrary, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prefilled from"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # Scores of the latest submission (None while never submitted); indicative, never an official grade.
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    level = models.PositiveSmallIntegerField(_("indicative level"), null=True, blank=True)
    section_scores = models.JSONField(_("section scores"), default=dict, blank=True)

    class Meta:
        ordering = ["-year", "enterprise__name"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="assessment_once_per_year"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="assessment_score_0_100",
            ),
        ]
        indexes = [models.Index(fields=["year", "status"], name="assessment_year_status")]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}"


class Answer(models.Model):
    """One question's answer: the column that matches the question's kind, or "not applicable"."""

    class Choice(models.TextChoices):
        YES = "yes", _("yes")
        PARTLY = "partly", _("partly")
        NO = "no", _("no")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    level = models.PositiveSmallIntegerField(
        _("maturity level"), null=True, blank=True, validators=[MaxValueValidator(4)]
    )
    choice = models.CharField(_("answer"), max_length=8, choices=Choice.choices, blank=True)
    number = models.DecimalField(_("number"), max_digits=14, decimal_places=2, null=True, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    comment = models.TextField(_("comment"), blank=True)
    # Copied from last year's assessment and not yet reviewed: the page asks the user to confirm it.
    prefilled = models.BooleanField(_("prefilled, please review"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["question__sort_order"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="answer_once_per_question"),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__lte=4), name="answer_level_0_4"
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=0), name="answer_number_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} {self.question}"

    @property
    def is_given(self) -> bool:
        return self.not_applicable or self.level is not None or bool(self.choice) or self.number is not None


def evidence_path(instance: "Evidence", filename: str) -> str:
    # A random stored name: the uploader's name is kept in ``original_name`` for display only.
    suffix = PurePath(filename).suffix.lower()
    return f"evidence/{instance.answer.assessment_id}/{uuid4().hex}{suffix}"


class Evidence(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)  # of the file, frozen in submissions
    refers_to = models.DateField(_("date the evidence refers to"))
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name


class Submission(models.Model):
    """A frozen submission: the answers and scores as submitted, their hash, and the district's return."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveSmallIntegerField(_("submission"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    snapshot = models.JSONField(_("snapshot"))
    content_hash = models.CharField(_("content hash"), max_length=64)  # sha256 of the canonical snapshot
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    level = models.PositiveSmallIntegerField(_("indicative level"))
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    return_comment = models.TextField(_("reason for return"), blank=True)

    class Meta:
        ordering = ["assessment", "number"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="submission_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.assessment} #{self.number}"


class ClauseScore(models.Model):
    """The latest submission's score (0–100) of one clause; None-scored clauses have no row."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="clause_scores")
    clause = models.ForeignKey(Clause, on_delete=models.PROTECT, related_name="scores")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("clause score")
        verbose_name_plural = _("clause scores")
        constraints = [models.UniqueConstraint(fields=["assessment", "clause"], name="clause_score_unique")]

    def __str__(self) -> str:
        return f"{self.assessment} {self.clause.code}: {self.score}"
