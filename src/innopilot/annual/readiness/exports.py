"""The officials' readiness export: one row per enterprise (report) of the chosen check, with the
outcome and, rule by rule, the value used and the result. Every cell goes through ``safe_cell``."""

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from innopilot.annual.readiness.words import Vocabulary, check_view, flat_rules, localized
from innopilot.common.excel import workbook_bytes, write_sheet


def readiness_filename(check: str) -> str:
    return _("readiness-%(check)s-%(date)s.xlsx") % {"check": check, "date": timezone.localdate().isoformat()}


def readiness_workbook(results, words: Vocabulary, check_label: dict | None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (localized(check_label) or _("Readiness"))[:31]
    rows, columns = [], {}  # rule code → its label, in the order rules first appear
    for result in results:
        view = check_view(result.details, words)
        rules = {rule.code: rule for rule in flat_rules(view)}
        for code, rule in rules.items():
            columns.setdefault(code, rule.label)
        report = result.report
        enterprise = report.enterprise
        industry = enterprise.industry
        fixed = [
            enterprise.uscc,
            enterprise.name,
            enterprise.managing_unit.name,
            f"{industry.code} {industry.name}" if industry else "",
            report.year,
            report.get_status_display(),
            view.outcome_label,
            float(result.score) if result.score is not None else None,
            view.summary,
            _("yes") if view.self_declared else _("no"),
            timezone.localtime(result.computed_at).strftime("%Y-%m-%d %H:%M"),
        ]
        rows.append((fixed, rules))
    headers = [
        _("Unified social credit code"),
        _("Enterprise name"),
        _("Managing unit"),
        _("Industry"),
        _("Data year"),
        _("Report status"),
        _("Outcome"),
        _("Score"),
        _("Summary"),
        _("Uses self-declared values"),
        _("Computed at"),
    ]
    for label in columns.values():
        headers += [label, _("%(rule)s: result") % {"rule": label}]
    body = []
    for fixed, rules in rows:
        line = list(fixed)
        for code in columns:
            rule = rules.get(code)
            line += ["；".join(rule.values), rule.result] if rule else ["", ""]
        body.append(line)
    write_sheet(sheet, headers, body, widths=(22, 36, 14, 26, 8, 12, 12, 8, 30, 10, 17))
    notes = workbook.create_sheet(_("Notes"))
    write_sheet(
        notes,
        [_("Note")],
        [
            [_("Indicative only: not an official recognition.")],
            [_("Computed from the submitted annual data with the readiness rules of the platform.")],
        ],
        widths=(90,),
    )
    return workbook_bytes(workbook)
