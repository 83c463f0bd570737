"""Server-rendered SVG charts, accessible and CSP-friendly (no script, no style attribute).

The same markup serves the web page and the observatoire's PDF reports (WeasyPrint renders
inline SVG). Each chart carries <title>/<desc> (named by aria-labelledby) and comes with a
data table, the text alternative for people who cannot see the bars.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# Colour-blind-safe pair with a 3:1 contrast against white (WCAG non-text contrast).
PALETTE = ["#b5123e", "#3c5a99", "#2f7d4f", "#8a5a00"]
WIDTH, HEIGHT = 640, 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64, 16, 16, 56
_ids = itertools.count(1)


def format_number(value: Decimal | float | int | None) -> str:
    if value is None:
        return "—"
    value = Decimal(str(value))
    whole = value == value.to_integral_value()
    text = f"{int(value):,}" if whole else f"{value.quantize(Decimal('0.01')):,}"
    return text.replace(",", "\u202f").replace(".", ",")


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
) -> Chart:
    """Grouped bars: one group per label (a year), one bar per series. None = no bar."""
    chart_id = chart_id or f"chart-{next(_ids)}"
    values = [float(v) for _, vs in series for v in vs if v is not None]
    top = _nice_max(max(values, default=0))
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    group_w = plot_w / max(len(labels), 1)
    bar_w = group_w * 0.8 / max(len(series), 1)
    parts = []
    for step in range(5):  # horizontal grid and its scale
        value = top * step / 4
        y = MARGIN_TOP + plot_h - plot_h * step / 4
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d0d0d8" stroke-width="1"/>'
                '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="#3d3d45">{}</text>',
                MARGIN_LEFT,
                WIDTH - MARGIN_RIGHT,
                _n(y),
                _n(y),
                MARGIN_LEFT - 6,
                _n(y + 4),
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
                    format_number(value),
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="#1d1d24">{}</text>',
                _n(MARGIN_LEFT + g * group_w + group_w / 2),
                HEIGHT - MARGIN_BOTTOM + 16,
                label,
            )
        )
    for s, (name, _) in enumerate(series):  # legend
        x = MARGIN_LEFT + s * 220
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
                '<text x="{}" y="{}" font-size="12" fill="#1d1d24">{}</text>',
                x,
                HEIGHT - 22,
                PALETTE[s % len(PALETTE)],
                x + 18,
                HEIGHT - 12,
                name,
            )
        )
    svg = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="{}-title {}-desc" class="chart-svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        HEIGHT,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        mark_safe("".join(parts)),  # noqa: S308 - every part was built with format_html
    )
    return Chart(svg=svg, table=_table(title, labels, series), title=title)


def _table(title: str, labels: list[str], series) -> SafeString:
    head = format_html_join("", '<th scope="col">{}</th>', ((name,) for name, _ in series))
    body = format_html_join(
        "",
        '<tr><th scope="row">{}</th>{}</tr>',
        (
            (label, format_html_join("", "<td>{}</td>", ((format_number(vs[i]),) for _, vs in series)))
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
