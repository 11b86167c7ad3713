"""Pilot rows built directly on the models, for coverage tests (campaign, list, nominations, pilots)."""

import datetime

from django.utils import timezone

from innopilot.pilots.models import Campaign, Nomination, NominationList, PilotEnterprise
from tests.factories import EnterpriseFactory, QualificationFactory, valid_uscc


def eligible_enterprise(unit, *, today=None):
    """An enterprise of ``unit`` holding a national title valid today."""
    today = today or timezone.localdate()
    enterprise = EnterpriseFactory(managing_unit=unit, uscc=valid_uscc(unit.gbt2260 or "500000"))
    QualificationFactory(enterprise=enterprise, recognized_year=today.year - 1, valid_to=None)
    return enterprise


def campaign(year: int, *, status=Campaign.Status.CLOSED, deadline=None) -> Campaign:
    return Campaign.objects.create(
        year=year, nomination_deadline=deadline or datetime.date(year, 3, 20), status=status
    )


def nominate(campaign_, enterprise, *, status=Nomination.Status.NOMINATED) -> Nomination:
    nomination_list, _ = NominationList.objects.get_or_create(
        campaign=campaign_, managing_unit=enterprise.managing_unit
    )
    return Nomination.objects.create(
        nomination_list=nomination_list,
        campaign=campaign_,
        enterprise=enterprise,
        contact_name="联系人",
        contact_mobile="13800000000",
        status=status,
    )


def confirm(campaign_, enterprise) -> PilotEnterprise:
    nomination = nominate(campaign_, enterprise, status=Nomination.Status.CONFIRMED)
    return PilotEnterprise.objects.create(
        enterprise=enterprise, campaign=campaign_, nomination=nomination, confirmed_at=timezone.now()
    )
