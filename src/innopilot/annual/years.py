"""Reporting years (填报年度): the city opens a data year, sets its deadline and the indicator catalogue
new reports of that year use, and opens or closes it.

A data year is the previous calendar year's data, so its deadline falls after the year has ended.
The deadline is a day in Asia/Shanghai and the day itself still counts as on time. Reports are pinned
to their catalogue: once a year has reports, its catalogue (and its year) can no longer change.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.annual.catalogue.loader import DEFAULT_CATALOGUE_URN
from innopilot.annual.models import AnnualReport, IndicatorCatalogue, ReportingYear
from innopilot.common.audit import audited_as
from innopilot.common.errors import DomainError

# The bundled catalogue's URN: its newest version is the default for a new year.
FIRST_YEAR, LAST_YEAR = 2020, 2100


def latest_catalogue() -> IndicatorCatalogue | None:
    """The newest version of the bundled catalogue, or else the catalogue loaded last."""
    bundled = IndicatorCatalogue.objects.filter(urn=DEFAULT_CATALOGUE_URN).order_by("-version").first()
    return bundled or IndicatorCatalogue.objects.order_by("-loaded_at", "-pk").first()


def is_late(reporting_year: ReportingYear, moment: datetime.datetime) -> bool:
    """A submission at ``moment`` is late when its day in Asia/Shanghai comes after the deadline."""
    return timezone.localdate(moment) > reporting_year.deadline


def deadline_passed(reporting_year: ReportingYear, *, today: datetime.date | None = None) -> bool:
    return (today or timezone.localdate()) > reporting_year.deadline


def open_years():
    return ReportingYear.objects.filter(status=ReportingYear.Status.OPEN).select_related("catalogue")


def years_for_list(user: User):
    """Every reporting year, newest first, with its catalogue and how many of its reports ``user`` may
    see (one query): the city counts them all, a district its enterprises', an enterprise its own."""
    reports = (
        access.annual_reports_visible_to(user)
        .filter(year=OuterRef("year"))
        .order_by()
        .values("year")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        ReportingYear.objects.select_related("catalogue")
        .annotate(report_count=Coalesce(Subquery(reports), 0))
        .order_by("-year")
    )


def _check_manager(actor: User) -> None:
    if not access.can_manage_reporting_years(actor):
        raise DomainError(_("Only the city opens reporting years and sets their deadlines."))


def _check_values(
    *, year: int, deadline: datetime.date, catalogue, reporting_year: ReportingYear | None = None
) -> None:
    if not (FIRST_YEAR <= year <= LAST_YEAR):
        raise DomainError(
            _("The data year must lie between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
            field="year",
        )
    others = ReportingYear.objects.filter(year=year)
    if reporting_year is not None:
        others = others.exclude(pk=reporting_year.pk)
    if others.exists():
        raise DomainError(
            _("The data year %(year)s is already open for reporting.") % {"year": year}, field="year"
        )
    if deadline is None or deadline <= datetime.date(year, 12, 31):
        raise DomainError(
            _(
                "The deadline must come after the data year has ended (after %(date)s): "
                "enterprises report a year's data once the year is over."
            )
            % {"date": datetime.date(year, 12, 31).isoformat()},
            field="deadline",
        )
    if catalogue is None:
        raise DomainError(
            _("Choose the indicator catalogue this year's reports use (load one first if none is listed)."),
            field="catalogue",
        )


def _check_status(status: str) -> None:
    if status not in ReportingYear.Status.values:
        raise DomainError(_("Choose whether the year is open or closed."), field="status")


def _full_clean(reporting_year: ReportingYear) -> None:
    try:
        reporting_year.full_clean(exclude=["created_by"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field) from None


def reporting_year_create(
    *,
    actor: User,
    year: int,
    deadline: datetime.date,
    catalogue: IndicatorCatalogue | None = None,
    status: str = ReportingYear.Status.OPEN,
    notes: str = "",
) -> ReportingYear:
    """Open data ``year`` for reporting; without a catalogue the latest one is used."""
    _check_manager(actor)
    catalogue = catalogue or latest_catalogue()
    _check_values(year=year, deadline=deadline, catalogue=catalogue)
    _check_status(status)
    reporting_year = ReportingYear(
        year=year,
        deadline=deadline,
        catalogue=catalogue,
        status=status,
        notes=notes.strip(),
        created_by=actor,
    )
    _full_clean(reporting_year)
    with audited_as(actor), transaction.atomic():
        reporting_year.save()
    return reporting_year


def reporting_year_update(
    *,
    actor: User,
    reporting_year: ReportingYear,
    year: int,
    deadline: datetime.date,
    catalogue: IndicatorCatalogue | None,
    status: str,
    notes: str = "",
) -> ReportingYear:
    """Change the deadline, status or notes at any time; the year and the catalogue only while no
    report of that year exists (reports are pinned to their catalogue)."""
    _check_manager(actor)
    _check_values(year=year, deadline=deadline, catalogue=catalogue, reporting_year=reporting_year)
    _check_status(status)
    with audited_as(actor), transaction.atomic():
        current = ReportingYear.objects.select_for_update().get(pk=reporting_year.pk)
        has_reports = AnnualReport.objects.filter(year=current.year).exists()
        if has_reports and year != current.year:
            raise DomainError(
                _(
                    "Enterprises have already started reports for %(year)s; "
                    "the data year can no longer change."
                )
                % {"year": current.year},
                field="year",
            )
        if has_reports and catalogue.pk != current.catalogue_id:
            raise DomainError(
                _(
                    "Enterprises have already started reports for %(year)s with this catalogue, and each "
                    "report stays with the catalogue it started with: the catalogue can no longer change."
                )
                % {"year": current.year},
                field="catalogue",
            )
        current.year = year
        current.deadline = deadline
        current.catalogue = catalogue
        current.status = status
        current.notes = notes.strip()
        _full_clean(current)
        current.save()
    return current
