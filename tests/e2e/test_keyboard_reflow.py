"""Keyboard and small screens: the skip link comes first and leads into <main>, every focused
control shows a ring that stands out from what is behind it, and at 320 px wide (a 1280 px
screen zoomed to 400 %) no page scrolls sideways (WCAG 1.4.10, 1.4.11, 2.4.1, 2.4.7)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from solidaire.core.demo import DEMO_MEMBER_EMAIL

from .axe import format_violations, run_axe
from .test_accessibility import STRUCTURE, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The ring of the focused element, checked against the background it is drawn on (its parent's:
# the ring sits outside the element, outline-offset 2px).
FOCUS_RING = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
        const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let behind = 'rgb(255, 255, 255)';
    for (let node = el.parentElement; node; node = node.parentElement) {
        const bg = getComputedStyle(node).backgroundColor;
        const parts = rgb(bg);
        if (parts.length === 3 || (parts.length === 4 && parts[3] > 0)) { behind = bg; break; }
    }
    const style = getComputedStyle(el);
    const [a, b] = [lum(rgb(style.outlineColor)), lum(rgb(behind))];
    const box = el.getBoundingClientRect();
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim();
    return {
        name: `${el.tagName.toLowerCase()} « ${text.slice(0, 40)} »`,
        style: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
        contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
        visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0,
    };
}"""


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def test_skip_link_comes_first_and_leads_into_main(live_server, browser_page, demo):
    page = browser_page
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()  # hidden off-screen until focused, then on screen
    assert box is not None and box["x"] >= 0 and box["y"] >= 0

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "contenu"
    assert page.evaluate("() => document.activeElement.tagName") == "MAIN"
    page.keyboard.press("Tab")  # the next stop is in the content, past the menus
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
    assert page.evaluate("() => document.activeElement.closest('header')") is None


@pytest.mark.parametrize(
    ("path", "signed_in"),
    [("/", False), ("/", True), (f"/annuaire/{STRUCTURE}/", False)],
    ids=["home-public", "home-signed-in", "structure-card-with-map"],
)
def test_every_focus_stop_shows_a_contrasted_ring(live_server, browser_page, demo, path, signed_in):
    page = browser_page
    if signed_in:
        sign_in(page, live_server, DEMO_MEMBER_EMAIL)
    page.goto(live_server.url + path)
    stops, problems = 0, []
    for _ in range(80):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring is None:
            break  # focus left the page: every stop was seen
        stops += 1
        if not ring["visible"]:
            problems.append(f"{ring['name']}: focused but off screen")
        elif ring["style"] == "none" or ring["width"] < 2:
            problems.append(f"{ring['name']}: no focus ring")
        elif ring["contrast"] < 3:
            problems.append(f"{ring['name']}: ring contrast {ring['contrast']:.2f}:1, under 3:1")
    assert stops > 15  # the header, the content and the footer were all reached
    assert not problems, "\n".join(problems)


def test_no_page_scrolls_sideways_at_320_px(live_server, browser_page, demo):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    found = {}

    def check(path: str) -> None:
        page.goto(live_server.url + path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 320:
            found[path] = f"{path}: {width} px wide"
        violations = run_axe(page)
        if violations:
            found[f"{path} (axe)"] = format_violations(violations, url=f"{path} at 320 px")

    for path in [
        "/",
        "/annuaire/",
        "/annuaire/?q=epicerie&gratuit=on",
        f"/annuaire/{STRUCTURE}/",
        "/charte/",
    ]:
        check(path)
    sign_in(page, live_server, DEMO_MEMBER_EMAIL)
    for path in [
        "/mon-espace/",
        f"/annuaire/{STRUCTURE}/espace/",
        f"/indicateurs/structure/{STRUCTURE}/2026/",
    ]:
        check(path)
    assert not found, "\n".join(found.values())
