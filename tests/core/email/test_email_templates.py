"""Every e-mail the portal sends names the site and links absolutely.

The templates are discovered (the portal's `templates/**/emails/*.txt` and allauth's
`account/email/*_message.txt`), then each is sent through the path the portal really uses
(`email_send` for the portal's, the account adapter for allauth's) and read back from the outbox.
A new template needs no new test: it is found and checked here."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import allauth
import pytest
from django.contrib.sites.models import Site
from post_office.models import Email

from solidaire.accounts.adapters import AccountAdapter
from solidaire.core.email.services import email_send
from tests import factories

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
SITE_NAME = "Réseau solidaire (essai)"

PORTAL_TEMPLATES = sorted(
    str(path.relative_to(ROOT / "templates"))[: -len(".txt")]
    for path in (ROOT / "templates").glob("**/emails/*.txt")
    if not path.name.endswith("_subject.txt")
)
ALLAUTH_DIR = Path(allauth.__file__).parent / "templates"
ALLAUTH_TEMPLATES = sorted(
    str(path.relative_to(ALLAUTH_DIR))[: -len("_message.txt")]
    for path in (ALLAUTH_DIR / "account" / "email").glob("*_message.txt")
    if not path.name.startswith("base_")
)

# A path with no scheme and host, at the start of a line or after a space, « ( » or « : ».
RELATIVE_LINK = re.compile(r"(?:^|[\s(«:])(/[a-z0-9][\w\-./?=&#%]*)", re.MULTILINE)
# What an empty name leaves: « c'est  ! », « sur . », « L'équipe » alone on its line.
EMPTY_NAME = re.compile(r"\s{2}[!?;:]|\s\.(?:\s|$)|(?:L'équipe|—)\s*$", re.MULTILINE)


class Sample:
    """Stands for any object a template reads (`proposal.association.name`…): dates where a
    date is expected, so that the French date filters run, plain text elsewhere."""

    def __init__(self, name: str = "exemple") -> None:
        self._name = name

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        if name.endswith(("_at", "_until")):
            return dt.datetime(2027, 3, 12, 14, 0, tzinfo=PARIS)
        if name.endswith("_on"):
            return dt.date(2027, 3, 12)
        return Sample(name)

    def __iter__(self):
        return iter([Sample("ligne")])

    def __str__(self) -> str:
        return f"Texte {self._name}"


def sample_context(template_source: str) -> dict:
    """A sample for every top-level name the template reads; the links a caller passes are
    absolute (what `absolute_url` returns), so only links written in the template itself can
    be relative."""
    names = set(re.findall(r"{{\s*(\w+)", template_source))
    tags = r"{%\s*(?:if|elif|for \w+ in|periode|blocktrans with \w+=)\s*(\w+)"
    names |= set(re.findall(tags, template_source))
    names -= {"PORTAL_NAME", "site_name", "site_url", "current_site"}
    context = {name: Sample(name) for name in names}
    for name in names:
        if name.endswith("url"):
            context[name] = "https://lemans-solidaire.example.org/lien/"
    return context


@pytest.fixture(autouse=True)
def _named_site():
    Site.objects.filter(pk=1).update(domain="lemans-solidaire.example.org", name=SITE_NAME)
    Site.objects.clear_cache()
    yield
    Site.objects.clear_cache()


def _check(email: Email, source: str) -> None:
    text = f"{email.subject}\n{email.message}"
    assert not RELATIVE_LINK.findall(text), f"relative link in the e-mail:\n{text}"
    assert not EMPTY_NAME.search(text), f"an empty name in the e-mail:\n{text}"
    escaped = [entity for entity in ("&#x27;", "&amp;", "&quot;") if entity in text]
    assert not escaped, f"HTML escaping in a text e-mail:\n{text}"
    if re.search(r"PORTAL_NAME|site_name|current_site", source):
        assert SITE_NAME in text, f"the site is not named:\n{text}"


def test_every_kind_of_template_is_discovered():
    assert len(PORTAL_TEMPLATES) >= 30
    assert "events/emails/participation_applied" in PORTAL_TEMPLATES
    assert "account/email/password_reset_key" in ALLAUTH_TEMPLATES
    assert "account/email/email_confirmation_signup" in ALLAUTH_TEMPLATES


@pytest.mark.parametrize("template", PORTAL_TEMPLATES)
def test_portal_email_names_the_site_and_links_absolutely(template):
    source = (ROOT / "templates" / f"{template}.txt").read_text()
    source += (ROOT / "templates" / f"{template}_subject.txt").read_text()
    email = email_send(template=template, context=sample_context(source), to=["lecteur@example.org"])
    _check(Email.objects.get(pk=email.pk), source)


@pytest.mark.parametrize("template", ALLAUTH_TEMPLATES)
def test_account_email_names_the_site_and_links_absolutely(template):
    source = (ALLAUTH_DIR / f"{template}_message.txt").read_text()
    source += (ALLAUTH_DIR / "account" / "email" / "base_message.txt").read_text()
    before = set(Email.objects.values_list("pk", flat=True))
    context = {**sample_context(source), "user": factories.UserFactory()}
    AccountAdapter().send_mail(template, "lecteur@example.org", context)
    (email,) = Email.objects.exclude(pk__in=before)
    _check(email, source)
    assert "Bonjour" in email.message  # allauth's French, the portal's language
