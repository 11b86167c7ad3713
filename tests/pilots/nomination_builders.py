"""Campaigns and eligible enterprises for the nomination tests (pa)."""

import datetime

from django.utils import timezone

from innopilot.directory.models import QualificationType
from innopilot.pilots.models import Campaign
from tests.factories import EnterpriseFactory, QualificationFactory, valid_uscc

CONTACT = {
    "contact_name": "张三",
    "contact_position": "知识产权专员",
    "contact_mobile": "13800001111",
    "contact_email": "zhangsan@example.cn",
}


def open_campaign(*, year: int = 2026, deadline: datetime.date | None = None) -> Campaign:
    return Campaign.objects.create(
        year=year,
        nomination_deadline=deadline or timezone.localdate() + datetime.timedelta(days=30),
        status=Campaign.Status.OPEN,
    )


def eligible_enterprise(unit, *, title: str = "national_ip_advantage", name: str | None = None, **survey):
    """An enterprise of ``unit`` holding ``title``, recognised last year and valid for three more."""
    kwargs = {"managing_unit": unit, "uscc": valid_uscc(unit.code), **survey}
    if name:
        kwargs["name"] = name
    enterprise = EnterpriseFactory(**kwargs)
    QualificationFactory(
        enterprise=enterprise,
        type=QualificationType.objects.get(code=title),
        recognized_year=timezone.localdate().year - 1,
    )
    return enterprise
