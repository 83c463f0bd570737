"""The directory list's result cards, written in Python rather than in a template.

Why: the list page is the portal's most used, and a search missing the results cache must cost
at most 8 ms at 5,000 structures (bench/bench_directory.py). Django's template engine spent
2.5 ms on a page of 20 cards (a lookup and an escape for each of ~500 nodes); the same markup
written here costs 0.3 ms. Every value goes through `escape`; the markup is the one the template
had, checked by the directory's page tests and by axe in a real browser.
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe


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
