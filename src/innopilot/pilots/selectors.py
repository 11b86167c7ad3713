"""Reads for campaign and nomination pages: scoped to the viewer, with constant query counts."""

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.directory import eligibility
from innopilot.directory.models import Enterprise, ManagingUnit, Qualification
from innopilot.directory.selectors import count_per_unit, eligible_enterprise_ids
from innopilot.pilots import priorities
from innopilot.pilots.models import Campaign, Extension, Nomination, NominationList, PilotEnterprise

# Nominations that stand on a list (a replaced or withdrawn one is history).
STANDING = (Nomination.Status.NOMINATED, Nomination.Status.CONFIRMED, Nomination.Status.REJECTED)


def campaigns_for_list(user: User) -> QuerySet[Campaign]:
    return access.campaigns_visible_to(user).annotate(
        list_count=Count("lists", distinct=True),
        submitted_count=Count(
            "lists", filter=Q(lists__status=NominationList.Status.SUBMITTED), distinct=True
        ),
    )


def final_year() -> int | None:
    """The last year of the programme: the latest campaign's year."""
    return Campaign.objects.order_by("-year").values_list("year", flat=True).first()


def nomination_list_of(campaign: Campaign, unit: ManagingUnit) -> NominationList | None:
    return (
        NominationList.objects.filter(campaign=campaign, managing_unit=unit)
        .select_related("submitted_by")
        .first()
    )


def nominations_of(
    nomination_list: NominationList | None, *, standing_only: bool = False
) -> list[Nomination]:
    if nomination_list is None:
        return []
    nominations = nomination_list.nominations.select_related(
        "enterprise", "basis__type", "replaces__enterprise"
    )
    if standing_only:
        nominations = nominations.filter(status__in=STANDING)
    return list(nominations.order_by("created_at", "pk"))


def extension_of(campaign: Campaign, unit: ManagingUnit) -> Extension | None:
    return Extension.objects.filter(campaign=campaign, managing_unit=unit).first()


@dataclass(frozen=True)
class Candidate:
    enterprise: Enterprise
    reasons: list[str]  # why it is eligible, in words
    priority: priorities.Priority


def _profile(
    enterprise: Enterprise, qualifications: list[Qualification], day: datetime.date
) -> priorities.Profile:
    holding = {q.type.code for q in qualifications if eligibility.holds_on(q, day)}
    return priorities.Profile(
        titles=frozenset(holding),
        has_ip_department=enterprise.has_ip_department,
        ip_staff_full_time=enterprise.ip_staff_full_time,
        valid_invention_patents=enterprise.valid_invention_patents,
        rd_expense=enterprise.rd_expense_last_year,
        gbt29490_certified=bool(enterprise.gbt29490_certified or "gbt29490_certified" in holding),
        willingness=enterprise.willingness,
    )


def candidates(campaign: Campaign, unit: ManagingUnit, *, day: datetime.date) -> list[Candidate]:
    """The unit's eligible pool on ``day`` less pilot enterprises and this campaign's nominees,
    highest priority first; two queries whatever the pool's size."""
    enterprises = (
        Enterprise.objects.filter(managing_unit=unit, pk__in=eligible_enterprise_ids(day))
        .exclude(pk__in=PilotEnterprise.objects.values("enterprise"))
        .exclude(pk__in=Nomination.objects.filter(campaign=campaign).values("enterprise"))
        .prefetch_related(
            Prefetch(
                "qualifications",
                queryset=Qualification.objects.select_related("type").order_by(
                    "type__sort_order", "-recognized_year"
                ),
            )
        )
    )
    scored = []
    for enterprise in enterprises:
        qualifications = list(enterprise.qualifications.all())
        profile = _profile(enterprise, qualifications, day)
        scored.append((enterprise, profile, eligibility.assess(qualifications, day).reasons))
    reasons = {enterprise.pk: why for enterprise, _unused, why in scored}
    ranked = priorities.ranked([(e, profile) for e, profile, _unused in scored], key_name=lambda e: e.name)
    return [Candidate(e, reasons[e.pk], priority) for e, priority in ranked]


@dataclass(frozen=True)
class Guidance:
    pool: int  # eligible today
    share: Decimal
    target: int  # ceil(pool × share): this year's share in enterprises
    confirmed_earlier: int  # pilot enterprises of the unit from earlier campaigns
    remaining: int  # still to cover for full coverage
    final_year: int
    years_left: int  # this year to the final year, both included
    per_year: int  # what each remaining year needs
    on_list: int  # standing nominations on this campaign's list

    @property
    def share_percent(self) -> Decimal:
        return (self.share * 100).quantize(Decimal("0.1"))


def guidance(campaign: Campaign, unit: ManagingUnit, *, day: datetime.date, on_list: int) -> Guidance:
    pool = Enterprise.objects.filter(managing_unit=unit, pk__in=eligible_enterprise_ids(day)).count()
    confirmed = PilotEnterprise.objects.filter(
        enterprise__managing_unit=unit, campaign__year__lt=campaign.year
    ).count()
    last = max(final_year() or campaign.year, campaign.year)
    years_left = last - campaign.year + 1
    remaining = max(pool - confirmed, 0)
    return Guidance(
        pool=pool,
        share=campaign.target_share,
        target=math.ceil(pool * campaign.target_share),
        confirmed_earlier=confirmed,
        remaining=remaining,
        final_year=last,
        years_left=years_left,
        per_year=math.ceil(remaining / years_left),
        on_list=on_list,
    )


def unit_summaries(user: User, campaign: Campaign, *, day: datetime.date) -> QuerySet[ManagingUnit]:
    """Each visible unit with its pool, its list's status and its nominations by outcome."""
    eligible = Enterprise.objects.filter(pk__in=eligible_enterprise_ids(day))
    nominations = Nomination.objects.filter(campaign=campaign)
    unit_list = NominationList.objects.filter(campaign=campaign, managing_unit=OuterRef("pk"))
    return access.units_visible_to(user).annotate(
        pool=count_per_unit(eligible, "managing_unit"),
        nominated=count_per_unit(nominations.filter(status__in=STANDING), "nomination_list__managing_unit"),
        confirmed=count_per_unit(
            nominations.filter(status=Nomination.Status.CONFIRMED), "nomination_list__managing_unit"
        ),
        rejected=count_per_unit(
            nominations.filter(status=Nomination.Status.REJECTED), "nomination_list__managing_unit"
        ),
        list_status=Subquery(unit_list.values("status")[:1]),
        submitted_at=Subquery(unit_list.values("submitted_at")[:1]),
        extended_to=Subquery(
            Extension.objects.filter(campaign=campaign, managing_unit=OuterRef("pk")).values("new_deadline")[
                :1
            ]
        ),
    )


def campaign_nominations(user: User, campaign: Campaign) -> QuerySet[Nomination]:
    """Every nomination of the campaign in the viewer's scope, for the city-wide summary."""
    return (
        Nomination.objects.filter(
            campaign=campaign, nomination_list__in=access.nomination_lists_visible_to(user)
        )
        .select_related("enterprise", "basis__type", "nomination_list__managing_unit")
        .order_by("nomination_list__managing_unit__sort_order", "created_at", "pk")
    )


def extensions_of(campaign: Campaign) -> QuerySet[Extension]:
    return campaign.extensions.select_related("managing_unit", "granted_by").order_by(
        "managing_unit__sort_order"
    )


def get_nomination_for(user: User, campaign: Campaign, unit: ManagingUnit, pk: int) -> Nomination:
    """A nomination on the unit's list in the viewer's scope (404 for any other id)."""
    nomination = (
        Nomination.objects.filter(pk=pk, campaign=campaign, nomination_list__managing_unit=unit)
        .filter(nomination_list__in=access.nomination_lists_visible_to(user))
        .select_related("enterprise", "nomination_list__managing_unit", "campaign", "basis__type")
        .first()
    )
    if nomination is None:
        raise Http404
    return nomination
