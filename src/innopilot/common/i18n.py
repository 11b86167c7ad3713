"""Bilingual reference data: records keep a Chinese and an English name; pages show the active language's."""

from django.utils.translation import get_language


def is_english() -> bool:
    return (get_language() or "zh-hans").startswith("en")


class LocalizedNameMixin:
    """Gives models with ``name_zh``/``name_en`` fields a ``name`` in the active language."""

    name_zh: str
    name_en: str

    @property
    def name(self) -> str:
        return (self.name_en or self.name_zh) if is_english() else self.name_zh

    def __str__(self) -> str:
        return self.name
