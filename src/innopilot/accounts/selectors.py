"""Reads about accounts that more than one page needs."""

from axes.models import AccessAttempt
from django.conf import settings


def locked_usernames(usernames: list[str]) -> set[str]:
    """Which of these accounts django-axes currently locks after failed sign-ins (one query)."""
    return set(
        AccessAttempt.objects.filter(
            username__in=usernames, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
        ).values_list("username", flat=True)
    )
