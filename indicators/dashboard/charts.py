"""Server-rendered SVG charts, accessible and CSP-friendly (no script, no style attribute).

The same markup serves the web page and the observatoire's PDF reports (WeasyPrint renders
inline SVG). Each chart carries <title>/<desc> (named by aria-labelledby) and comes with a
data table, the text alternative for people who cannot see the bars.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from solidaire.core.text.french import format_number as french_number

# Colour-blind-safe pair with a 3:1 contrast against white (WCAG non-text contrast).
PALETTE = ["#b5123e", "#3c5a99", "#2f7d4f", "#8a5a00"]
# A narrow drawing with large type: shown at 343 px (a 375 px phone) or wider, its 13-unit labels
# are at least 12 px on screen; printed at half an A4 width they are about 8 pt.
WIDTH, PLOT_HEIGHT = 360, 170
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP = 58, 8, 12
FONT = 13
LEGEND_LINE = 20
ROTATE_BELOW = 36  # a year label needs about 33 units at FONT: narrower groups get slanted labels
_ids = itertools.count(1)


def format_number(value: Decimal | float | int | None, decimals: int | None = None) -> str:
    """The portal's French number at the indicator's precision (`decimals`), so that a bar, its
    data table and the key figure beside the chart print the same « 18,6 »; « — » for no value."""
    if value is None:
        return "—"
    return french_number(Decimal(str(value)), decimals)


def _n(value: float) -> str:
    return f"{value:.1f}"


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    # Maxima whose quarters (the 4 grid steps) are round numbers: 12 → 3, 6, 9; 40 → 10, 20, 30.
    for step in (1.2, 2, 4, 6, 8, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


@dataclass(frozen=True)
class Chart:
    svg: SafeString
    table: SafeString
    title: str

    def __str__(self) -> SafeString:
        return self.__html__()

    def __html__(self) -> SafeString:
        return format_html(
            '<figure class="chart"><figcaption>{}</figcaption>{}{}</figure>', self.title, self.svg, self.table
        )


def bar_chart(
    *,
    title: str,
    description: str,
    labels: list[str],
    series: list[tuple[str, list]],
    chart_id: str | None = None,
    decimals: int | None = None,
) -> Chart:
    """Grouped bars: one group per label (a year), one bar per series. None = no bar. Values print
    at `decimals` (the indicator's precision) in the bars' titles and the data table."""
    chart_id = chart_id or f"chart-{next(_ids)}"
    values = [float(v) for _, vs in series for v in vs if v is not None]
    top = _nice_max(max(values, default=0))
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = PLOT_HEIGHT
    group_w = plot_w / max(len(labels), 1)
    slanted = group_w < ROTATE_BELOW
    axis_h = 52 if slanted else 24
    height = MARGIN_TOP + plot_h + axis_h + LEGEND_LINE * len(series)
    bar_w = group_w * 0.8 / max(len(series), 1)
    parts = []
    for step in range(5):  # horizontal grid and its scale
        value = top * step / 4
        y = MARGIN_TOP + plot_h - plot_h * step / 4
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d0d0d8" stroke-width="1"/>'
                '<text x="{}" y="{}" text-anchor="end" font-size="{}" fill="#3d3d45">{}</text>',
                MARGIN_LEFT,
                WIDTH - MARGIN_RIGHT,
                _n(y),
                _n(y),
                MARGIN_LEFT - 5,
                _n(y + 4),
                FONT,
                format_number(value),
            )
        )
    for g, label in enumerate(labels):
        x0 = MARGIN_LEFT + g * group_w + group_w * 0.1
        for s, (name, vs) in enumerate(series):
            value = vs[g]
            if value is None:
                continue
            h = plot_h * float(value) / top
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{} {} : {}</title></rect>',
                    _n(x0 + s * bar_w),
                    _n(MARGIN_TOP + plot_h - h),
                    _n(bar_w * 0.92),
                    _n(h),
                    PALETTE[s % len(PALETTE)],
                    name,
                    label,
                    format_number(value, decimals),
                )
            )
        x = MARGIN_LEFT + g * group_w + group_w / 2
        y = MARGIN_TOP + plot_h + 17
        if slanted:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="end" font-size="{}" fill="#1d1d24" '
                    'transform="rotate(-45 {} {})">{}</text>',
                    _n(x + 4),
                    y,
                    FONT,
                    _n(x + 4),
                    y,
                    label,
                )
            )
        else:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" font-size="{}" fill="#1d1d24">{}</text>',
                    _n(x),
                    y,
                    FONT,
                    label,
                )
            )
    for s, (name, _) in enumerate(series):  # legend: one line per series, long names fit
        y = MARGIN_TOP + plot_h + axis_h + LEGEND_LINE * s
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
                '<text x="{}" y="{}" font-size="{}" fill="#1d1d24">{}</text>',
                MARGIN_LEFT,
                y,
                PALETTE[s % len(PALETTE)],
                MARGIN_LEFT + 18,
                y + 11,
                FONT,
                name,
            )
        )
    svg = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="{}-title {}-desc" class="chart-svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        mark_safe("".join(parts)),  # noqa: S308 - every part was built with format_html
    )
    return Chart(svg=svg, table=_table(title, labels, series, decimals), title=title)


def _table(title: str, labels: list[str], series, decimals: int | None = None) -> SafeString:
    head = format_html_join("", '<th scope="col">{}</th>', ((name,) for name, _ in series))
    body = format_html_join(
        "",
        '<tr><th scope="row">{}</th>{}</tr>',
        (
            (
                label,
                format_html_join("", "<td>{}</td>", ((format_number(vs[i], decimals),) for _, vs in series)),
            )
            for i, label in enumerate(labels)
        ),
    )
    return format_html(
        '<details class="chart-data"><summary>Données du graphique</summary>'
        '<table class="table"><caption>{}</caption><thead><tr><th scope="col">Année</th>{}</tr>'
        "</thead><tbody>{}</tbody></table></details>",
        escape(title),
        head,
        body,
    )


# --- Maps ---------------------------------------------------------------------------------------

# Grey shades, light to dark: the map reads the same printed in black and white.
SHADES = ["#f2f2f2", "#c4c4c4", "#8c8c8c", "#4d4d4d"]
MAP_WIDTH, MAP_HEIGHT, MAP_LEGEND = 640, 420, 44


@dataclass(frozen=True)
class MapArea:
    label: str
    geometry: dict  # GeoJSON Polygon or MultiPolygon, longitude/latitude
    shade: float | None  # what decides the fill (None: no data, hatched white)
    note: str  # printed under the label (e.g. the network's activity)


def _rings(geometry: dict) -> list[list]:
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon[:1]]
    return list(geometry.get("coordinates") or [])[:1]


def choropleth_map(*, title: str, description: str, areas: list[MapArea], legend: str) -> SafeString:
    """Territories drawn from their contours, shaded in four grey classes of `shade` (quartiles),
    each labelled; no tile service, so it prints offline. Empty string when no area has a contour."""
    areas = [a for a in areas if a.geometry]
    points = [(float(x), float(y)) for a in areas for ring in _rings(a.geometry) for x, y, *_ in ring]
    if not points:
        return mark_safe("")  # noqa: S308 - constant
    min_x, max_x = min(p[0] for p in points), max(p[0] for p in points)
    min_y, max_y = min(p[1] for p in points), max(p[1] for p in points)
    squeeze = math.cos(math.radians((min_y + max_y) / 2))  # equirectangular: metres per degree
    span_x, span_y = max((max_x - min_x) * squeeze, 1e-9), max(max_y - min_y, 1e-9)
    scale = min((MAP_WIDTH - 20) / span_x, (MAP_HEIGHT - MAP_LEGEND - 20) / span_y)

    def project(x: float, y: float) -> tuple[float, float]:
        return 10 + (x - min_x) * squeeze * scale, 10 + (max_y - y) * scale

    shades = sorted(a.shade for a in areas if a.shade is not None)

    def shade_index(value: float) -> int:
        rank = sum(1 for s in shades if s < value)
        return min(len(SHADES) - 1, rank * len(SHADES) // max(len(shades), 1))

    chart_id = f"map-{next(_ids)}"
    parts = [
        format_html(
            '<pattern id="{}-none" width="6" height="6" patternUnits="userSpaceOnUse">'
            '<rect width="6" height="6" fill="#ffffff"/><path d="M0 6 L6 0" stroke="#8c8c8c" '
            'stroke-width="1"/></pattern>',
            chart_id,
        )
    ]
    for area in areas:
        index = shade_index(area.shade) if area.shade is not None else None
        fill = SHADES[index] if index is not None else f"url(#{chart_id}-none)"
        label_fill = "#ffffff" if index is not None and index >= 2 else "#1d1d24"
        xs, ys = [], []
        for ring in _rings(area.geometry):
            projected = [project(float(x), float(y)) for x, y, *_ in ring]
            xs += [p[0] for p in projected]
            ys += [p[1] for p in projected]
            path = "M" + " L".join(f"{_n(px)} {_n(py)}" for px, py in projected) + " Z"
            parts.append(
                format_html(
                    '<path d="{}" fill="{}" stroke="#1d1d24" stroke-width="1"><title>{} : {}</title></path>',
                    path,
                    fill,
                    area.label,
                    area.note,
                )
            )
        cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="{}">{}</text>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="11" font-weight="bold" '
                'fill="{}">{}</text>',
                _n(cx),
                _n(cy - 3),
                label_fill,
                area.label,
                _n(cx),
                _n(cy + 12),
                label_fill,
                area.note,
            )
        )
    legend_y = MAP_HEIGHT - MAP_LEGEND + 14
    parts.append(
        format_html('<text x="10" y="{}" font-size="12" fill="#1d1d24">{}</text>', legend_y - 4, legend)
    )
    for index, colour in enumerate(SHADES):
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="22" height="12" fill="{}" stroke="#1d1d24" stroke-width=".5"/>'
                '<text x="{}" y="{}" font-size="12" fill="#1d1d24">{}</text>',
                10 + index * 110,
                legend_y + 4,
                colour,
                38 + index * 110,
                legend_y + 14,
                ["le plus faible", "plus faible", "plus élevé", "le plus élevé"][index],
            )
        )
    parts.append(
        format_html(
            '<rect x="450" y="{}" width="22" height="12" fill="url(#{}-none)" stroke="#1d1d24" '
            'stroke-width=".5"/><text x="478" y="{}" font-size="12" fill="#1d1d24">sans donnée</text>',
            legend_y + 4,
            chart_id,
            legend_y + 14,
        )
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="{}-title {}-desc" class="chart-svg map-svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        MAP_WIDTH,
        MAP_HEIGHT,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        mark_safe("".join(parts)),  # noqa: S308 - every part was built with format_html
    )
