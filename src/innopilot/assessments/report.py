"""The assessment report as a PDF: HTML from a template, laid out by WeasyPrint on A4 with page
numbers, Chinese text in Noto Sans CJK and the charts as pygal SVG drawn on the server."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from innopilot.assessments import charts
from innopilot.assessments.results import Results, answers_by_clause


def report_filename(results: Results) -> str:
    assessment = results.assessment
    return _("%(year)s initial assessment report-%(name)s.pdf") % {
        "year": assessment.year,
        "name": assessment.enterprise.name,
    }


def report_charts(results: Results) -> dict[str, str]:
    """The two charts as SVG ``data:`` URIs for the report's ``<img>`` elements."""
    current = _("Year %(year)s") % {"year": results.assessment.year}
    previous = results.previous
    return {
        "radar": charts.data_uri(
            charts.section_radar(
                [s.label for s in results.sections],
                [s.score for s in results.sections],
                [s.previous for s in results.sections] if previous else None,
                current_title=current,
                previous_title=_("Year %(year)s") % {"year": previous.year} if previous else "",
            )
        ),
        "bars": charts.data_uri(
            charts.clause_bars(
                [f"{c.clause.code} {c.clause.title}" for c in results.clauses],
                [c.score for c in results.clauses],
            )
        ),
    }


def report_html(results: Results) -> str:
    context = {
        "results": results,
        "assessment": results.assessment,
        "enterprise": results.assessment.enterprise,
        "charts": report_charts(results),
        "groups": answers_by_clause(results.assessment),
    }
    return render_to_string("assessments/results/report.html", context)


def report_pdf(results: Results) -> bytes:
    # Imported here: WeasyPrint parses its default style sheets on import (a third of a second),
    # which every other command and process can do without.
    from weasyprint import HTML

    return HTML(string=report_html(results)).write_pdf()
