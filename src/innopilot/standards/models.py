"""A standard as a versioned, read-only data library: its clause tree, questions and grade bands.

Libraries are loaded from YAML files (``innopilot standards load``), never edited in place: a new
version is loaded beside the old one, and every assessment stays pinned to the version it began with.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from innopilot.common.i18n import is_english


class BilingualMixin:
    def _pick(self, zh: str, en: str) -> str:
        return (en or zh) if is_english() else zh


class StandardLibrary(BilingualMixin, models.Model):
    urn = models.CharField(_("URN"), max_length=200)
    version = models.PositiveIntegerField(_("version"))
    ref_id = models.CharField(_("reference"), max_length=100)  # e.g. "ISO 56005:2020"
    name_zh = models.CharField(_("Chinese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    # sha256 of the file's parsed content (canonical JSON): comments and layout are not content.
    content_hash = models.CharField(_("content hash"), max_length=64)
    source_name = models.CharField(_("source file"), max_length=255, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        ordering = ["urn", "-version"]
        verbose_name = _("standard library")
        verbose_name_plural = _("standard libraries")
        constraints = [models.UniqueConstraint(fields=["urn", "version"], name="library_version_unique")]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    @property
    def name(self) -> str:
        return self._pick(self.name_zh, self.name_en)


class Section(models.TextChoices):
    """The four parts an assessment is reported in (ISO 56005's clauses 4, 5, 6 and its annexes)."""

    FRAMEWORK = "framework", _("IP management framework")
    STRATEGY = "strategy", _("IP strategy")
    PROCESS = "process", _("IP management in the innovation process")
    TOOLS = "tools", _("IP tools and methods")


class Clause(BilingualMixin, models.Model):
    library = models.ForeignKey(StandardLibrary, on_delete=models.CASCADE, related_name="clauses")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    code = models.CharField(_("clause"), max_length=16)  # "4.3.1", "A"
    section = models.CharField(_("section"), max_length=16, choices=Section.choices)
    title_zh = models.CharField(_("Chinese title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    guidance_zh = models.TextField(_("guidance (Chinese)"), blank=True)  # our paraphrase, not the text
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    next_steps_zh = models.TextField(_("next steps (Chinese)"), blank=True)  # one step per line
    next_steps_en = models.TextField(_("next steps (English)"), blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["library", "sort_order"]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        constraints = [models.UniqueConstraint(fields=["library", "code"], name="clause_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        return self._pick(self.title_zh, self.title_en)

    @property
    def guidance(self) -> str:
        return self._pick(self.guidance_zh, self.guidance_en)

    @property
    def next_steps(self) -> list[str]:
        return [
            line.strip()
            for line in self._pick(self.next_steps_zh, self.next_steps_en).splitlines()
            if line.strip()
        ]


class Question(BilingualMixin, models.Model):
    class Kind(models.TextChoices):
        MATURITY = "maturity", _("maturity 0–4")
        YES_PARTLY_NO = "yes_partly_no", _("yes / partly / no")
        NUMERIC = "numeric", _("number")

    library = models.ForeignKey(StandardLibrary, on_delete=models.CASCADE, related_name="questions")
    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("code"), max_length=32)  # "Q4.1-1"
    kind = models.CharField(_("question type"), max_length=16, choices=Kind.choices)
    text_zh = models.TextField(_("question (Chinese)"))
    text_en = models.TextField(_("question (English)"), blank=True)
    help_zh = models.TextField(_("help (Chinese)"), blank=True)
    help_en = models.TextField(_("help (English)"), blank=True)
    evidence_prompt_zh = models.TextField(_("evidence prompt (Chinese)"), blank=True)
    evidence_prompt_en = models.TextField(_("evidence prompt (English)"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)
    allows_not_applicable = models.BooleanField(_("may be answered 'not applicable'"), default=False)
    # Maturity: five descriptors [{"zh": …, "en": …}] for levels 0–4.
    levels = models.JSONField(_("level descriptors"), default=list, blank=True)
    # Numeric: unit {"zh": "件", "en": "items"} and scoring steps [[threshold, fraction 0–1], …] ascending.
    unit = models.JSONField(_("unit"), default=dict, blank=True)
    numeric_steps = models.JSONField(_("numeric scoring steps"), default=list, blank=True)
    # Shown only when another question's answer is among the listed values: {"question": code, "in": [...]}.
    condition = models.JSONField(_("condition"), default=dict, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["library", "sort_order"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [models.UniqueConstraint(fields=["library", "code"], name="question_code_unique")]

    def __str__(self) -> str:
        return self.code

    @property
    def text(self) -> str:
        return self._pick(self.text_zh, self.text_en)

    @property
    def help(self) -> str:
        return self._pick(self.help_zh, self.help_en)

    @property
    def evidence_prompt(self) -> str:
        return self._pick(self.evidence_prompt_zh, self.evidence_prompt_en)


class GradeBand(BilingualMixin, models.Model):
    """Maps an overall score to an indicative level 1–5 (初始级 … 生态级): never an official grade."""

    library = models.ForeignKey(StandardLibrary, on_delete=models.CASCADE, related_name="grade_bands")
    level = models.PositiveSmallIntegerField(_("level"))
    min_score = models.DecimalField(_("lowest score"), max_digits=5, decimal_places=2)
    name_zh = models.CharField(_("Chinese name"), max_length=50)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        ordering = ["library", "level"]
        verbose_name = _("grade band")
        verbose_name_plural = _("grade bands")
        constraints = [models.UniqueConstraint(fields=["library", "level"], name="grade_level_unique")]

    def __str__(self) -> str:
        return f"{self.level} {self.name}"

    @property
    def name(self) -> str:
        return self._pick(self.name_zh, self.name_en)

    @property
    def description(self) -> str:
        return self._pick(self.description_zh, self.description_en)
