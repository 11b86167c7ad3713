"""The assessment workflow's pages: my assessments, answering (htmx, with a plain-form fallback),
evidence, submit, return, history and the comparison of two years.

Every view checks access at the top: ``access.get_assessment_for`` answers 404 outside the user's
scope, and changes are refused (403) to those who may only read.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopilot.accounts import access
from innopilot.assessments import selectors, services
from innopilot.assessments.forms import AnswerForm, EvidenceForm, ReturnForm, StartForm
from innopilot.assessments.models import Assessment
from innopilot.common.errors import DomainError


def _question_or_404(assessment: Assessment, code: str):
    question = selectors.question_of(assessment, code)
    if question is None:
        raise Http404
    return question


def _editable_or_403(request, assessment: Assessment) -> None:
    if not access.can_edit_assessment(request.user, assessment):
        raise PermissionDenied


def _anchor(code: str) -> str:
    return "#" + selectors.anchor_for(code)


# --- My assessments and starting one ----------------------------------------------------------------


@access.require(access.can_start_assessment)
def assessment_list(request, form: StartForm | None = None, status: int = 200):
    assessments = selectors.my_assessments(request.user)
    form = form or StartForm(taken={a.year for a in assessments})
    context = {"assessments": assessments, "form": form, "library": services.latest_library()}
    return render(request, "assessments/list.html", context, status=status)


@require_POST
@access.require(access.can_start_assessment)
def assessment_start(request):
    taken = set(access.assessments_visible_to(request.user).values_list("year", flat=True))
    form = StartForm(request.POST, taken=taken)
    if form.is_valid():
        try:
            assessment = services.assessment_start(actor=request.user, year=form.cleaned_data["year"])
        except DomainError as error:
            form.add_error("year" if error.field == "year" else None, error.message)
        else:
            if assessment.previous_id:
                messages.info(
                    request,
                    _("Your answers of %(year)s are filled in: please review each one.")
                    % {"year": assessment.previous.year},
                )
            return redirect("assessment_detail", pk=assessment.pk)
    return assessment_list(request, form=form, status=400)


# --- One assessment ----------------------------------------------------------------------------------


def _detail_context(request, assessment: Assessment, **extra) -> dict:
    user = request.user
    page = extra.pop("page", None) or selectors.answering_page(assessment)
    context = {
        "assessment": assessment,
        "page": page,
        "editable": access.can_edit_assessment(user, assessment),
        "can_return": access.can_return_assessment(user, assessment),
        "latest_return": selectors.latest_return(assessment),
        "submissions": selectors.submissions_of(assessment),
        "evidence_form": EvidenceForm(),
        "return_form": ReturnForm(),
        "max_mb": settings.EVIDENCE_MAX_MB,
        "level_name": selectors.level_names(assessment.library_id).get(assessment.level, ""),
    }
    context.update(extra)
    return context


@access.require(access.can_view_assessments)
def assessment_detail(request, pk: int):
    assessment = access.get_assessment_for(request.user, pk)
    return render(request, "assessments/detail.html", _detail_context(request, assessment))


def _question_response(request, assessment, code: str, *, errors=(), posted=None, evidence_form=None):
    """The question's fragment (htmx) with the questions that depend on it and the progress panel
    swapped out of band; without htmx, the whole page (on errors) or a redirect back to the question."""
    if not request.htmx and not errors:
        return redirect(reverse("assessment_detail", args=[assessment.pk]) + _anchor(code))
    page = selectors.answering_page(assessment)
    item = page.items[code]
    item.errors, item.posted = list(errors), posted
    if request.htmx:
        context = {
            "assessment": assessment,
            "page": page,
            "item": item,
            "dependents": page.dependents_of(code),
            "editable": access.can_edit_assessment(request.user, assessment),
            "evidence_form": evidence_form or EvidenceForm(),
            "evidence_for": code if evidence_form else None,
            "max_mb": settings.EVIDENCE_MAX_MB,
        }
        status = 422 if errors else 200
        return render(request, "assessments/includes/question_response.html", context, status=status)
    context = _detail_context(request, assessment, page=page)
    if evidence_form is not None:
        context.update(evidence_form=evidence_form, evidence_for=code)
    return render(request, "assessments/detail.html", context, status=400)


@require_POST
@access.require(access.can_view_assessments)
def answer_save(request, pk: int, code: str):
    assessment = access.get_assessment_for(request.user, pk)
    _editable_or_403(request, assessment)
    question = _question_or_404(assessment, code)
    form = AnswerForm(request.POST, question=question)
    errors = []
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.answer_save(
                actor=request.user,
                assessment=assessment,
                question=question,
                value=data.get("value"),
                not_applicable=data.get("not_applicable", False),
                comment=data.get("comment", ""),
            )
        except DomainError as error:
            errors.append(error.message)
    else:
        errors = [message for messages_ in form.errors.values() for message in messages_]
    posted = {"value": request.POST.get("value", ""), "comment": request.POST.get("comment", "")}
    return _question_response(request, assessment, code, errors=errors, posted=posted if errors else None)


@require_POST
@access.require(access.can_view_assessments)
def evidence_upload(request, pk: int, code: str):
    assessment = access.get_assessment_for(request.user, pk)
    _editable_or_403(request, assessment)
    question = _question_or_404(assessment, code)
    form = EvidenceForm(request.POST, request.FILES)
    errors = []
    if form.is_valid():
        try:
            services.evidence_add(
                actor=request.user, assessment=assessment, question=question, **form.cleaned_data
            )
        except DomainError as error:
            errors.append(error.message)
    else:
        errors = [message for messages_ in form.errors.values() for message in messages_]
    if not errors and not request.htmx:
        messages.success(request, _("The evidence file is uploaded."))
    return _question_response(
        request, assessment, code, errors=errors, evidence_form=form if errors else None
    )


@access.require(access.can_view_assessments)
def evidence_download(request, pk: int, evidence_pk: int):
    """An evidence file, only through this view: media files are never served publicly."""
    assessment = access.get_assessment_for(request.user, pk)
    evidence = access.get_evidence_for(request.user, assessment.pk, evidence_pk)
    try:
        stream = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(stream, as_attachment=True, filename=evidence.original_name)


@require_POST
@access.require(access.can_view_assessments)
def evidence_delete(request, pk: int, evidence_pk: int):
    assessment = access.get_assessment_for(request.user, pk)
    evidence = access.get_evidence_for(request.user, assessment.pk, evidence_pk)
    _editable_or_403(request, assessment)
    code = evidence.answer.question.code
    try:
        services.evidence_delete(actor=request.user, evidence=evidence)
    except DomainError as error:
        return _question_response(request, assessment, code, errors=[error.message])
    if not request.htmx:
        messages.success(request, _("The evidence file is removed."))
    return _question_response(request, assessment, code)


@require_POST
@access.require(access.can_view_assessments)
def assessment_submit(request, pk: int):
    assessment = access.get_assessment_for(request.user, pk)
    _editable_or_403(request, assessment)
    try:
        submission = services.assessment_submit(actor=request.user, assessment=assessment)
    except DomainError as error:
        assessment.refresh_from_db()
        context = _detail_context(request, assessment, submit_error=error.message)
        return render(request, "assessments/detail.html", context, status=400)
    messages.success(
        request,
        _("Submission no. %(number)s is recorded; your managing district can now see it.")
        % {"number": submission.number},
    )
    return redirect("assessment_history", pk=assessment.pk)


@require_POST
@access.require(access.can_view_assessments)
def assessment_return(request, pk: int):
    assessment = access.get_assessment_for(request.user, pk)
    if not access.can_return_assessment(request.user, assessment):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_return(
                actor=request.user, assessment=assessment, comment=form.cleaned_data["comment"]
            )
        except DomainError as error:
            form.add_error("comment" if error.field == "comment" else None, error.message)
        else:
            messages.success(request, _("The assessment is returned to the enterprise for correction."))
            return redirect("assessment_history", pk=assessment.pk)
    context = _detail_context(request, assessment, return_form=form)
    return render(request, "assessments/detail.html", context, status=400)


@access.require(access.can_view_assessments)
def assessment_history(request, pk: int):
    assessment = access.get_assessment_for(request.user, pk)
    context = {
        "assessment": assessment,
        "events": selectors.history_of(assessment),
        "editable": access.can_edit_assessment(request.user, assessment),
        "can_return": access.can_return_assessment(request.user, assessment),
        "return_form": ReturnForm(),
    }
    return render(request, "assessments/history.html", context)


@access.require(access.can_view_assessments)
def assessment_compare(request, pk: int):
    assessment = access.get_assessment_for(request.user, pk)
    earlier = selectors.earlier_assessment(assessment)
    context = {
        "assessment": assessment,
        "earlier": earlier,
        "comparison": selectors.comparison(assessment, earlier) if earlier else None,
    }
    return render(request, "assessments/compare.html", context)
