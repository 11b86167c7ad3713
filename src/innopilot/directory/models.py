"""Reference data (region, managing units, industries, qualification types) and enterprises."""

from django.db import models
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
    """An enterprise, keyed by its unified social credit code and managed by one unit."""

    uscc = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_uscc]
    )
    name = models.CharField(_("name"), max_length=200)
    managing_unit = models.ForeignKey(
        ManagingUnit, on_delete=models.PROTECT, related_name="enterprises", verbose_name=_("managing unit")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")

    def __str__(self) -> str:
        return self.name
