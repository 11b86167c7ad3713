"""Coverage of the eligible pool by pilot batches, and the planner that finishes it by the final year."""

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innopilot.accounts import access
from innopilot.common.excel import xlsx_response
from innopilot.pilots import coverage as selectors
from innopilot.pilots.coverage_export import coverage_workbook, plan_workbook


class FinalYearForm(forms.Form):
    final = forms.IntegerField(label=gettext_lazy("Final year"), min_value=2020, max_value=2100)


def _chart(coverage: selectors.Coverage) -> dict:
    """Stacked confirmed-by-year per unit, in enterprises, with each unit's expected level."""
    return {
        "labels": [row.unit.name for row in coverage.rows],
        "series": [
            {"name": str(campaign.year), "values": [row.years[i].confirmed for row in coverage.rows]}
            for i, campaign in enumerate(coverage.campaigns)
        ],
        "expected": {"name": _("Expected by now"), "values": [row.expected for row in coverage.rows]},
        "behind": [row.behind for row in coverage.rows],
    }


@access.require(access.can_view_pilots)
def coverage(request):
    data = selectors.coverage_for(request.user, day=timezone.localdate())
    return render(request, "pilots/coverage/coverage.html", {"coverage": data, "chart": _chart(data)})


@access.require(access.can_view_pilots)
def coverage_export(request):
    data = selectors.coverage_for(request.user, day=timezone.localdate())
    filename = _("coverage-%(date)s.xlsx") % {"date": data.day.isoformat()}
    return xlsx_response(coverage_workbook(data), filename)


def _final_year(request) -> tuple[FinalYearForm | None, int | None]:
    """The city may plan up to another final year (``?final=2027``); districts plan to the default."""
    if "final" not in request.GET or not access.can_manage_campaigns(request.user):
        return None, None
    form = FinalYearForm(request.GET)
    return form, (form.cleaned_data["final"] if form.is_valid() else None)


@access.require(access.can_view_pilots)
def coverage_planner(request):
    form, final_year = _final_year(request)
    plan = selectors.plan_for(request.user, day=timezone.localdate(), final_year=final_year)
    if form is None:
        form = FinalYearForm(initial={"final": plan.final_year})
    context = {"plan": plan, "form": form, "can_change_final_year": access.can_manage_campaigns(request.user)}
    return render(request, "pilots/coverage/planner.html", context, status=400 if form.errors else 200)


@access.require(access.can_view_pilots)
def coverage_planner_export(request):
    form, final_year = _final_year(request)
    if form is not None and form.errors:
        plan = selectors.plan_for(request.user, day=timezone.localdate())
        context = {"plan": plan, "form": form, "can_change_final_year": True}
        return render(request, "pilots/coverage/planner.html", context, status=400)
    plan = selectors.plan_for(request.user, day=timezone.localdate(), final_year=final_year)
    filename = _("coverage-plan-%(year)s.xlsx") % {"year": plan.final_year}
    return xlsx_response(plan_workbook(plan), filename)
