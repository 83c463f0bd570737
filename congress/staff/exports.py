"""CSV (semicolons, BOM: spreadsheets read the accents) and XLSX files of the staff export.

Rows hold typed values: numbers stay numbers, dates and times stay `date`/`datetime` (local,
naive). The XLSX writes them as real cells (a date with a French number format, sortable and
filterable), the CSV as text a French spreadsheet reads back (« 05/02/2027 », « 05/02/2027 09:12 »).
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from solidaire.core.security.spreadsheet import safe_row
from solidaire.core.text.french import format_date_numeric

DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{format_date_numeric(value.date())} {value:%H:%M}"
    if isinstance(value, dt.date):
        return format_date_numeric(value)
    return value


def csv_response(header: list[str], rows: list[list], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows([_csv_value(v) for v in safe_row(row)] for row in rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx_cell(sheet, value):
    if isinstance(value, dt.datetime | dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATETIME_FORMAT if isinstance(value, dt.datetime) else DATE_FORMAT
        return cell
    return value


def xlsx_response(header: list[str], rows: list[list], filename: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Inscriptions")
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in safe_row(row)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
