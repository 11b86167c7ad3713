"""Readiness of a report against the latest ruleset: its inputs gathered in a few queries, the engine's
results, and the stored ``ReadinessResult`` rows officials' lists query.

``refresh_for(report)`` is called when a report is submitted, when it is accepted and when a rejected
correction restores its accepted values (the form's workflow); ``readiness_refresh()`` (``innopilot
annual readiness``) recomputes every report officials' lists show, e.g. after a new ruleset or new
qualifications.

Which reports have results (``LISTED``): submitted and accepted ones, from their values, and those
under correction, from their accepted version — the values being edited are not settled, and until
the district accepts the correction the accepted version is what stands. A draft has none, and a
returned report keeps the results of the submission it had, but they are no longer listed
(``lists``) and the next ``readiness_refresh`` removes them.
"""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from innopilot.annual.models import AnnualReport, ReadinessResult, ReadinessRuleset
from innopilot.annual.ratios import ratio_values
from innopilot.annual.readiness.engine import CheckResult, Inputs, YearData, as_json, evaluate
from innopilot.annual.readiness.loader import latest_ruleset
from innopilot.annual.readiness.schema import MAX_YEARS, RulesetFile, ruleset_from_content
from innopilot.annual.spec import CatalogueSpec, catalogue_spec
from innopilot.annual.values import Value, accepted_values, history_of, values_of
from innopilot.directory.eligibility import holds_on
from innopilot.directory.models import Enterprise, Qualification

Status = AnnualReport.Status
LISTED = (Status.SUBMITTED, Status.ACCEPTED, Status.CORRECTING)


def established_years(established_on: datetime.date | None, year: int) -> Decimal | None:
    """Full years from the founding date to the end of the data year."""
    if established_on is None:
        return None
    end = datetime.date(year, 12, 31)
    before_birthday = (end.month, end.day) < (established_on.month, established_on.day)
    years = end.year - established_on.year - before_birthday
    return Decimal(max(years, 0))


def build_inputs(
    spec: CatalogueSpec,
    *,
    year: int,
    values: Mapping[str, Value],
    history: Mapping[int, Mapping[str, Value]],
    enterprise: Enterprise,
    qualifications: Iterable[Qualification],
    day: datetime.date,
) -> Inputs:
    """The engine's inputs: the values of the report's year and the years a rule may look back over,
    each year's derived ratios, what no document proves, the industry, the titles held on ``day``."""
    every_year = {y: v for y, v in history.items() if year - MAX_YEARS < y < year} | {year: values}
    years = {}
    for each, each_values in every_year.items():
        others = {y: v for y, v in every_year.items() if y != each}
        years[each] = YearData(each_values, ratio_values(spec, each_values, others, each))
    declared = {indicator.code for indicator in spec.indicators if indicator.self_declared}
    declared |= {ratio.code for ratio in spec.ratios if declared & set(ratio.inputs)}
    industry = enterprise.industry
    return Inputs(
        year=year,
        years=years,
        self_declared=frozenset(declared),
        industry_section=industry.section.code if industry else "",
        industry_division=industry.code if industry else "",
        qualifications=frozenset(q.type.code for q in qualifications if holds_on(q, day)),
        facts={"established_years": established_years(enterprise.established_on, year)},
    )


def inputs_for(report: AnnualReport, *, day: datetime.date | None = None, settled: bool = False) -> Inputs:
    """One report's inputs: values, history, enterprise and its qualifications (five queries). Its
    current values, or with ``settled`` those its stored results describe (``settled_values``)."""
    spec = catalogue_spec(report.catalogue)
    enterprise = Enterprise.objects.select_related("industry__section").get(pk=report.enterprise_id)
    return build_inputs(
        spec,
        year=report.year,
        values=settled_values(report, spec) if settled else values_of(report, spec),
        history=history_of(report),
        enterprise=enterprise,
        qualifications=Qualification.objects.filter(enterprise=enterprise).select_related("type"),
        day=day or timezone.localdate(),
    )


def settled_values(report: AnnualReport, spec: CatalogueSpec) -> dict[str, Value]:
    """The values stored results describe: a report under correction keeps its accepted version's."""
    if report.status == Status.CORRECTING:
        return accepted_values(report, spec)
    return values_of(report, spec)


def compute(
    report: AnnualReport, ruleset: ReadinessRuleset | RulesetFile, *, settled: bool = False
) -> list[CheckResult]:
    """The checks' results from the report's current values (with ``settled``, the values its stored
    results describe); nothing stored."""
    rules = ruleset if isinstance(ruleset, RulesetFile) else ruleset_from_content(ruleset.content)
    return evaluate(rules, inputs_for(report, settled=settled))


def _store(report: AnnualReport, ruleset: ReadinessRuleset, checks: list[CheckResult]) -> list:
    rows = [
        ReadinessResult(
            report=report,
            ruleset=ruleset,
            check_code=check.code,
            outcome=check.outcome,
            score=check.score,
            details=as_json(check),
        )
        for check in checks
    ]
    # Derived from the audited values and ruleset, so not audited itself; replaced as a whole.
    with transaction.atomic():
        ReadinessResult.objects.filter(report=report).delete()
        ReadinessResult.objects.bulk_create(rows)
    return rows


def refresh_for(report: AnnualReport) -> list[ReadinessResult]:
    """Compute and store one result per check with the latest ruleset, replacing the report's earlier
    results (none while no ruleset is loaded)."""
    ruleset = latest_ruleset()
    if ruleset is None:
        return []
    return _store(report, ruleset, compute(report, ruleset, settled=True))


def readiness_refresh(*, year: int | None = None) -> int:
    """Recompute the results of every listed report (of ``year``) and remove those of drafts and
    returned reports; returns how many reports were recomputed."""
    ruleset = latest_ruleset()
    if ruleset is None:
        return 0
    rules = ruleset_from_content(ruleset.content)
    reports = AnnualReport.objects.filter(status__in=LISTED).select_related("catalogue")
    unlisted = ReadinessResult.objects.exclude(report__status__in=LISTED)
    if year is not None:
        reports, unlisted = reports.filter(year=year), unlisted.filter(report__year=year)
    unlisted.delete()
    count = 0
    for report in reports.order_by("pk").iterator(chunk_size=200):
        _store(report, ruleset, compute(report, rules, settled=True))
        count += 1
    return count
