"""Whether an enterprise belongs to its unit's eligible pool, and why — in words an official can read.

An enterprise is eligible when it holds, on the given day, a qualification whose type counts for the
pilot (``QualificationType.pilot_eligible``: in Chongqing the national IP advantage and demonstration
titles and the national little-giant title). A qualification holds on a day when the day lies within
its validity and its latest review did not fail. The same rule exists twice on purpose: once in
Python for one enterprise's explanation, once as a database filter for lists and counts; the tests
check that both agree.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _


def default_valid_to(recognized_year: int, validity_years: int | None) -> datetime.date | None:
    """The end of validity when the document does not say: the last day of the year the title
    falls due for review (recognised 2021, valid 3 years: 31 December 2024)."""
    if not validity_years:
        return None
    return datetime.date(recognized_year + validity_years, 12, 31)


def holds_on(qualification, day: datetime.date) -> bool:
    if qualification.review_result == "failed":
        return False
    if qualification.valid_from and qualification.valid_from > day:
        return False
    return not (qualification.valid_to and qualification.valid_to < day)


def holds_on_filter(day: datetime.date, prefix: str = "") -> Q:
    """The database form of ``holds_on`` for a Qualification queryset (``prefix`` for a relation)."""
    return (
        ~Q(**{f"{prefix}review_result": "failed"})
        & (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day}))
        & (Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day}))
    )


def eligible_filter(day: datetime.date) -> Q:
    """Enterprises with a pilot-eligible qualification that holds on ``day``."""
    return Q(qualifications__type__pilot_eligible=True) & holds_on_filter(day, "qualifications__")


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reasons: list[str] = field(default_factory=list)


def describe(qualification) -> str:
    """ "国家知识产权优势企业（2021年认定，有效期至2024年）"."""
    values = {"type": qualification.type.name, "year": qualification.recognized_year}
    if qualification.valid_to:
        values["until"] = qualification.valid_to.year
        return _("%(type)s (recognised in %(year)s, valid until %(until)s)") % values
    return _("%(type)s (recognised in %(year)s, no expiry date)") % values


def _why_not(qualification, day: datetime.date) -> str:
    values = {"type": qualification.type.name, "year": qualification.recognized_year}
    if qualification.review_result == "failed":
        return _("%(type)s (recognised in %(year)s) failed its latest review") % values
    if qualification.valid_from and qualification.valid_from > day:
        values["date"] = qualification.valid_from.isoformat()
        return _("%(type)s (recognised in %(year)s) is valid only from %(date)s") % values
    values["date"] = qualification.valid_to.isoformat()
    return _("%(type)s (recognised in %(year)s) expired on %(date)s") % values


def assess(qualifications: Iterable, day: datetime.date) -> Eligibility:
    """Eligibility on ``day`` from an enterprise's qualifications (with their types loaded)."""
    counting = [q for q in qualifications if q.type.pilot_eligible]
    holding = [q for q in counting if holds_on(q, day)]
    if holding:
        return Eligibility(True, [describe(q) for q in holding])
    if counting:
        return Eligibility(False, [_why_not(q, day) for q in counting])
    return Eligibility(False, [_("No qualification on record that counts for the pilot")])
