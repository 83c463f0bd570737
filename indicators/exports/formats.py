"""CSV and XLSX exports, streamed: memory stays flat whatever the number of values.

Long format (one row per value) is what the observatoire loads; the wide format (one row per
structure, one column per indicator and category) is what people open in a spreadsheet.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator
from itertools import groupby

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook

from indicators.catalogue.models import Campaign
from indicators.catalogue.selectors import campaign_layout
from indicators.sheets.models import SheetValue
from solidaire.core.security.spreadsheet import safe_cell, safe_row

CHUNK = 5000
LONG_HEADER = ["structure", "slug", "annee", "statut", "indicateur", "libelle", "ventilation", "valeur"]
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Echo:
    """csv.writer needs a file; this one hands each line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def _number(value) -> str:
    # Plain decimal text without trailing zeros: "12" and "0.75", read by every spreadsheet.
    text = f"{value.normalize():f}"
    return text


def _long_rows(values: QuerySet[SheetValue]) -> Iterator[list]:
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
            "value",
        )
        .iterator(chunk_size=CHUNK)
    )
    for name, slug, year, status, code, label, category, value in rows:
        yield [name, slug, year, status, code, label, category or "", _number(value)]


def _csv_stream(header: list, rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"  # BOM: spreadsheets then read the accents right
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(safe_row(row))


def _csv_response(stream: Iterator[str], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(stream, content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def long_csv_response(*, values: QuerySet[SheetValue], filename: str) -> StreamingHttpResponse:
    return _csv_response(_csv_stream(LONG_HEADER, _long_rows(values)), filename)


def long_xlsx_response(*, values: QuerySet[SheetValue], filename: str) -> FileResponse:
    return _xlsx_response(LONG_HEADER, _long_rows(values), filename)


def _wide_columns(campaign: Campaign) -> list[tuple[str, int, int | None]]:
    """(header, indicator id, category id) in the campaign's order."""
    columns = []
    for indicator in (item.indicator for item in campaign_layout(campaign=campaign).items):
        columns.append((indicator.code, indicator.id, None))
        columns += [(f"{indicator.code}:{c.code}", indicator.id, c.id) for c in indicator.categories]
    return columns


def _wide_rows(campaign: Campaign, columns) -> Iterator[list]:
    """One row per sheet; values arrive sorted by sheet so one row is built at a time."""
    index = {(ind, cat): i for i, (_, ind, cat) in enumerate(columns)}
    rows = (
        SheetValue.objects.filter(sheet__campaign=campaign)
        .order_by("sheet__association__name", "sheet_id")
        .values_list(
            "sheet_id",
            "sheet__association__name",
            "sheet__association__slug",
            "sheet__status",
            "indicator_id",
            "category_id",
            "value",
        )
        .iterator(chunk_size=CHUNK)
    )
    for _, group in groupby(rows, key=lambda r: r[0]):
        cells = [""] * len(columns)
        head = None
        for _sheet, name, slug, status, ind, cat, value in group:
            head = [name, slug, campaign.year, status]
            position = index.get((ind, cat))
            if position is not None:
                cells[position] = _number(value)
        yield head + cells


def wide_header(columns) -> list[str]:
    return ["structure", "slug", "annee", "statut"] + [c[0] for c in columns]


def wide_csv_response(*, campaign: Campaign) -> StreamingHttpResponse:
    columns = _wide_columns(campaign)
    return _csv_response(
        _csv_stream(wide_header(columns), _wide_rows(campaign, columns)), f"indicateurs-{campaign.year}.csv"
    )


def wide_xlsx_response(*, campaign: Campaign) -> FileResponse:
    columns = _wide_columns(campaign)
    return _xlsx_response(
        wide_header(columns), _wide_rows(campaign, columns), f"indicateurs-{campaign.year}.xlsx"
    )


def _xlsx_response(header: list, rows: Iterable[list], filename: str) -> FileResponse:
    """openpyxl's write-only mode keeps one row in memory; the workbook goes to a temporary
    file (an XLSX is a zip and cannot be streamed as it is written), then is sent from disk."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet("indicateurs")
    worksheet.append(header)
    value_column = None if "valeur" not in header else header.index("valeur")
    for row in rows:
        worksheet.append([safe_cell(_cell(v, i, value_column)) for i, v in enumerate(row)])
    # Not a context manager on purpose: FileResponse closes (and so deletes) it once sent.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def _cell(value, position: int, value_column: int | None):
    # Numbers as numbers, so the spreadsheet can sum them.
    if isinstance(value, str) and value and (value_column is None or position == value_column):
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            return value
    return value
