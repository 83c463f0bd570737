"""Property-based fuzz of every public and member form and every import (issue 19.6).

Each form is read from its page as a browser sees it (the names of its inputs, selects,
textareas and file fields, the options offered), then hypothesis posts generated data to it:
values from the page, empty and blank strings, numbers and dates in the wrong shapes, markup,
NUL bytes, very long text, random bytes as files. Whatever is sent:
- the portal never answers 5xx (the test client re-raises a view's exception);
- a submission that is not accepted (anything but a redirect) leaves every table of the project
  as it was: nothing half-saved, no e-mail queued.

Bounded for `make test`: 25 examples per form, no deadline (the first request of a form warms
its templates), and the database is built once per form.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import unescape

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories

pytestmark = pytest.mark.django_db

EXAMPLES = 25
PROJECT_APPS = {
    "accounts",
    "associations",
    "charter",
    "congress",
    "core",
    "events",
    "indicators",
    "post_office",
}

TRICKY = [
    "",
    " ",
    "0",
    "-1",
    "1e9",
    "99999999999999999999",
    "3,5",
    "1 000,5",
    "2027-02-30",
    "2027-03-12T14:00",
    "12/03/2027 14:00",
    "31/12/1899",
    "<script>alert(1)</script>",
    "'; DROP TABLE x; --",
    "a\x00b",
    "é" * 3000,
    "x" * 70_000,
    "\u202e\u200b",
    "on",
    "true",
    "[]",
    "{}",
]

TEXT = st.one_of(
    st.sampled_from(TRICKY),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=200),
)


@dataclass
class Form:
    fields: dict[str, str] = field(default_factory=dict)  # name → kind (text, select, file, checkbox, hidden)
    options: dict[str, list[str]] = field(default_factory=dict)
    fixed: dict[str, str] = field(default_factory=dict)


_FORM = re.compile(r"<form\b[^>]*>(.*?)</form>", re.S | re.I)
_TAG = re.compile(r"<(input|select|textarea)\b([^>]*)>", re.I)
_ATTR = re.compile(r'([a-zA-Z_:-]+)(?:="([^"]*)")?')
_OPTION = re.compile(r'<option\b[^>]*value="([^"]*)"', re.I)


def _attrs(text: str) -> dict[str, str]:
    return {k.lower(): unescape(v or "") for k, v in _ATTR.findall(text)}


def read_form(html: str, marker: str) -> Form:
    """The largest post form of the page that contains `marker` (not the header's log-out)."""
    blocks = [b for b in _FORM.findall(html) if marker in b]
    assert blocks, f"no form with {marker!r} on the page"
    block, form = max(blocks, key=lambda b: len(_TAG.findall(b))), Form()
    for tag, raw in _TAG.findall(block):
        attrs = _attrs(raw)
        name = attrs.get("name")
        if not name or name == "csrfmiddlewaretoken":
            continue
        kind = tag.lower() if tag.lower() != "input" else attrs.get("type", "text").lower()
        if kind == "hidden":
            form.fixed[name] = attrs.get("value", "")
            continue
        if kind in ("submit", "button"):
            continue
        form.fields[name] = kind
        if kind in ("radio", "checkbox"):
            form.options.setdefault(name, []).append(attrs.get("value", "on"))
    for match in re.finditer(r"<select\b([^>]*)>(.*?)</select>", block, re.S | re.I):
        name = _attrs(match.group(1)).get("name")
        if name:
            form.options[name] = [unescape(v) for v in _OPTION.findall(match.group(2))]
    return form


FILES = st.builds(
    lambda content, name: SimpleUploadedFile(name, content),
    st.one_of(
        st.binary(max_size=2000),
        st.sampled_from(
            [
                b"territoire;indicateur;annee;valeur;source;licence\nsablons;population;2021;12;INSEE;LO\n",
                b'{"type": "FeatureCollection", "features": [{"type": "Feature"}]}',
                b"[" * 5000,
                b'territoire;indicateur\n"sablons',
                b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
                b"GIF89a<script>",
            ]
        ),
    ),
    st.sampled_from(["a.csv", "b.geojson", "c.png", "d.gif", "e.txt", "f", "../../g.png"]),
)


def values_for(form: Form):
    """A strategy of POST data for `form`: each field present or absent, valid-looking or not."""
    parts = {}
    for name, kind in form.fields.items():
        offered = [o for o in form.options.get(name, []) if o]
        if kind == "file":
            strategy = FILES
        elif kind in ("checkbox", "radio") or kind == "select":
            choices = st.sampled_from(offered) if offered else TEXT
            strategy = st.one_of(choices, st.lists(choices, max_size=3), TEXT)
        else:
            strategy = TEXT
        parts[name] = st.one_of(st.none(), strategy)
    return st.fixed_dictionaries(parts).map(
        lambda data: {**form.fixed, **{k: v for k, v in data.items() if v is not None}}
    )


def _counts() -> dict[str, int]:
    models: list[type[Model]] = [
        m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS and not m._meta.proxy
    ]
    return {m._meta.label: m._default_manager.count() for m in models}


# --- the forms -------------------------------------------------------------------------------


def _network():
    """What the forms need: a published structure with an admin, a charter, an open congress."""
    from indicators.territories.services import territories_create_quartiers
    from tests.charter.factories import make_version
    from tests.congress.factories import programme

    association = factories.AssociationFactory(slug="fuzz", name="Structure fuzz", status="published")
    admin = factories.MembershipFactory(association=association, role="admin", status="approved").user
    make_version()
    congress = programme()
    territories_create_quartiers()
    return {
        "association": association,
        "admin": admin,
        "year": congress["edition"].year,
        "user": factories.UserFactory(),
        "staff": factories.StaffUserFactory(),
    }


# name: (url template, who, marker of the form on the page)
FORMS = {
    "council_join": ("/annuaire/conseil-des-usagers/", None, "Envoyer ma demande"),
    "card_report": ("/annuaire/fuzz/signaler/", None, "csrfmiddlewaretoken"),
    "structure_propose": ("/annuaire/proposer/", "user", "csrfmiddlewaretoken"),
    "membership_request": ("/annuaire/fuzz/rejoindre/", "user", "csrfmiddlewaretoken"),
    "congress_register": ("/congres/{year}/inscription/", None, "csrfmiddlewaretoken"),
    "practice_new": ("/annuaire/fuzz/espace/pratiques/nouvelle/", "admin", "csrfmiddlewaretoken"),
    "card_edit": ("/annuaire/fuzz/espace/fiche/", "admin", "csrfmiddlewaretoken"),
    "service_new": ("/annuaire/fuzz/espace/services/nouveau/", "admin", "csrfmiddlewaretoken"),
    "hours_edit": ("/annuaire/fuzz/espace/horaires/", "admin", "csrfmiddlewaretoken"),
    "event_proposal": ("/evenements/proposer/", "admin", "csrfmiddlewaretoken"),
    "charter_sign": ("/charte/signer/", "admin", "csrfmiddlewaretoken"),
    "territories_csv": ("/observatoire/territoires/", "staff", 'value="reference"'),
    "territories_geojson": ("/observatoire/territoires/", "staff", 'value="contours"'),
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_generated_posts_never_fail_and_never_half_save(name, client):
    url_template, who, marker = FORMS[name]
    network = _network()
    if who:
        client.force_login(network[who])
    url = url_template.format(year=network["year"])
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    form = read_form(page.content.decode(), marker)
    assert form.fields, f"{name}: no field read on {url}"
    found = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(values_for(form))
    def post(data):
        cache.clear()  # the rate limits would answer 429 after a few examples and hide the form
        for value in data.values():
            if hasattr(value, "seek"):
                value.seek(0)
        before = _counts()
        response = client.post(url, data)
        assert response.status_code < 500, (name, data, response.status_code)
        if response.status_code not in (301, 302, 303):
            after = _counts()
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            assert not changed, f"{name}: refused ({response.status_code}) but saved {changed} from {data!r}"
        found.append(response.status_code)

    post()
    assert found  # the property ran
    print(f"{name}: {json.dumps({str(s): found.count(s) for s in sorted(set(found))})}")


# The public search and filter forms (GET): whatever the query string, a page, never a 5xx.
SEARCHES = {
    "directory": "/annuaire/",
    "practices": "/annuaire/pratiques/",
    "events": "/evenements/",
    "volunteering": "/benevolat/",
    "signatories": "/charte/signataires/",
}


@pytest.mark.parametrize("name", sorted(SEARCHES))
def test_generated_searches_never_fail(name, client):
    factories.AssociationFactory(slug="fuzz", name="Épicerie fuzz", status="published")
    url = SEARCHES[name]
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    blocks = [b for b in _FORM.findall(page.content.decode()) if 'method="post"' not in b.lower()]
    form = read_form(page.content.decode(), blocks[0][:40]) if blocks else Form()
    assert form.fields or name == "signatories", f"{name}: no search field read"
    strategy = values_for(form).map(lambda d: {k: v for k, v in d.items() if not hasattr(v, "read")})

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(strategy, st.dictionaries(st.sampled_from(["page", "q", "mois", "tri", "x"]), TEXT, max_size=2))
    def search(data, extra):
        response = client.get(url, {**data, **extra})
        assert response.status_code < 500, (name, data, extra)

    search()
