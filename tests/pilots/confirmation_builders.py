"""Submitted nominations built directly with the models (the nomination services are pa's)."""

import datetime

from django.utils import timezone

from innopilot.pilots.models import Campaign, Nomination, NominationList
from tests.factories import EnterpriseFactory, QualificationFactory, valid_uscc


def open_campaign(
    year: int = 2026, deadline: datetime.date = datetime.date(2026, 3, 20), **fields
) -> Campaign:
    campaign, _ = Campaign.objects.get_or_create(
        year=year, defaults={"nomination_deadline": deadline, "status": Campaign.Status.OPEN, **fields}
    )
    return campaign


def submitted_list(campaign: Campaign, unit) -> NominationList:
    nomination_list, _ = NominationList.objects.get_or_create(
        campaign=campaign,
        managing_unit=unit,
        defaults={"status": NominationList.Status.SUBMITTED, "submitted_at": timezone.now()},
    )
    return nomination_list


def nominate(campaign: Campaign, unit, enterprise=None, *, email: str = "", name: str = "") -> Nomination:
    """An eligible enterprise of ``unit`` on its submitted list for ``campaign``."""
    if enterprise is None:
        enterprise = EnterpriseFactory(
            managing_unit=unit, uscc=valid_uscc(unit.code), **({"name": name} if name else {})
        )
        QualificationFactory(enterprise=enterprise, recognized_year=campaign.year - 1)
    return Nomination.objects.create(
        nomination_list=submitted_list(campaign, unit),
        campaign=campaign,
        enterprise=enterprise,
        contact_name="赵联系",
        contact_position="知识产权专员",
        contact_mobile="13800001111",
        contact_email=email,
    )
