"""The officials' export: one row per enterprise, one column per indicator code, for reuse by other
programmes.

- Default layout: the template's (row 1 Chinese headers with units, row 2 codes), with the derived
  ratios as further columns; the file can go back in through ``innopilot annual import`` (unknown
  codes such as the ratios are left out there).
- ``layout=ip_advantage|miit_tiers|tc554`` (any key of the indicators' ``downstream``): only the
  indicators that programme uses, headed by that programme's own field names, and a second sheet
  that maps each to our code and header.
- Reports of one year pinned to different catalogue versions: the columns are the union by code
  (the newest version's order and wording); a report's cell is blank for a code its version lacks.

Rows stream in chunks of 2,000 reports (their values and the earlier years' values the growth
ratios need in one query each) into a write-only workbook: no query per row.
"""

import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from innopilot.accounts import access
from innopilot.accounts.models import User
from innopilot.annual.excel import layout
from innopilot.annual.models import AnnualReport, IndicatorCatalogue, IndicatorValue, ReportingYear
from innopilot.annual.ratios import ratio_values
from innopilot.annual.spec import CatalogueSpec, IndicatorSpec, RatioSpec, catalogue_spec
from innopilot.annual.values import Value, read
from innopilot.common.excel import HEADER_FILL, safe_cell

CHUNK = 2000
DEFAULT_STATUSES = (AnnualReport.Status.SUBMITTED, AnnualReport.Status.ACCEPTED)
# Programmes whose field names the catalogue records (``downstream`` keys) and what to call them.
LAYOUTS = {
    "ip_advantage": gettext_lazy("National IP advantage enterprise review"),
    "miit_tiers": gettext_lazy("MIIT quality SME tiers (innovative SME, 专精特新, little giant)"),
    "tc554": gettext_lazy("TC554 annual data"),
}
INDUSTRY, STATUS = "industry_division", "report_status"


@dataclass(frozen=True)
class ExportFilters:
    year: int
    unit_code: str = ""
    section: str = ""
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    layout: str = ""  # "" = ours; otherwise a downstream programme's key


def export_years(user: User) -> list[int]:
    """Years with a reporting year or a report in the user's scope, latest first."""
    years = set(ReportingYear.objects.values_list("year", flat=True))
    years |= set(access.annual_reports_visible_to(user).values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)


def layout_keys() -> list[str]:
    """The programmes any loaded catalogue names (``downstream`` keys), known ones first."""
    keys = set()
    for catalogue in IndicatorCatalogue.objects.all():
        for indicator in catalogue_spec(catalogue).indicators:
            keys |= set(indicator.downstream)
    return [key for key in LAYOUTS if key in keys] + sorted(keys - set(LAYOUTS))


def layout_name(key: str) -> str:
    return str(LAYOUTS.get(key, key))


def export_reports(user: User, filters: ExportFilters) -> QuerySet[AnnualReport]:
    reports = access.annual_reports_visible_to(user).filter(year=filters.year)
    if filters.statuses:
        reports = reports.filter(status__in=filters.statuses)
    if filters.unit_code:
        reports = reports.filter(enterprise__managing_unit__code=filters.unit_code)
    if filters.section:
        reports = reports.filter(enterprise__industry__section__code=filters.section)
    return reports


@dataclass
class _Columns:
    specs: dict[int, CatalogueSpec]  # catalogue pk → spec
    indicators: list[IndicatorSpec]
    ratios: list[RatioSpec]
    headers: list[str]  # downstream layouts: the programme's names

    @property
    def growth_codes(self) -> set[str]:
        return {ratio.indicator for ratio in self.ratios if ratio.kind == "growth"}

    @property
    def growth_years(self) -> int:
        return max((ratio.years for ratio in self.ratios if ratio.kind == "growth"), default=0)


def _columns(reports: QuerySet[AnnualReport], key: str) -> _Columns:
    ids = set(reports.order_by().values_list("catalogue_id", flat=True).distinct())
    specs = {
        catalogue.pk: catalogue_spec(catalogue) for catalogue in IndicatorCatalogue.objects.filter(pk__in=ids)
    }
    indicators = layout.union_indicators(specs.values())
    if not key:
        headers = [layout.header(indicator) for indicator in indicators]
        return _Columns(specs, indicators, layout.union_ratios(specs.values()), headers)
    indicators = [indicator for indicator in indicators if indicator.downstream.get(key)]
    names = [str(indicator.downstream[key]) for indicator in indicators]
    repeated = {name for name in names if names.count(name) > 1}
    headers = [
        f"{name}（{indicator.label_zh}）" if name in repeated else name
        for name, indicator in zip(names, indicators, strict=True)
    ]
    return _Columns(specs, indicators, [], headers)


_ROW_FIELDS = (
    "pk",
    "year",
    "status",
    "catalogue_id",
    "enterprise_id",
    "enterprise__uscc",
    "enterprise__name",
    "enterprise__managing_unit__name_zh",
    "enterprise__industry__code",
    "enterprise__industry__name_zh",
)


def _chunks(reports: QuerySet[AnnualReport]) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    ordered = reports.order_by(
        "enterprise__managing_unit__sort_order", "enterprise__managing_unit__code", "enterprise__name", "pk"
    )
    for row in ordered.values(*_ROW_FIELDS).iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _values(chunk: list[dict], specs: dict[int, CatalogueSpec]) -> dict[int, dict[str, Value]]:
    spec_of = {row["pk"]: specs[row["catalogue_id"]] for row in chunk}
    values: dict[int, dict[str, Value]] = {pk: {} for pk in spec_of}
    rows = IndicatorValue.objects.filter(report_id__in=list(spec_of)).values_list(
        "report_id", "indicator_id", "number", "text"
    )
    for report_id, indicator_id, number, text in rows:
        indicator = spec_of[report_id].by_pk[indicator_id]
        value = read(indicator, number, text)
        if value is not None:
            values[report_id][indicator.code] = value
    return values


def _history(chunk: list[dict], columns: _Columns, year: int) -> dict[int, dict[int, dict[str, Value]]]:
    """Earlier years' values of the growth ratios' indicators, by enterprise (one query)."""
    history: dict[int, dict[int, dict[str, Value]]] = defaultdict(dict)
    if not columns.growth_codes:
        return history
    rows = IndicatorValue.objects.filter(
        report__enterprise_id__in=[row["enterprise_id"] for row in chunk],
        report__year__in=range(year - columns.growth_years, year),
        indicator__code__in=columns.growth_codes,
    ).values_list("report__enterprise_id", "report__year", "indicator__code", "number", "text")
    for enterprise_id, earlier, code, number, text in rows:
        value = number if number is not None else (text or None)
        if value is not None:
            history[enterprise_id].setdefault(earlier, {})[code] = value
    return history


def _identity(row: dict) -> list:
    industry = ""
    if row["enterprise__industry__code"]:
        industry = f"{row['enterprise__industry__code']} {row['enterprise__industry__name_zh']}"
    return [
        row["enterprise__uscc"],
        safe_cell(row["enterprise__name"]),
        safe_cell(row["enterprise__managing_unit__name_zh"]),
        row["year"],
        industry,
        str(AnnualReport.Status(row["status"]).label),
    ]


def _rows(reports: QuerySet[AnnualReport], columns: _Columns, filters: ExportFilters) -> Iterator[list]:
    for chunk in _chunks(reports):
        values = _values(chunk, columns.specs)
        history = _history(chunk, columns, filters.year) if columns.ratios else {}
        for row in chunk:
            own = values[row["pk"]]
            spec = columns.specs[row["catalogue_id"]]
            cells = _identity(row)
            cells += [
                layout.cell_value(indicator, own.get(indicator.code))
                if indicator.code in spec.by_code
                else None
                for indicator in columns.indicators
            ]
            if columns.ratios:
                computed = ratio_values(spec, own, history.get(row["enterprise_id"], {}), row["year"])
                cells += [computed.get(ratio.code) for ratio in columns.ratios]
            yield cells


def _header_cells(sheet, titles: list[str], font: Font) -> list[WriteOnlyCell]:
    cells = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=safe_cell(title))
        cell.font, cell.fill = font, HEADER_FILL
        cells.append(cell)
    return cells


def _notes(book: Workbook, filters: ExportFilters, columns: _Columns, count: int, user: User) -> None:
    sheet = book.create_sheet(_("About this export"))
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 90
    statuses = "、".join(str(AnnualReport.Status(status).label) for status in filters.statuses)
    versions = "；".join(
        f"{spec.urn} v{spec.version}" for spec in sorted(columns.specs.values(), key=lambda s: s.version)
    )
    rows = [
        (_("Data year"), filters.year),
        (_("Layout"), layout_name(filters.layout) if filters.layout else _("Innopilot indicator codes")),
        (_("Managing unit"), filters.unit_code or _("all in your scope")),
        (_("Industry section"), filters.section or _("all")),
        (_("Report status"), statuses or _("any")),
        (_("Enterprises"), count),
        (_("Indicator catalogues"), versions),
        (_("Exported by"), str(user)),
        (_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        (
            _("Note"),
            _(
                "Amounts in 万元, percentages 0–100, yes/no as 是/否, choices by their Chinese label. "
                "When the year's reports use several catalogue versions the columns are every indicator "
                "code of them (the newest version's order); a cell is blank when the report's version "
                "lacks the indicator."
            ),
        ),
    ]
    for label, value in rows:
        sheet.append([safe_cell(str(label)), safe_cell(value if isinstance(value, int) else str(value))])


def _mapping(book: Workbook, columns: _Columns, key: str) -> None:
    sheet = book.create_sheet(_("Field mapping"))
    for letter, width in zip("ABCD", (30, 28, 30, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    titles = [layout_name(key), _("Indicator code"), _("Header"), _("Unit")]
    sheet.append(_header_cells(sheet, titles, Font(bold=True)))
    for header, indicator in zip(columns.headers, columns.indicators, strict=True):
        sheet.append([safe_cell(header), indicator.code, safe_cell(layout.header(indicator)), indicator.unit])


def export_bytes(user: User, filters: ExportFilters) -> bytes:
    reports = export_reports(user, filters)
    columns = _columns(reports, filters.layout)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(layout.DATA_SHEET)
    identity_headers = [header for _code, header in layout.IDENTITY] + ["国民经济行业", "填报状态"]
    identity_codes = [code for code, _header in layout.IDENTITY] + [INDUSTRY, STATUS]
    for index, width in enumerate([22, 34, 14, 10, 24, 12], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "C3" if not filters.layout else "C2"
    bold = Font(bold=True)
    if filters.layout:
        sheet.append(_header_cells(sheet, identity_headers + columns.headers, bold))
    else:
        ratio_headers = [layout.ratio_header(ratio) for ratio in columns.ratios]
        sheet.append(_header_cells(sheet, identity_headers + columns.headers + ratio_headers, bold))
        codes = identity_codes + [i.code for i in columns.indicators] + [r.code for r in columns.ratios]
        sheet.append(_header_cells(sheet, codes, Font(italic=True, size=9, color="808080")))
    count = 0
    for cells in _rows(reports, columns, filters):
        sheet.append(cells)
        count += 1
    if filters.layout:
        _mapping(book, columns, filters.layout)
    _notes(book, filters, columns, count, user)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_filename(filters: ExportFilters) -> str:
    suffix = f"-{filters.layout}" if filters.layout else ""
    return f"年度数据-{filters.year}{suffix}.xlsx"
