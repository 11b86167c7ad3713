"""Small filters of the report pages."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` or None: per-item errors kept in a dict by primary key."""
    return (mapping or {}).get(key)


@register.filter
def percent(ratio) -> str:
    """A catalogue's ratio (Decimal 0.5) as people read it: 50%."""
    return f"{Decimal(ratio) * 100:.0f}%"
