"""Which eligible enterprises a district might nominate first, and why — a transparent score.

The score adds points for a strong IP foundation (the best pilot title held, an IP department,
full-time IP staff, GB/T 29490 certification), innovation capability (valid invention patents, R&D
expense) and declared willingness. Every point comes with its words, so the suggestion on the page
says exactly why an enterprise ranks where it does. Unknown survey answers (None) earn nothing.
No database here: the selector hands in plain values.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from innopilot.common.i18n import is_english

# The best title held counts once: a demonstration title outranks an advantage title, which
# outranks the little-giant title.
TITLE_POINTS = {
    "national_ip_demonstration": 30,
    "national_ip_advantage": 20,
    "national_little_giant": 15,
}
IP_DEPARTMENT_POINTS = 10
IP_STAFF_POINTS = 10
PATENT_POINTS_CAP = 20  # one point per valid invention patent, at most 20
RD_LARGE, RD_LARGE_POINTS = Decimal("1000"), 10  # 10k yuan: ≥ 10 million yuan
RD_SOME, RD_SOME_POINTS = Decimal("100"), 5
GBT29490_POINTS = 10
WILLING_POINTS = 15
UNWILLING_POINTS = -30  # an enterprise that said no goes to the end, but stays choosable


@dataclass(frozen=True)
class Profile:
    """What the directory knows about one enterprise, as plain values."""

    titles: frozenset[str]  # codes of the pilot titles it holds today
    has_ip_department: bool | None = None
    ip_staff_full_time: int | None = None
    valid_invention_patents: int | None = None
    rd_expense: Decimal | None = None  # 10k yuan
    gbt29490_certified: bool | None = None
    willingness: str = "unstated"


@dataclass(frozen=True)
class Priority:
    score: int
    reasons: tuple[str, ...]

    @property
    def explanation(self) -> str:
        return ("; " if is_english() else "；").join(self.reasons)


def _title_names() -> dict[str, str]:
    return {
        "national_ip_demonstration": _("national IP demonstration enterprise"),
        "national_ip_advantage": _("national IP advantage enterprise"),
        "national_little_giant": _("national little giant"),
    }


def priority(profile: Profile) -> Priority:
    score = 0
    reasons: list[str] = []
    held = [code for code in TITLE_POINTS if code in profile.titles]
    if held:
        best = max(held, key=TITLE_POINTS.__getitem__)
        score += TITLE_POINTS[best]
        reasons.append(_title_names()[best])
    if profile.has_ip_department:
        score += IP_DEPARTMENT_POINTS
        reasons.append(_("has an IP department"))
    if profile.ip_staff_full_time:
        score += IP_STAFF_POINTS
        reasons.append(_("%(count)s full-time IP staff") % {"count": profile.ip_staff_full_time})
    if profile.valid_invention_patents:
        score += min(profile.valid_invention_patents, PATENT_POINTS_CAP)
        reasons.append(_("%(count)s valid invention patents") % {"count": profile.valid_invention_patents})
    if profile.rd_expense is not None and profile.rd_expense >= RD_SOME:
        score += RD_LARGE_POINTS if profile.rd_expense >= RD_LARGE else RD_SOME_POINTS
        reasons.append(_("R&D expense %(amount)s (10k yuan)") % {"amount": f"{profile.rd_expense:,.0f}"})
    if profile.gbt29490_certified:
        score += GBT29490_POINTS
        reasons.append(_("GB/T 29490 certified"))
    if profile.willingness == "yes":
        score += WILLING_POINTS
        reasons.append(_("willing to join"))
    elif profile.willingness == "no":
        score += UNWILLING_POINTS
        reasons.append(_("said it is not willing"))
    return Priority(score, tuple(reasons))


def ranked(items: Iterable[tuple[Any, Profile]], *, key_name=str) -> list[tuple[Any, Priority]]:
    """Items with their priorities, highest score first, ties by ``key_name(item)`` (e.g. the name)."""
    scored = [(item, priority(profile)) for item, profile in items]
    return sorted(scored, key=lambda pair: (-pair[1].score, key_name(pair[0])))
