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


# Tuples, not sets: their order reaches a database constraint, and a set's order changes from one
# process to the next (string hashing is randomised), which made migrations see phantom changes.
CITY_ROLES = (Role.CITY_IP, Role.CITY_ECON)
DISTRICT_ROLES = (Role.DISTRICT_IP, Role.DISTRICT_ECON)
OFFICIAL_ROLES = CITY_ROLES + DISTRICT_ROLES
