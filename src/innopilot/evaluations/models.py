"""Professional evaluation institutions that carry out graded evaluations (分级评价)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvaluationInstitution(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=64, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("evaluation institution")
        verbose_name_plural = _("evaluation institutions")

    def __str__(self) -> str:
        return self.name
