"""Charts for the PDF report, drawn on the server as SVG by pygal (the browser pages use ECharts).

Each chart is handed to the report as a ``data:`` URI for an ``<img>``: WeasyPrint draws an SVG image
with its own small renderer, about twice as fast as styling inline SVG elements through the page's
cascade. No JavaScript: the file is a picture inside a page, not an interactive chart.
"""

import base64

import pygal
from pygal.style import Style

FONT = "Noto Sans CJK SC"
ACCENT, PREVIOUS = "#1f5fa8", "#9aa7b8"

_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#333333",
    foreground_strong="#222222",
    foreground_subtle="#dddddd",
    colors=(ACCENT, PREVIOUS),
    opacity=".35",
    opacity_hover=".5",
    font_family=FONT,
    label_font_family=FONT,
    major_label_font_family=FONT,
    value_font_family=FONT,
    value_label_font_family=FONT,
    legend_font_family=FONT,
    title_font_family=FONT,
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=11,
    value_font_size=10,
)

_COMMON = {
    "style": _STYLE,
    "js": [],
    "disable_xml_declaration": True,
    "explicit_size": True,
    "range": (0, 100),
    "show_legend": True,
    "legend_at_bottom": True,
    "print_values": False,
}


def _render(chart) -> str:
    return chart.render(is_unicode=True)


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def section_radar(
    labels: list[str],
    values: list[float | None],
    previous: list[float | None] | None,
    *,
    current_title: str,
    previous_title: str = "",
) -> str:
    """A radar of the four sections (0–100), with the previous year's outline when there is one."""
    chart = pygal.Radar(
        width=420, height=340, fill=True, dots_size=3, y_labels=[0, 20, 40, 60, 80, 100], **_COMMON
    )
    chart.x_labels = labels
    chart.add(current_title, [v or 0 for v in values])
    if previous is not None:
        chart.add(previous_title, [v or 0 for v in previous], fill=False)
    return _render(chart)


def clause_bars(labels: list[str], values: list[float | None]) -> str:
    """A horizontal bar per clause (0–100), in the library's order from top to bottom."""
    height = max(220, 26 * len(labels) + 70)
    options = {**_COMMON, "show_legend": False, "print_values": True}
    chart = pygal.HorizontalBar(
        width=640, height=height, value_formatter=lambda value: f"{value:.0f}", **options
    )
    # pygal draws a horizontal bar chart's first label at the bottom: reverse to read top-down.
    chart.x_labels = list(reversed(labels))
    chart.add("", list(reversed(values)))
    return _render(chart)
