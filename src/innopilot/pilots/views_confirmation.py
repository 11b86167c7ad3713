"""Joint confirmation, pilot enterprises, invitations and notifications."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopilot.accounts import access
from innopilot.common.errors import DomainError
from innopilot.pilots import confirmation, notifications
from innopilot.pilots import selectors_confirmation as selectors
from innopilot.pilots.models import Campaign, Decision, Nomination

NOTIFICATIONS_PAGE_SIZE = 30


@access.require(access.can_decide_nominations)
def confirmation_list(request, year: int):
    campaign = get_object_or_404(Campaign, year=year)
    unit_code, status = request.GET.get("unit", ""), request.GET.get("status", "")
    context = {
        "campaign": campaign,
        "rows": selectors.confirmation_rows(request.user, campaign, unit_code=unit_code, status=status),
        "units": access.units_visible_to(request.user).order_by("sort_order"),
        "statuses": Nomination.Status.choices,
        "unit_code": unit_code,
        "status": status,
        "bureau": dict(Decision.Bureau.choices)[access.bureau_of(request.user)],
    }
    return render(request, "pilots/confirmation/list.html", context)


def _back_to_confirmation(request, campaign: Campaign):
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, {request.get_host()}):
        return redirect(back)
    return redirect("confirmation_list", year=campaign.year)


def _refused(request, error: DomainError, campaign: Campaign):
    """Back to the page the decision came from with the message; a bare request gets a 400 page."""
    if request.POST.get("next"):
        messages.error(request, error.message)
        return _back_to_confirmation(request, campaign)
    context = {"message": error.message, "campaign": campaign}
    return render(request, "pilots/confirmation/refused.html", context, status=400)


@require_POST
@access.require(access.can_decide_nominations)
def decision_record(request, pk: int):
    nomination = access.get_nomination_for(request.user, pk)
    verdict, reason = request.POST.get("verdict", ""), request.POST.get("reason", "")
    try:
        confirmation.decision_record(
            actor=request.user, nomination=nomination, verdict=verdict, reason=reason
        )
    except DomainError as error:
        return _refused(request, error, nomination.campaign)
    if verdict == Decision.Verdict.APPROVE:
        messages.success(request, _("You approved %(name)s.") % {"name": nomination.enterprise.name})
    else:
        messages.success(request, _("You rejected %(name)s.") % {"name": nomination.enterprise.name})
    return _back_to_confirmation(request, nomination.campaign)


@require_POST
@access.require(access.can_decide_nominations)
def decisions_approve_all(request, year: int):
    campaign = get_object_or_404(Campaign, year=year)
    ids = [value for value in request.POST.getlist("nominations") if value.isdigit()]
    selected = list(
        access.nominations_visible_to(request.user)
        .filter(campaign=campaign, pk__in=ids)
        .select_related("enterprise")
        .order_by("pk")
    )
    try:
        count = confirmation.decisions_approve_all(actor=request.user, nominations=selected)
    except DomainError as error:
        return _refused(request, error, campaign)
    messages.success(request, _("You approved %(count)s enterprises.") % {"count": count})
    return _back_to_confirmation(request, campaign)


@access.require(access.can_view_pilots)
def pilot_list(request, year: int):
    campaign = get_object_or_404(Campaign, year=year)
    context = {
        "campaign": campaign,
        "pilots": selectors.pilots_of(request.user, campaign),
        "can_invite": access.can_invite_pilots(request.user),
    }
    return render(request, "pilots/confirmation/pilots.html", context)


@require_POST
@access.require(access.can_view_pilots)
def invitation_send(request, pk: int):
    pilot = access.get_pilot_for(request.user, pk)
    if not access.can_invite_pilots(request.user):
        raise PermissionDenied
    try:
        invitation = confirmation.invitation_send(
            actor=request.user, pilot=pilot, base_url=request.build_absolute_uri("/")
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("An invitation with a one-time link was sent to %(email)s.") % {"email": invitation.email},
        )
    return redirect("pilot_list", year=pilot.campaign.year)


@access.require(access.can_view_pilots)
def invitation_list(request, year: int):
    campaign = get_object_or_404(Campaign, year=year)
    context = {"campaign": campaign, "rows": selectors.invitations_of(request.user, campaign)}
    return render(request, "pilots/confirmation/invitations.html", context)


@access.require(access.signed_in)
def notification_list(request):
    page = Paginator(selectors.notifications_of(request.user), NOTIFICATIONS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "includes/notifications_page.html", {"page": page})


@require_POST
@access.require(access.signed_in)
def notification_read(request, pk: int):
    notification = access.get_notification_for(request.user, pk)
    notifications.notification_mark_read(user=request.user, notification=notification)
    if notification.link and url_has_allowed_host_and_scheme(notification.link, {request.get_host()}):
        return redirect(notification.link)
    return redirect("notification_list")


@require_POST
@access.require(access.signed_in)
def notification_read_all(request):
    notifications.notification_mark_read(user=request.user)
    return redirect("notification_list")
