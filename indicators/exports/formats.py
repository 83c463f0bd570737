"""CSV and XLSX exports, streamed: memory stays flat whatever the number of values.

Long format (one row per value) is what the observatoire loads; the wide format (one row per
structure, one column per indicator and category) is what people open in a spreadsheet.

Two flavours of each: for people (the default) the headers are labels, statuses are French and
the CSV writes decimal commas (`;` separated, UTF-8 with a BOM, as French spreadsheets expect);
for machines (`codes=True`) the headers are codes, statuses are codes and decimals are points.
The XLSX always holds real numbers, with a bold frozen header, widths, a filter and formats.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from associations.structures.models import Association
from indicators.catalogue.models import Campaign, Unit, indicator_decimals
from indicators.catalogue.selectors import campaign_layout
from indicators.sheets.models import NOT_STARTED, NOT_STARTED_LABEL, Sheet, SheetStatus, SheetValue
from indicators.sheets.selectors import expected_associations
from solidaire.core.security.spreadsheet import safe_cell, safe_row
from solidaire.core.text.french import format_number

CHUNK = 5000
LONG_CODES = ["structure", "slug", "annee", "statut", "indicateur", "libelle", "ventilation", "valeur"]
LONG_LABELS = [
    "Structure",
    "Identifiant de la structure",
    "Année",
    "Statut de la fiche",
    "Code de l'indicateur",
    "Indicateur",
    "Ventilation",
    "Valeur",
]
WIDE_CODES = ["structure", "slug", "annee", "statut"]
WIDE_LABELS = ["Structure", "Identifiant de la structure", "Année", "Statut de la fiche"]
STATUS_LABELS = dict(SheetStatus.choices)
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"
YEAR_FORMAT = "0"


@dataclass(frozen=True)
class Measure:
    """A value with the indicator's precision: people's CSV writes it rounded (« 24,3 »,
    « 1200,50 »), the XLSX keeps the exact number and shows it with that many decimals (and
    « € » on amounts, cents included)."""

    value: Decimal
    decimals: int
    amount: bool = False


def _number_format(measure: Measure) -> str:
    base = "#,##0" + ("." + "0" * measure.decimals if measure.decimals else "")
    return f'{base} "€"' if measure.amount else base


@dataclass(frozen=True)
class Flavour:
    """Who reads the file: people (labels, French statuses and decimals) or machines (codes)."""

    codes: bool = False

    def status(self, status: str) -> str:
        return status if self.codes else STATUS_LABELS.get(status, status)

    def csv_number(self, value: Decimal | Measure) -> str:
        if self.codes:
            # Programs get the stored number, exact: "12", "0.75", "24.3333".
            number = value.value if isinstance(value, Measure) else value
            return f"{number.normalize():f}"
        if isinstance(value, Measure):
            return format_number(value.value, value.decimals, separator="")  # "24,3", "1200,50"
        return format_number(value, separator="")  # "0,75": what French spreadsheets read


class _Echo:
    """csv.writer needs a file; this one hands each line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def _long_rows(values: QuerySet[SheetValue], flavour: Flavour) -> Iterator[list]:
    rows = (
        values.order_by(
            "sheet__campaign__year",
            "sheet__association__name",
            "indicator__family",
            "indicator__order",
            "indicator__code",
            "category__order",
        )
        .values_list(
            "sheet__association__name",
            "sheet__association__slug",
            "sheet__campaign__year",
            "sheet__status",
            "indicator__code",
            "indicator__label",
            "category__code",
            "category__label",
            "value",
            "indicator__unit",
            "indicator__value_type",
            "indicator__formula",
        )
        .iterator(chunk_size=CHUNK)
    )
    for name, slug, year, status, code, label, category, category_label, value, *kind in rows:
        part = (category if flavour.codes else category_label) or ""
        unit, value_type, formula = kind
        measure = Measure(
            value,
            indicator_decimals(unit=unit, value_type=value_type, formula=formula),
            unit == Unit.EUROS,
        )
        yield [name, slug, year, flavour.status(status), code, label, part, measure]


def _wide_columns(campaign: Campaign, flavour: Flavour) -> list[tuple[str, int, int | None, int, bool]]:
    """(header, indicator id, category id, decimals, amount) in the campaign's order."""
    columns = []
    for indicator in (item.indicator for item in campaign_layout(campaign=campaign).items):
        kind = (indicator.decimals, indicator.is_amount)
        columns.append((indicator.code if flavour.codes else indicator.label, indicator.id, None, *kind))
        for c in indicator.categories:
            header = f"{indicator.code}:{c.code}" if flavour.codes else f"{indicator.label} — {c.label}"
            columns.append((header, indicator.id, c.id, *kind))
    return columns


def _wide_rows(campaign: Campaign, columns, flavour: Flavour) -> Iterator[list]:
    """One row per expected structure, in name order, those without a sheet included (state
    « Non commencée »), then any other structure that answered; values arrive sorted like the
    structures, so one row is built at a time."""
    index = {(ind, cat): i for i, (_, ind, cat, *_kind) in enumerate(columns)}
    structures = (
        (expected_associations() | Association.objects.filter(sheets__campaign=campaign))
        .distinct()
        .order_by("name", "pk")
        .values_list("pk", "name", "slug")
        .iterator(chunk_size=CHUNK)
    )
    values = (
        SheetValue.objects.filter(sheet__campaign=campaign)
        .order_by("sheet__association__name", "sheet__association_id")
        .values_list("sheet__association_id", "sheet__status", "indicator_id", "category_id", "value")
        .iterator(chunk_size=CHUNK)
    )
    statuses = dict(Sheet.objects.filter(campaign=campaign).values_list("association_id", "status"))
    by_structure = groupby(values, key=lambda r: r[0])
    pending = next(by_structure, None)
    for pk, name, slug in structures:
        cells: list = [None] * len(columns)
        if pending is not None and pending[0] == pk:
            for _structure, _status, ind, cat, value in pending[1]:
                position = index.get((ind, cat))
                if position is not None:
                    _, _, _, decimals, amount = columns[position]
                    cells[position] = Measure(value, decimals, amount)
            pending = next(by_structure, None)
        status = statuses.get(pk)
        state = flavour.status(status) if status else (NOT_STARTED if flavour.codes else NOT_STARTED_LABEL)
        yield [name, slug, campaign.year, state, *cells]


def _csv_stream(header: list, rows: Iterable[list], flavour: Flavour) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"  # BOM: spreadsheets then read the accents right
    yield writer.writerow(header)
    for row in rows:
        cells = [
            "" if v is None else flavour.csv_number(v) if isinstance(v, Decimal | Measure) else v for v in row
        ]
        yield writer.writerow(safe_row(cells))


def _csv_response(stream: Iterator[str], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(stream, content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def long_csv_response(
    *, values: QuerySet[SheetValue], filename: str, codes: bool = False
) -> StreamingHttpResponse:
    flavour = Flavour(codes)
    header = LONG_CODES if codes else LONG_LABELS
    return _csv_response(_csv_stream(header, _long_rows(values, flavour), flavour), filename)


def long_xlsx_response(*, values: QuerySet[SheetValue], filename: str, codes: bool = False) -> FileResponse:
    flavour = Flavour(codes)
    header = LONG_CODES if codes else LONG_LABELS
    return _xlsx_response(
        header, _long_rows(values, flavour), filename, widths=[30, 24, 8, 18, 22, 40, 24, 12]
    )


def wide_header(columns, codes: bool = False) -> list[str]:
    return (WIDE_CODES if codes else WIDE_LABELS) + [c[0] for c in columns]


def wide_csv_response(*, campaign: Campaign, codes: bool = False) -> StreamingHttpResponse:
    flavour = Flavour(codes)
    columns = _wide_columns(campaign, flavour)
    return _csv_response(
        _csv_stream(wide_header(columns, codes), _wide_rows(campaign, columns, flavour), flavour),
        f"indicateurs-{campaign.year}.csv",
    )


def wide_xlsx_response(*, campaign: Campaign, codes: bool = False) -> FileResponse:
    flavour = Flavour(codes)
    columns = _wide_columns(campaign, flavour)
    header = wide_header(columns, codes)
    widths = [30, 24, 8, 18] + [min(max(len(c[0]) * 0.9, 12), 40) for c in columns]
    return _xlsx_response(
        header, _wide_rows(campaign, columns, flavour), f"indicateurs-{campaign.year}.xlsx", widths=widths
    )


def _xlsx_response(header: list, rows: Iterable[list], filename: str, *, widths: list[float]) -> FileResponse:
    """openpyxl's write-only mode keeps one row in memory; the workbook goes to a temporary
    file (an XLSX is a zip and cannot be streamed as it is written), then is sent from disk.
    The header is bold and frozen, columns have widths and a filter, numbers have formats
    (the spreadsheet shows them with its own separators: « 1 234,5 » in French)."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet("indicateurs")
    worksheet.freeze_panes = "A2"
    for position, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(position)].width = width
    bold = Font(bold=True)
    worksheet.append([_styled(worksheet, safe_cell(title), font=bold) for title in header])
    count = 0
    for row in rows:
        worksheet.append([_xlsx_cell(worksheet, v, i) for i, v in enumerate(row)])
        count += 1
    worksheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    # Not a context manager on purpose: FileResponse closes (and so deletes) it once sent.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def _styled(worksheet, value, *, font=None, number_format=None) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value=value)
    if font is not None:
        cell.font = font
    if number_format is not None:
        cell.number_format = number_format
    return cell


def _xlsx_cell(worksheet, value, position: int):
    # Numbers as numbers (the spreadsheet can sum them), with a format; text guarded.
    if isinstance(value, Measure):
        number = int(value.value) if value.decimals == 0 else float(value.value)
        return _styled(worksheet, number, number_format=_number_format(value))
    if isinstance(value, Decimal):
        integral = value == value.to_integral_value()
        number = int(value) if integral else float(value)
        return _styled(worksheet, number, number_format=INTEGER_FORMAT if integral else DECIMAL_FORMAT)
    if isinstance(value, int) and position == 2:  # the year: no thousands separator
        return _styled(worksheet, value, number_format=YEAR_FORMAT)
    return safe_cell(value)
