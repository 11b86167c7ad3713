"""Annual data reporting (年度数据填报): the indicator catalogue, each enterprise's yearly report and
its workflow, plausibility warnings, and the readiness checks computed from the data.

Catalogues and readiness rulesets are versioned reference data loaded from YAML (``data/annual/``):
a loaded (urn, version) is read-only and every report stays pinned to the catalogue it started with.
Values are one row per report and indicator (``IndicatorValue``) so officials' pages aggregate in SQL;
a submission freezes them in a snapshot with a content hash.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innopilot.common.i18n import LocalizedNameMixin, is_english
from innopilot.directory.models import Enterprise, IndustryDivision

YEAR_VALIDATORS = [MinValueValidator(2020), MaxValueValidator(2100)]


class IndicatorCatalogue(LocalizedNameMixin, models.Model):
    """One version of the indicator catalogue. Groups, indicators and their rules come with it."""

    urn = models.CharField(_("URN"), max_length=200)
    version = models.PositiveIntegerField(_("version"))
    name_zh = models.CharField(_("Chinese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    description_zh = models.TextField(_("Chinese description"), blank=True)
    description_en = models.TextField(_("English description"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    # Cross-field rules, derived ratios and plausibility parameters, as validated by the loader's
    # schema: evaluated in Python, never queried.
    cross_rules = models.JSONField(_("cross-field rules"), default=list, blank=True)
    ratios = models.JSONField(_("derived ratios"), default=list, blank=True)
    plausibility = models.JSONField(_("plausibility checks"), default=dict, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64)
    source_name = models.CharField(_("source file"), max_length=200, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        ordering = ["urn", "-version"]
        verbose_name = _("indicator catalogue")
        verbose_name_plural = _("indicator catalogues")
        constraints = [models.UniqueConstraint(fields=["urn", "version"], name="catalogue_version_unique")]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class IndicatorGroup(LocalizedNameMixin, models.Model):
    catalogue = models.ForeignKey(IndicatorCatalogue, on_delete=models.CASCADE, related_name="groups")
    code = models.CharField(_("code"), max_length=32)
    name_zh = models.CharField(_("Chinese name"), max_length=64)
    name_en = models.CharField(_("English name"), max_length=128, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["catalogue", "sort_order"]
        verbose_name = _("indicator group")
        verbose_name_plural = _("indicator groups")
        constraints = [models.UniqueConstraint(fields=["catalogue", "code"], name="indicator_group_unique")]


class Indicator(models.Model):
    """One field of the annual report. Its ``code`` is stable across catalogue versions."""

    class Unit(models.TextChoices):
        WAN_YUAN = "wan_yuan", _("10,000 yuan")
        COUNT = "count", _("count")
        PERCENT = "percent", _("percent")
        YES_NO = "yes_no", _("yes/no")
        CHOICE = "choice", _("choice")
        YEAR = "year", _("year")
        TEXT = "text", _("text")

    catalogue = models.ForeignKey(IndicatorCatalogue, on_delete=models.CASCADE, related_name="indicators")
    group = models.ForeignKey(IndicatorGroup, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=48)
    label_zh = models.CharField(_("Chinese label"), max_length=200)
    label_en = models.CharField(_("English label"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    required = models.BooleanField(_("required"), default=False)
    min_value = models.DecimalField(_("minimum"), max_digits=16, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(_("maximum"), max_digits=16, decimal_places=2, null=True, blank=True)
    decimal_places = models.PositiveSmallIntegerField(_("decimal places"), default=0)
    help_zh = models.TextField(_("Chinese help"), blank=True)
    help_en = models.TextField(_("English help"), blank=True)
    # [{"value": "national", "zh": "国家级", "en": "National"}, …] for unit "choice".
    choices = models.JSONField(_("choices"), default=list, blank=True)
    # The field code each downstream programme uses, e.g. {"tc554": "…", "miit_zjtx": "…"}.
    downstream = models.JSONField(_("downstream field codes"), default=dict, blank=True)
    is_key = models.BooleanField(_("key indicator"), default=False)  # totals and medians on overviews
    checks_plausibility = models.BooleanField(_("plausibility checked"), default=False)
    self_declared = models.BooleanField(_("self-declared"), default=False)  # no document proves it
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["catalogue", "sort_order"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [models.UniqueConstraint(fields=["catalogue", "code"], name="indicator_code_unique")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return (self.label_en or self.label_zh) if is_english() else self.label_zh

    @property
    def help(self) -> str:
        return (self.help_en or self.help_zh) if is_english() else self.help_zh


class ReadinessRuleset(LocalizedNameMixin, models.Model):
    """Thresholds and weights of the readiness checks (SME size, innovative SME, 专精特新, little
    giant, IP advantage trial indicators), one version of a YAML file, evaluated in Python."""

    urn = models.CharField(_("URN"), max_length=200)
    version = models.PositiveIntegerField(_("version"))
    name_zh = models.CharField(_("Chinese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    content = models.JSONField(_("content"))  # the validated file
    content_hash = models.CharField(_("content hash"), max_length=64)
    source_name = models.CharField(_("source file"), max_length=200, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        ordering = ["urn", "-version"]
        verbose_name = _("readiness ruleset")
        verbose_name_plural = _("readiness rulesets")
        constraints = [models.UniqueConstraint(fields=["urn", "version"], name="ruleset_version_unique")]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class ReportingYear(models.Model):
    """A data year the city opens for reporting, with its deadline and the catalogue new reports use."""

    class Status(models.TextChoices):
        OPEN = "open", _("open for reporting")
        CLOSED = "closed", _("closed")

    year = models.PositiveSmallIntegerField(_("data year"), unique=True, validators=YEAR_VALIDATORS)
    deadline = models.DateField(_("deadline"))  # the last day, Asia/Shanghai
    catalogue = models.ForeignKey(
        IndicatorCatalogue, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator catalogue")
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("reporting year")
        verbose_name_plural = _("reporting years")

    def __str__(self) -> str:
        return str(self.year)


class AnnualReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("in progress")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for correction")
        ACCEPTED = "accepted", _("accepted")
        CORRECTING = "correcting", _("correction in progress")

    EDITABLE = (Status.DRAFT, Status.RETURNED, Status.CORRECTING)

    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField(_("data year"), validators=YEAR_VALIDATORS)
    catalogue = models.ForeignKey(IndicatorCatalogue, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)  # the latest submission
    # The first submission came after the year's deadline (a resubmission after a return does not count).
    is_late = models.BooleanField(_("late"), default=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-year", "enterprise__name"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="annual_report_once_per_year")
        ]
        indexes = [models.Index(fields=["year", "status"], name="annual_report_year_status")]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}"


class IndicatorValue(models.Model):
    """One indicator's value in one report: ``number`` for numeric units (yes/no as 1/0, a year as
    the year), ``text`` for choices and text. Absent = no row or both empty."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    number = models.DecimalField(_("number"), max_digits=16, decimal_places=2, null=True, blank=True)
    text = models.CharField(_("text"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="indicator_value_once_per_report")
        ]
        indexes = [
            models.Index(fields=["indicator", "number"], name="indicator_value_number"),
            # The officials' overview reads the key indicators' numbers of a year's reports from this
            # index alone on PostgreSQL (an index-only scan instead of the table's 4 million rows).
            models.Index(
                fields=["indicator", "report"], include=["number"], name="indicator_value_key_figures"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.indicator.code}"


class PlausibilityWarning(models.Model):
    """A value that looks unusual: changed by more than the catalogue's ratio against the enterprise's
    previous year, or outside the peers' band (same industry division). It never blocks submission;
    the enterprise explains or confirms it and the district reads the explanation."""

    class Kind(models.TextChoices):
        CHANGE = "change", _("change against the previous year")
        PEERS = "peers", _("outside the range of the same industry")

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="warnings")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    # What the value was compared with: {"previous": "…", "previous_year": 2024}
    # or {"low": "…", "high": "…", "peers": n}.
    reference = models.JSONField(_("compared with"), default=dict)
    explanation = models.TextField(_("explanation"), blank=True)
    confirmed = models.BooleanField(_("confirmed as correct"), default=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["report", "indicator__sort_order", "kind"]
        verbose_name = _("plausibility warning")
        verbose_name_plural = _("plausibility warnings")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator", "kind"], name="warning_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.indicator.code} {self.kind}"


class PeerBand(models.Model):
    """The 5th–95th percentile band of an indicator among one industry division's reports of one year,
    recomputed as reports are submitted (``innopilot annual peers``); the form reads it in one query."""

    year = models.PositiveSmallIntegerField(_("data year"), validators=YEAR_VALIDATORS)
    division = models.ForeignKey(IndustryDivision, on_delete=models.CASCADE, related_name="+")
    indicator_code = models.CharField(_("indicator code"), max_length=48)
    low = models.DecimalField(_("low percentile"), max_digits=16, decimal_places=2)
    high = models.DecimalField(_("high percentile"), max_digits=16, decimal_places=2)
    peers = models.PositiveIntegerField(_("reports compared"))
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("peer band")
        verbose_name_plural = _("peer bands")
        constraints = [
            models.UniqueConstraint(fields=["year", "division", "indicator_code"], name="peer_band_unique")
        ]


class ReportSubmission(models.Model):
    """A frozen submission (values, derived ratios, warnings and their explanations) with its hash and
    the district's decision. A correction after acceptance is a submission too (``correction`` set)."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("awaiting review")
        ACCEPTED = "accepted", _("accepted")
        RETURNED = "returned", _("returned for correction")
        REJECTED = "rejected", _("correction rejected")

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveSmallIntegerField(_("submission"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    snapshot = models.JSONField(_("snapshot"))
    content_hash = models.CharField(_("content hash"), max_length=64)  # sha256 of the canonical snapshot
    is_late = models.BooleanField(_("late"), default=False)
    correction = models.ForeignKey(
        "CorrectionRequest", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision = models.CharField(
        _("decision"), max_length=8, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["report", "number"]
        verbose_name = _("report submission")
        verbose_name_plural = _("report submissions")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_submission_number_unique"),
            models.CheckConstraint(
                condition=~Q(decision="returned") | ~Q(comment=""), name="report_return_needs_comment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} #{self.number}"


class CorrectionRequest(models.Model):
    """After acceptance a change is a correction: the enterprise gives its reason, edits, submits; the
    district accepts the new version or rejects it (the accepted values come back). Both versions stay."""

    class Status(models.TextChoices):
        OPEN = "open", _("being corrected")
        SUBMITTED = "submitted", _("awaiting review")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="corrections")
    reason = models.TextField(_("reason for the correction"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    base = models.ForeignKey(
        ReportSubmission,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("accepted version it corrects"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        ordering = ["report", "-requested_at"]
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(status__in=["open", "submitted"]),
                name="one_open_correction_per_report",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="correction_needs_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.reason[:40]}"


class ReadinessResult(models.Model):
    """One readiness check's indicative result for a report (computed on submission and acceptance,
    and again when a new ruleset loads): officials' lists of who passes or nearly passes query these."""

    class Outcome(models.TextChoices):
        PASS = "pass", _("passes")
        NEAR = "near", _("nearly passes")
        FAIL = "fail", _("does not pass")
        UNKNOWN = "unknown", _("not enough data")

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="readiness")
    ruleset = models.ForeignKey(ReadinessRuleset, on_delete=models.PROTECT, related_name="results")
    check_code = models.CharField(_("check"), max_length=48)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    details = models.JSONField(_("rule by rule"), default=list)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("readiness result")
        verbose_name_plural = _("readiness results")
        constraints = [
            models.UniqueConstraint(fields=["report", "check_code"], name="readiness_once_per_check")
        ]
        indexes = [models.Index(fields=["check_code", "outcome"], name="readiness_check_outcome")]

    def __str__(self) -> str:
        return f"{self.report} {self.check_code}: {self.outcome}"
