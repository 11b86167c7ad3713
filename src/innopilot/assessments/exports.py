"""Excel downloads of assessments: one assessment's scores and answers, and the officials' overview
(the filtered list and the average score per clause). Every cell goes through ``safe_cell``: comments
and names are user input and must never run as formulas."""

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from innopilot.assessments.overview import ClauseAverage, OverviewRow
from innopilot.assessments.results import ClauseAnswers, Results
from innopilot.common.excel import workbook_bytes, write_sheet


def _score(value) -> float | None:
    return None if value is None else round(float(value), 1)


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def answers_filename(results: Results) -> str:
    assessment = results.assessment
    return _("%(year)s initial assessment answers-%(name)s.xlsx") % {
        "year": assessment.year,
        "name": assessment.enterprise.name,
    }


def answers_workbook(results: Results, groups: list[ClauseAnswers]) -> bytes:
    """Sheet 1: the scores by section and by clause (with last year's); sheet 2: every answer."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = _("Scores")
    previous_year = results.previous.year if results.previous else None
    headers = [_("Category"), _("Code"), _("Name"), _("Score"), _("Previous year's score"), _("Change")]
    rows: list[list] = [
        [_("Overall"), "", results.assessment.enterprise.name, *_scored(results.overall)],
        [_("Indicative level"), results.level or "", results.band.name if results.band else "", "", "", ""],
    ]
    rows += [[_("Section"), s.key, s.label, *_scored(s)] for s in results.sections]
    rows += [[_("Clause"), c.clause.code, c.clause.title, *_scored(c)] for c in results.clauses]
    rows.append([])
    rows.append([_("Indicative level, not an official evaluation result")])
    if previous_year:
        rows.append([_("Compared with the assessment of %(year)s") % {"year": previous_year}])
    write_sheet(summary, headers, rows, widths=(12, 10, 44, 10, 16, 10))

    sheet = workbook.create_sheet(_("All answers"))
    headers = [
        _("Clause"),
        _("Question code"),
        _("Question"),
        _("Answer"),
        _("Not applicable"),
        _("Comment"),
        _("Evidence files"),
        _("Evidence dates"),
    ]
    answer_rows = []
    for group in groups:
        for item in group.questions:
            answer = item.answer
            answer_rows.append(
                [
                    f"{group.clause.code} {group.clause.title}",
                    item.question.code,
                    item.question.text,
                    item.answer_label,
                    _yes_no(bool(answer and answer.not_applicable)),
                    answer.comment if answer else "",
                    "\n".join(file.original_name for file in item.evidence),
                    "\n".join(file.refers_to.isoformat() for file in item.evidence),
                ]
            )
    write_sheet(sheet, headers, answer_rows, widths=(30, 12, 60, 30, 10, 40, 30, 14))
    return workbook_bytes(workbook)


def _scored(item) -> list:
    return [_score(item.score), _score(item.previous), _score(item.change)]


def overview_filename() -> str:
    return _("assessments-%(date)s.xlsx") % {"date": timezone.localdate().isoformat()}


def overview_workbook(rows: list[OverviewRow], averages: list[ClauseAverage]) -> bytes:
    """Sheet 1: every assessment the filters match; sheet 2: the average score of each clause."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Assessments")
    headers = [
        _("Unified social credit code"),
        _("Enterprise name"),
        _("Managing unit"),
        _("Industry"),
        _("Year"),
        _("Status"),
        _("Score"),
        _("Indicative level"),
        _("Submitted at"),
    ]
    write_sheet(
        sheet,
        headers,
        (
            [
                row.assessment.enterprise.uscc,
                row.assessment.enterprise.name,
                row.assessment.enterprise.managing_unit.name,
                row.industry,
                row.assessment.year,
                row.assessment.get_status_display(),
                _score(row.assessment.score),
                row.level_label,
                timezone.localtime(row.assessment.submitted_at).strftime("%Y-%m-%d %H:%M")
                if row.assessment.submitted_at
                else "",
            ]
            for row in rows
        ),
        widths=(22, 36, 14, 30, 8, 14, 8, 14, 18),
    )
    averages_sheet = workbook.create_sheet(_("Average by clause"))
    write_sheet(
        averages_sheet,
        [_("Clause"), _("Name"), _("Section"), _("Average score"), _("Assessments")],
        ([a.code, a.title, a.section_label, _score(a.average), a.count] for a in averages),
        widths=(10, 44, 28, 14, 12),
    )
    return workbook_bytes(workbook)
