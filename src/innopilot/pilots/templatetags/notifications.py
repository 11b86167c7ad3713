"""The header's bell with the signed-in user's unread notification count."""

from django import template

from innopilot.pilots.notifications import unread_count

register = template.Library()


@register.inclusion_tag("includes/notifications_bell.html", takes_context=True)
def notification_bell(context) -> dict:
    return {"unread": unread_count(context["request"].user)}
