"""The directory list's hot markup written in Python: the result cards and the search form.

Why not templates: the list page is the portal's most used, and a search missing the results
cache must cost at most 8 ms at 5,000 structures (bench/bench_directory.py). Django's template
engine spent 2.5 ms on a page of 20 cards (a lookup and an escape for each of ~500 nodes) and
1.3 ms on the search form; written here they cost 0.3 ms each. Every value goes through
`escape` (or is a bound field, which Django renders escaped); the markup is the one the
templates had, checked by the directory's page tests and by axe in a real browser.
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

from .filters import DirectorySearchForm

SEARCH_PLACEHOLDER = "Ex. : épicerie solidaire, douches, cours de français…"


def render_card(card: dict) -> str:
    """One card (`card` as built by selectors.card_rows), as HTML."""
    parts = [
        f'<li class="card directory-card">\n  <h2><a href="{escape(card["url"])}">{escape(card["name"])}</a>',
        ' <span class="badge badge-charter">Signataire de la charte</span>' if card["signatory"] else "",
        "</h2>\n",
    ]
    opening = card["opening"]
    if opening:
        state = "is-open" if opening.is_open else "is-closed"
        parts.append(
            f'  <p class="open-line"><strong class="open-state {state}">{escape(opening.label)}</strong>'
            f' <span class="meta">{escape(opening.today)}</span></p>\n'
        )
    parts.append(f'  <p class="meta">{escape(card["meta"])}</p>\n')
    if card["summary"]:
        parts.append(f"  <p>{escape(card['summary'])}</p>\n")
    if card["services"]:
        badges = "".join(f'<span class="badge">{escape(label)}</span> ' for label in card["services"])
        parts.append(
            f'  <p class="services-line"><span class="visually-hidden">Services&nbsp;: </span>{badges}</p>\n'
        )
    address, phone = card["address"], card["phone"]
    if address or phone:
        separator = " — " if address and phone else ""
        call = f'<a href="tel:{escape(card["tel"])}">{escape(phone)}</a>' if phone else ""
        parts.append(f'  <p class="meta">{escape(address)}{separator}{call}</p>\n')
    parts.append("</li>\n")
    return "".join(parts)


def render_cards(cards: list[dict]) -> SafeString:
    """The cards of one result page; every value above is escaped."""
    return mark_safe("".join(render_card(card) for card in cards))  # noqa: S308


def render_filters(form: DirectorySearchForm, *, action: str, active_filters: int) -> SafeString:
    """The search form (GET): every criterion stays in the URL. On a phone the filters fold
    behind « Filtrer », which says how many are set (static/js/directory-filters.js); without
    JavaScript they stay open. Criteria that could not be understood are listed and ignored."""
    action = escape(action)
    parts = [
        f'<form class="directory-filters" method="get" action="{action}" role="search" '
        'aria-labelledby="filtres-titre" novalidate data-filters>\n'
        '  <h2 id="filtres-titre" class="visually-hidden">Rechercher et filtrer</h2>\n'
    ]
    if form.errors:
        parts.append(
            '  <div class="form-errors" role="alert">\n'
            "    <p>Certains critères n'ont pas été compris et ont été ignorés&nbsp;:</p>\n"
        )
        for field in form:
            if field.errors:
                messages = escape(" ".join(str(error) for error in field.errors))
                parts.append(
                    f'    <p id="{field.auto_id}-error">{escape(str(field.label))}&nbsp;: {messages}</p>\n'
                )
        parts.append("  </div>\n")
    q = form["q"]
    invalid = f' aria-invalid="true" aria-describedby="{q.auto_id}-error"' if q.errors else ""
    parts.append(
        f'  <div class="filters-search field">\n    <label for="{q.auto_id}">{escape(str(q.label))}</label>\n'
        '    <span class="filters-search-row">\n'
        f'      <input type="search" name="q" id="{q.auto_id}" value="{escape(q.value() or "")}" '
        f'placeholder="{SEARCH_PLACEHOLDER}"{invalid}>\n'
        '      <button type="submit" class="filters-submit-inline">Rechercher</button>\n'
        "    </span>\n  </div>\n"
    )
    count = ""
    if active_filters:
        count = (
            f' <span class="filters-count">({active_filters} actif{"s" if active_filters > 1 else ""})</span>'
        )
    parts.append(
        '  <button type="button" class="filters-toggle button-secondary" aria-expanded="false" '
        f'aria-controls="filtres-detail" data-filters-toggle hidden>Filtrer{count}</button>\n'
        '  <div id="filtres-detail" class="filters-detail">\n    <div class="filters-grid">\n'
    )
    for field in form.selects:  # a bound field renders itself escaped (FlatSelect)
        parts.append(
            f'      <div class="field"><label for="{field.auto_id}">{escape(str(field.label))}&nbsp;:</label>'
            f"{field}</div>\n"
        )
    parts.append('    </div>\n    <fieldset class="filters-checks">\n      <legend>Options</legend>\n')
    for field in form.checks:
        checked = " checked" if field.data else ""
        label = escape(str(field.label))
        parts.append(
            f'      <span class="field-checkbox"><input type="checkbox" name="{field.name}" '
            f'id="{field.auto_id}"{checked}> <label for="{field.auto_id}">{label}</label></span>\n'
        )
    parts.append(
        "    </fieldset>\n"
        '    <button type="submit">Appliquer les filtres</button>\n'
        f'    <a class="button button-secondary" href="{action}">Effacer les filtres</a>\n'
        "  </div>\n</form>\n"
    )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
