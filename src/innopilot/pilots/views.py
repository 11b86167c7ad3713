"""Campaign pages (the city's) and the districts' nomination lists, with their written-form exports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopilot.accounts import access
from innopilot.common.errors import DomainError
from innopilot.common.excel import xlsx_response
from innopilot.pilots import exports, selectors, services
from innopilot.pilots.forms import CampaignForm, ContactForm, ExtensionForm, NominationForm
from innopilot.pilots.models import Nomination, NominationList


def _show_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- Campaigns (the city) -----------------------------------------------------------------------------


@access.require(access.can_view_pilots)
def campaign_list(request):
    context = {
        "campaigns": selectors.campaigns_for_list(request.user),
        "can_manage": access.can_manage_campaigns(request.user),
        "own_unit": access.nominating_unit_of(request.user),
    }
    return render(request, "pilots/campaign_list.html", context)


@access.require(access.can_manage_campaigns)
def campaign_create(request):
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            values = form.service_values()
            values["reminder_days"] = services.parse_reminder_days(values["reminder_days"])
            campaign = services.campaign_create(actor=request.user, **values)
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("The %(year)s campaign is set up.") % {"year": campaign.year})
            return redirect("campaign_detail", year=campaign.year)
    status = 400 if form.errors else 200
    return render(request, "pilots/campaign_form.html", {"form": form, "campaign": None}, status=status)


@access.require(access.can_manage_campaigns)
def campaign_edit(request, year: int):
    campaign = access.get_campaign_for(request.user, year)
    form = CampaignForm(request.POST or None, initial=CampaignForm.initial_from(campaign))
    if request.method == "POST" and form.is_valid():
        try:
            values = form.service_values()
            values["reminder_days"] = services.parse_reminder_days(values["reminder_days"])
            campaign = services.campaign_update(actor=request.user, campaign=campaign, **values)
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("The %(year)s campaign is saved.") % {"year": campaign.year})
            return redirect("campaign_detail", year=campaign.year)
    status = 400 if form.errors else 200
    return render(request, "pilots/campaign_form.html", {"form": form, "campaign": campaign}, status=status)


def _campaign_page(request, campaign, extension_form=None, status=200):
    day = timezone.localdate()
    context = {
        "campaign": campaign,
        "units": selectors.unit_summaries(request.user, campaign, day=day),
        "extensions": selectors.extensions_of(campaign) if access.can_manage_campaigns(request.user) else [],
        "can_manage": access.can_manage_campaigns(request.user),
        "extension_form": extension_form or ExtensionForm(),
    }
    return render(request, "pilots/campaign_detail.html", context, status=status)


@access.require(access.can_view_pilots)
def campaign_detail(request, year: int):
    """Every unit's list for the city (read-only here); a district sees its own unit's row."""
    return _campaign_page(request, access.get_campaign_for(request.user, year))


@require_POST
@access.require(access.can_manage_campaigns)
def extension_grant(request, year: int):
    campaign = access.get_campaign_for(request.user, year)
    form = ExtensionForm(request.POST)
    if form.is_valid():
        try:
            extension = services.extension_grant(
                actor=request.user,
                campaign=campaign,
                unit=form.cleaned_data["unit"],
                new_deadline=form.cleaned_data["new_deadline"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(
                request,
                _("%(unit)s may submit until %(date)s.")
                % {"unit": extension.managing_unit.name, "date": extension.new_deadline.isoformat()},
            )
            return redirect("campaign_detail", year=campaign.year)
    return _campaign_page(request, campaign, extension_form=form, status=400)


@access.require(access.can_manage_campaigns)
def campaign_summary_export(request, year: int):
    campaign = access.get_campaign_for(request.user, year)
    units = selectors.unit_summaries(request.user, campaign, day=timezone.localdate())
    content = exports.summary_workbook(
        campaign, units, selectors.campaign_nominations(request.user, campaign)
    )
    return xlsx_response(content, f"{exports.summary_title(campaign)}.xlsx")


@access.require(access.can_manage_campaigns)
def campaign_summary_pdf(request, year: int):
    campaign = access.get_campaign_for(request.user, year)
    units = selectors.unit_summaries(request.user, campaign, day=timezone.localdate())
    content = exports.summary_pdf(campaign, units, selectors.campaign_nominations(request.user, campaign))
    return _pdf_response(content, f"{exports.summary_title(campaign)}.pdf")


# --- A unit's nomination list ------------------------------------------------------------------------------


def _scope(request, year: int, code: str, *, editing: bool = False):
    """The campaign and unit in the viewer's scope (404 outside it); 403 if editing is not theirs."""
    campaign = access.get_campaign_for(request.user, year)
    unit = access.get_unit_for(request.user, code)
    if editing and not access.can_nominate(request.user, unit):
        raise PermissionDenied
    return campaign, unit


@access.require(access.can_view_pilots)
def nomination_list(request, year: int, code: str):
    campaign, unit = _scope(request, year, code)
    day = timezone.localdate()
    unit_list = selectors.nomination_list_of(campaign, unit)
    nominations = selectors.nominations_of(unit_list)
    standing = [n for n in nominations if n.status in selectors.STANDING]
    can_nominate = access.can_nominate(request.user, unit)
    candidates = selectors.candidates(campaign, unit, day=day) if can_nominate else []
    guidance = selectors.guidance(campaign, unit, day=day, on_list=len(standing))
    is_draft = unit_list is None or unit_list.status == NominationList.Status.DRAFT
    context = {
        "campaign": campaign,
        "unit": unit,
        "unit_list": unit_list,
        "nominations": nominations,
        "candidates": candidates,
        "suggestions": candidates[: max(min(guidance.target - len(standing), 20), 0)],
        "guidance": guidance,
        "deadline": services.deadline_for(campaign, unit),
        "extension": selectors.extension_of(campaign, unit),
        "can_nominate": can_nominate,
        "is_draft": is_draft,
        "open_for_changes": services.accepts_changes(campaign, unit, today=day),
    }
    return render(request, "pilots/nomination_list.html", context)


@access.require(access.can_view_pilots)
def nomination_add(request, year: int, code: str):
    campaign, unit = _scope(request, year, code, editing=True)
    candidates = selectors.candidates(campaign, unit, day=timezone.localdate())
    form = NominationForm(
        request.POST or None, candidates=candidates, initial={"enterprise": request.GET.get("enterprise", "")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            nomination = services.nomination_add(
                actor=request.user, campaign=campaign, unit=unit, **form.cleaned_data
            )
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("%(name)s is on the list.") % {"name": nomination.enterprise.name})
            return redirect("nomination_list", year=campaign.year, code=unit.code)
    status = 400 if form.errors else 200
    context = {"campaign": campaign, "unit": unit, "form": form, "replacing": None}
    return render(request, "pilots/nomination_form.html", context, status=status)


@access.require(access.can_view_pilots)
def nomination_edit(request, year: int, code: str, pk: int):
    campaign, unit = _scope(request, year, code, editing=True)
    nomination = selectors.get_nomination_for(request.user, campaign, unit, pk)
    initial = {name: getattr(nomination, name) for name in ContactForm.base_fields}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_update(actor=request.user, nomination=nomination, **form.cleaned_data)
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("The contact person is saved."))
            return redirect("nomination_list", year=campaign.year, code=unit.code)
    status = 400 if form.errors else 200
    context = {"campaign": campaign, "unit": unit, "form": form, "nomination": nomination}
    return render(request, "pilots/nomination_contact.html", context, status=status)


@require_POST
@access.require(access.can_view_pilots)
def nomination_remove(request, year: int, code: str, pk: int):
    campaign, unit = _scope(request, year, code, editing=True)
    nomination = selectors.get_nomination_for(request.user, campaign, unit, pk)
    try:
        services.nomination_remove(actor=request.user, nomination=nomination)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s is off the list.") % {"name": nomination.enterprise.name})
    return redirect("nomination_list", year=campaign.year, code=unit.code)


@require_POST
@access.require(access.can_view_pilots)
def nomination_list_submit(request, year: int, code: str):
    campaign, unit = _scope(request, year, code, editing=True)
    unit_list = selectors.nomination_list_of(campaign, unit)
    try:
        if unit_list is None:
            raise DomainError(_("Add at least one enterprise before submitting the list."))
        services.nomination_list_submit(actor=request.user, nomination_list=unit_list)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The list is submitted to the city."))
    return redirect("nomination_list", year=campaign.year, code=unit.code)


@access.require(access.can_view_pilots)
def nomination_replace(request, year: int, code: str, pk: int):
    campaign, unit = _scope(request, year, code, editing=True)
    rejected = selectors.get_nomination_for(request.user, campaign, unit, pk)
    if rejected.status != Nomination.Status.REJECTED:
        raise Http404
    candidates = selectors.candidates(campaign, unit, day=timezone.localdate())
    form = NominationForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            replacement = services.nomination_replace(
                actor=request.user, nomination=rejected, **form.cleaned_data
            )
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(
                request,
                _("%(new)s replaces %(old)s.")
                % {"new": replacement.enterprise.name, "old": rejected.enterprise.name},
            )
            return redirect("nomination_list", year=campaign.year, code=unit.code)
    status = 400 if form.errors else 200
    context = {"campaign": campaign, "unit": unit, "form": form, "replacing": rejected}
    return render(request, "pilots/nomination_form.html", context, status=status)


@access.require(access.can_view_pilots)
def nomination_list_export(request, year: int, code: str):
    campaign, unit = _scope(request, year, code)
    nominations = selectors.nominations_of(selectors.nomination_list_of(campaign, unit), standing_only=True)
    content = exports.list_workbook(unit, campaign, nominations)
    return xlsx_response(content, exports.list_filename(unit, campaign, "xlsx"))


@access.require(access.can_view_pilots)
def nomination_list_pdf(request, year: int, code: str):
    campaign, unit = _scope(request, year, code)
    nominations = selectors.nominations_of(selectors.nomination_list_of(campaign, unit), standing_only=True)
    return _pdf_response(
        exports.list_pdf(unit, campaign, nominations), exports.list_filename(unit, campaign, "pdf")
    )
