"""The platform's roles and the scope each one is bound to."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITY_IP = "city_ip", _("City IP office official")
    CITY_ECON = "city_econ", _("City economy & IT commission official")
    DISTRICT_IP = "district_ip", _("District IP department official")
    DISTRICT_ECON = "district_econ", _("District economy department official")
    ENTERPRISE = "enterprise", _("Enterprise user")
    EVALUATOR = "evaluator", _("Evaluation institution user")
    ADMIN = "admin", _("Platform administrator")


CITY_ROLES = frozenset({Role.CITY_IP, Role.CITY_ECON})
DISTRICT_ROLES = frozenset({Role.DISTRICT_IP, Role.DISTRICT_ECON})
OFFICIAL_ROLES = CITY_ROLES | DISTRICT_ROLES
