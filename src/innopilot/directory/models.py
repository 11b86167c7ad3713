"""Reference data (region, managing units, industries, qualification types) and enterprises."""

from decimal import Decimal
from pathlib import PurePath
from uuid import uuid4

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from innopilot.common.i18n import LocalizedNameMixin, is_english
from innopilot.directory.uscc import validate_uscc


class Region(LocalizedNameMixin, models.Model):
    """The province or city running the pilot, with the names of its two steering bureaus."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=64)
    name_en = models.CharField(_("English name"), max_length=128, blank=True)
    ip_office_zh = models.CharField(_("IP office (Chinese)"), max_length=64)
    ip_office_en = models.CharField(_("IP office (English)"), max_length=128, blank=True)
    econ_office_zh = models.CharField(_("economy & IT commission (Chinese)"), max_length=64)
    econ_office_en = models.CharField(_("economy & IT commission (English)"), max_length=128, blank=True)
    district_ip_department_zh = models.CharField(max_length=64, default="知识产权管理部门")
    district_ip_department_en = models.CharField(max_length=128, blank=True)
    district_econ_department_zh = models.CharField(max_length=64, default="经信部门")
    district_econ_department_en = models.CharField(max_length=128, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def _pick(self, zh: str, en: str) -> str:
        return (en or zh) if is_english() else zh

    @property
    def ip_office(self) -> str:
        return self._pick(self.ip_office_zh, self.ip_office_en)

    @property
    def econ_office(self) -> str:
        return self._pick(self.econ_office_zh, self.econ_office_en)

    @property
    def district_ip_department(self) -> str:
        return self._pick(self.district_ip_department_zh, self.district_ip_department_en)

    @property
    def district_econ_department(self) -> str:
        return self._pick(self.district_econ_department_zh, self.district_econ_department_en)


class ManagingUnit(LocalizedNameMixin, models.Model):
    """A nominating unit: a district or county, or a functional zone managed on its own."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("district")
        COUNTY = "county", _("county")
        AUTONOMOUS_COUNTY = "autonomous_county", _("autonomous county")
        ZONE = "zone", _("functional zone")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="units")
    code = models.CharField(_("code"), max_length=16, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    gbt2260 = models.CharField(_("GB/T 2260 code"), max_length=6, blank=True)
    name_zh = models.CharField(_("Chinese name"), max_length=64)
    name_en = models.CharField(_("English name"), max_length=128, blank=True)
    aliases = models.JSONField(_("other spellings"), default=list, blank=True)
    overlaps = models.JSONField(_("overlapping districts"), default=list, blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("managing unit")
        verbose_name_plural = _("managing units")


class IndustrySection(LocalizedNameMixin, models.Model):
    """GB/T 4754 section (门类), a letter."""

    code = models.CharField(_("code"), max_length=1, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=64)
    name_en = models.CharField(_("English name"), max_length=128, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("industry section")
        verbose_name_plural = _("industry sections")


class IndustryDivision(LocalizedNameMixin, models.Model):
    """GB/T 4754 division (大类), two digits; SME thresholds depend on it."""

    section = models.ForeignKey(IndustrySection, on_delete=models.PROTECT, related_name="divisions")
    code = models.CharField(_("code"), max_length=2, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=64)
    name_en = models.CharField(_("English name"), max_length=128, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("industry division")
        verbose_name_plural = _("industry divisions")


class QualificationType(LocalizedNameMixin, models.Model):
    """A title or certificate an enterprise can hold; some make it eligible for the pilot."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("national")
        PROVINCIAL = "provincial", _("provincial")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=64)
    name_en = models.CharField(_("English name"), max_length=128, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    authority_zh = models.CharField(_("authority"), max_length=128, blank=True)
    authority_en = models.CharField(_("authority (English)"), max_length=200, blank=True)
    pilot_eligible = models.BooleanField(_("counts for pilot eligibility"), default=False)
    validity_years = models.PositiveSmallIntegerField(_("validity in years"), null=True, blank=True)
    to_verify = models.TextField(_("assumption to verify"), blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("qualification type")
        verbose_name_plural = _("qualification types")


class Enterprise(models.Model):
    """An enterprise, keyed by its unified social credit code and managed by one unit.

    Besides its identity it carries what a district records when it surveys (摸底) its enterprises.
    The registered district code is stored as given and never derived from the code: the USCC's
    region digits name where the code was issued, which is often not where the company sits.
    """

    class SizeClass(models.TextChoices):
        LARGE = "large", _("large")
        MEDIUM = "medium", _("medium")
        SMALL = "small", _("small")
        MICRO = "micro", _("micro")

    class Willingness(models.TextChoices):
        YES = "yes", _("willing to join")
        NO = "no", _("not willing")
        UNSTATED = "unstated", _("not yet stated")

    uscc = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_uscc]
    )
    name = models.CharField(_("name"), max_length=200)
    managing_unit = models.ForeignKey(
        ManagingUnit, on_delete=models.PROTECT, related_name="enterprises", verbose_name=_("managing unit")
    )
    district_code = models.CharField(
        _("registered district code"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", _("A GB/T 2260 district code has six digits."))],
    )
    industry = models.ForeignKey(
        IndustryDivision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enterprises",
        verbose_name=_("industry (GB/T 4754 division)"),
    )
    size_class = models.CharField(_("size class"), max_length=8, choices=SizeClass.choices, blank=True)
    established_on = models.DateField(_("date established"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    willingness = models.CharField(
        _("willingness to join the pilot"),
        max_length=8,
        choices=Willingness.choices,
        default=Willingness.UNSTATED,
    )
    # Survey (摸底) fields a district records; None means "not surveyed yet", not "no".
    has_ip_department = models.BooleanField(_("IP department present"), null=True, blank=True)
    ip_staff_full_time = models.PositiveIntegerField(_("full-time IP staff"), null=True, blank=True)
    valid_invention_patents = models.PositiveIntegerField(_("valid invention patents"), null=True, blank=True)
    rd_expense_last_year = models.DecimalField(
        _("R&D expense last year (10k yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    gbt29490_certified = models.BooleanField(_("GB/T 29490 certified"), null=True, blank=True)
    survey_notes = models.TextField(_("survey notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        indexes = [models.Index(fields=["managing_unit", "name"], name="enterprise_unit_name")]

    def __str__(self) -> str:
        return self.name


MOBILE_VALIDATOR = RegexValidator(
    r"^1[3-9]\d{9}$", _("Enter an 11-digit mainland mobile number starting with 1.")
)


class EnterpriseContact(models.Model):
    """A person the district or the city may contact at the enterprise."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=50)
    position = models.CharField(_("position"), max_length=100, blank=True)
    mobile = models.CharField(_("mobile"), max_length=11, blank=True, validators=[MOBILE_VALIDATOR])
    email = models.EmailField(_("e-mail"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "name"], name="contact_name_unique_per_enterprise")
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        # django-auditlog stores this with each entry, so the enterprise's page finds the history of
        # its contacts even after they are deleted.
        return {"enterprise_id": self.enterprise_id}


class Qualification(models.Model):
    """One recognition of an enterprise (a title or certificate); several per type make its history."""

    class ReviewResult(models.TextChoices):
        PASSED = "passed", _("passed")
        FAILED = "failed", _("failed")
        PENDING = "pending", _("pending")

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="qualifications")
    type = models.ForeignKey(
        QualificationType, on_delete=models.PROTECT, related_name="qualifications", verbose_name=_("type")
    )
    recognized_year = models.PositiveSmallIntegerField(
        _("year recognised"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    batch = models.CharField(_("batch"), max_length=50, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    reviewed_on = models.DateField(_("latest review"), null=True, blank=True)
    review_result = models.CharField(
        _("review result"), max_length=8, choices=ReviewResult.choices, blank=True
    )
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-recognized_year", "type__sort_order"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "type", "recognized_year"], name="qualification_once_per_year"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="qualification_valid_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} ({self.recognized_year})"

    def get_additional_data(self) -> dict:
        return {"enterprise_id": self.enterprise_id}


def work_plan_path(instance: "WorkMechanism", filename: str) -> str:
    # Never the uploader's file name in the path: it is kept in ``work_plan_name`` for display.
    suffix = PurePath(filename).suffix.lower()
    return f"work-plans/{instance.managing_unit.code}/{uuid4().hex}{suffix}"


class WorkMechanism(models.Model):
    """A unit's coordination mechanism (工作协同机制): its two departments, their offices and contacts,
    and its work plan (工作推进计划)."""

    managing_unit = models.OneToOneField(ManagingUnit, on_delete=models.CASCADE, related_name="mechanism")
    ip_department = models.CharField(_("IP department"), max_length=100, blank=True)
    ip_office = models.CharField(_("IP department's responsible office"), max_length=100, blank=True)
    ip_contact_name = models.CharField(_("IP department's contact"), max_length=50, blank=True)
    ip_contact_phone = models.CharField(_("IP department's contact phone"), max_length=30, blank=True)
    econ_department = models.CharField(_("economy department"), max_length=100, blank=True)
    econ_office = models.CharField(_("economy department's responsible office"), max_length=100, blank=True)
    econ_contact_name = models.CharField(_("economy department's contact"), max_length=50, blank=True)
    econ_contact_phone = models.CharField(_("economy department's contact phone"), max_length=30, blank=True)
    work_plan = models.FileField(_("work plan"), upload_to=work_plan_path, blank=True)
    work_plan_name = models.CharField(_("work plan file name"), max_length=200, blank=True)
    work_plan_uploaded_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("work mechanism")
        verbose_name_plural = _("work mechanisms")

    def __str__(self) -> str:
        return str(self.managing_unit)


def import_file_path(instance: "EnterpriseImport", filename: str) -> str:
    # A random name outside any served folder: the uploader's name is kept in ``original_name``.
    return f"imports/{uuid4().hex}.xlsx"


class EnterpriseImport(models.Model):
    """One upload of an enterprise list (摸底表): its file, what checking found, and what it changed.

    Only the uploader (and the administrator) sees it. ``managing_unit`` is the unit every row is
    restricted to (a district official's own unit), empty for the city.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", _("checking")
        INVALID = "invalid", _("has errors")
        READY = "ready", _("ready to import")
        COMMITTING = "committing", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="enterprise_imports",
        verbose_name=_("uploaded by"),
    )
    managing_unit = models.ForeignKey(
        ManagingUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("restricted to unit"),
    )
    file = models.FileField(_("file"), upload_to=import_file_path)
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CHECKING)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    warning_count = models.PositiveIntegerField(_("warnings"), default=0)
    # Each problem: {"sheet", "row", "column", "header", "value", "message"}.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    # Counts by kind and action, e.g. {"enterprise": {"created": 3, "updated": 1, "unchanged": 0}}.
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    # After the commit: [[uscc, "created" | "updated" | "unchanged"], …] in file order.
    outcome = models.JSONField(_("outcome"), default=list, blank=True)
    failure = models.TextField(_("failure"), blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    committed_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("enterprise import")
        verbose_name_plural = _("enterprise imports")

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.CHECKING, self.Status.COMMITTING}

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
