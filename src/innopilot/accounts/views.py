from auditlog.models import LogEntry
from axes.models import AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from innopilot.accounts import access, selectors, services
from innopilot.accounts.forms import LoginForm, UserFilterForm, UserForm
from innopilot.common.errors import DomainError

PAGE_SIZE = 50


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def lockout(request, original_response=None, credentials=None):
    """Shown by django-axes instead of the login page once an account is locked."""
    form = LoginForm(request, data=request.POST or None)
    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    message = _(
        "This account is locked after %(limit)d failed logins. Try again in %(minutes)d minutes, "
        "or ask the official who manages your account to unlock it."
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "accounts/login.html", {"form": form, "lockout_message": message}, status=429)


class AccessLinkView(auth_views.PasswordResetConfirmView):
    """The one-time link sent with a new account or a reset: the holder sets a password."""

    template_name = "accounts/access_link.html"
    success_url = reverse_lazy("access_link_done")


class AccessLinkDoneView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/access_link_done.html"


class ForgotPasswordView(auth_views.PasswordResetView):
    template_name = "accounts/forgot_password.html"
    email_template_name = "accounts/email/access_link_reset.txt"
    subject_template_name = "accounts/email/access_link_subject.txt"
    success_url = reverse_lazy("forgot_password_done")


class ForgotPasswordDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/forgot_password_done.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("my_account")

    def form_valid(self, form):
        messages.success(self.request, gettext_lazy("Your password has been changed."))
        return super().form_valid(form)


@access.require(access.signed_in)
def my_account(request):
    return render(request, "accounts/my_account.html", {"account": request.user})


@access.require(access.can_manage_users)
def user_list(request):
    filters = UserFilterForm(request.GET or None)
    users = access.users_visible_to(request.user).select_related(
        "managing_unit", "enterprise__managing_unit", "institution"
    )
    if filters.is_valid():
        if query := filters.cleaned_data["q"].strip():
            users = users.filter(
                Q(username__icontains=query)
                | Q(full_name__icontains=query)
                | Q(email__icontains=query)
                | Q(enterprise__name__icontains=query)
            )
        if role := filters.cleaned_data["role"]:
            users = users.filter(role=role)
    page = Paginator(users.order_by("role", "username"), PAGE_SIZE).get_page(request.GET.get("page"))
    manageable = set(
        access.users_manageable_by(request.user)
        .filter(pk__in=[u.pk for u in page])
        .values_list("pk", flat=True)
    )
    locked = selectors.locked_usernames([u.username for u in page])
    return render(
        request,
        "accounts/user_list.html",
        {"page": page, "filters": filters, "manageable": manageable, "locked": locked},
    )


def _apply_domain_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@access.require(access.can_manage_users)
def user_create(request):
    prefill = {key: request.GET[key] for key in ("role", "enterprise", "managing_unit") if key in request.GET}
    form = UserForm(request.POST or None, actor=request.user, initial=prefill)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(
                actor=request.user, username=form.cleaned_data["username"], **form.service_arguments()
            )
            services.user_send_access_link(
                actor=request.user, target=user, base_url=request.build_absolute_uri("/")
            )
        except DomainError as error:
            _apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Account %(username)s created. A link to set the password was sent to %(email)s.")
                % {"username": user.username, "email": user.email},
            )
            return redirect("user_edit", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "target": None})


@access.require(access.can_manage_users)
def user_edit(request, pk: int):
    target = access.get_managed_user_for(request.user, pk)
    form = UserForm(request.POST or None, actor=request.user, instance=target)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(actor=request.user, target=target, **form.service_arguments())
        except DomainError as error:
            _apply_domain_error(form, error)
        else:
            messages.success(request, _("The account has been saved."))
            return redirect("user_edit", pk=target.pk)
    is_locked = target.username in selectors.locked_usernames([target.username])
    return render(
        request, "accounts/user_form.html", {"form": form, "target": target, "is_locked": is_locked}
    )


@require_POST
@access.require(access.can_manage_users)
def user_set_active(request, pk: int):
    target = access.get_managed_user_for(request.user, pk)
    active = request.POST.get("active") == "1"
    services.user_set_active(actor=request.user, target=target, active=active)
    messages.success(
        request, _("The account is active again.") if active else _("The account is deactivated.")
    )
    return redirect("user_edit", pk=target.pk)


@require_POST
@access.require(access.can_manage_users)
def user_send_link(request, pk: int):
    target = access.get_managed_user_for(request.user, pk)
    try:
        services.user_send_access_link(
            actor=request.user, target=target, base_url=request.build_absolute_uri("/")
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("A link to set the password was sent to %(email)s.") % {"email": target.email}
        )
    return redirect("user_edit", pk=target.pk)


@require_POST
@access.require(access.can_manage_users)
def user_unlock(request, pk: int):
    target = access.get_managed_user_for(request.user, pk)
    services.user_unlock(actor=request.user, target=target)
    messages.success(request, _("The account is unlocked."))
    return redirect("user_edit", pk=target.pk)


@access.require(access.can_view_audit_trail)
def audit_trail(request):
    """Data changes (django-auditlog) and sign-in events (django-axes) in one place."""
    tab = request.GET.get("tab", "changes")
    if tab == "logins":
        rows = AccessLog.objects.order_by("-attempt_time")
        failures = AccessFailureLog.objects.order_by("-attempt_time")
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        failure_page = Paginator(failures, PAGE_SIZE).get_page(request.GET.get("fpage"))
        context = {"tab": tab, "page": page, "failure_page": failure_page}
    else:
        entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
        if query := request.GET.get("q", "").strip():
            entries = entries.filter(Q(object_repr__icontains=query) | Q(actor__username__icontains=query))
        page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {"tab": "changes", "page": page, "q": query}
    context["tabs_url"] = reverse("audit_trail")
    return render(request, "accounts/audit_trail.html", context)
