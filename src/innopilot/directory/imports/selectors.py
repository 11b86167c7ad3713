"""Reads for the import pages."""

import datetime

from django.db.models import Prefetch

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.directory.eligibility import Eligibility, assess
from innopilot.directory.models import Enterprise, Qualification


def imported_enterprises(
    user: User, outcome: list, *, day: datetime.date
) -> list[tuple[str, Enterprise | None, str, Eligibility | None]]:
    """One page of an import's outcome: (code, enterprise, action, eligibility) in file order, in three
    queries; an enterprise since moved out of the user's scope shows as its code only."""
    codes = [code for code, _action in outcome]
    enterprises = {
        e.uscc: e
        for e in access.enterprises_visible_to(user)
        .filter(uscc__in=codes)
        .select_related("managing_unit")
        .prefetch_related(Prefetch("qualifications", queryset=Qualification.objects.select_related("type")))
    }
    rows = []
    for code, action in outcome:
        enterprise = enterprises.get(code)
        verdict = assess(enterprise.qualifications.all(), day) if enterprise else None
        rows.append((code, enterprise, action, verdict))
    return rows
