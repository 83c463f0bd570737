"""The charter as read on screen: version 1, table of contents, older versions, diffs."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from charter.demo import load_charter_v1
from charter.models import CharterVersion, Signature
from solidaire.core.documents.models import GeneratedDocument
from tests.charter.factories import CharterSectionFactory, make_version

pytestmark = pytest.mark.django_db


def test_current_page_shows_v1_with_toc_and_anchors(client):
    load_charter_v1()
    response = client.get(reverse("charter:current"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Charte «\u00a0Le Mans Solidaire\u00a0»" in content
    assert "Version 1, adoptée le 19 novembre 2010" in content
    # Table of contents linking to anchors that exist.
    for anchor in ["avant-propos", "partie-1", "partie-2", "partie-3", "article-1", "article-4"]:
        assert f'href="#{anchor}"' in content
        assert f'id="{anchor}"' in content
    # The founding text, from the foreword to the last point.
    assert "Yves Calippe" in content
    assert "Cette Charte est tout sauf un document figé dans le marbre." in content
    assert "<li>La laïcité et la démocratie</li>" in content
    assert "Faire avec et non à la place de la personne" in content
    assert (
        "À permettre l'accès de l'utilisateur à son dossier à tout moment." in content
        or "À permettre l&#x27;accès" in content
    )
    assert "L'élaboration d'un annuaire des ressources locales associatives" in content
    assert 'href="/charte/charte.pdf"' in content
    assert "css/charter.css" in content


def test_charter_text_is_sanitised(client):
    version = make_version(
        number=1, foreword="**Bienvenue** <script>alert('x')</script><img src=x onerror=alert(1)>"
    )
    CharterSectionFactory(
        version=version,
        number=2,
        title="Partie <b>deux</b>",
        body="[lien](javascript:alert(1)) et *italique*",
    )
    content = client.get(reverse("charter:current")).content.decode()
    assert "<strong>Bienvenue</strong>" in content
    assert "<em>italique</em>" in content
    assert "<script>alert" not in content
    assert "onerror" not in content
    assert "javascript:" not in content
    assert "Partie &lt;b&gt;deux&lt;/b&gt;" in content  # titles are escaped


def test_older_versions_stay_readable_and_are_listed(client):
    make_version(number=1, current=False, changes_summary="Texte fondateur.")
    v2 = make_version(number=2, current=True, changes_summary="Ajout d'un article.")
    CharterVersion.objects.create(number=3, adopted_on=None)  # a draft is never public
    content = client.get(reverse("charter:versions")).content.decode()
    assert "Version 1" in content and "Version 2" in content and "Version 3" not in content
    assert "Texte fondateur." in content and "en vigueur" in content
    old = client.get(reverse("charter:version_detail", args=[1]))
    assert old.status_code == 200
    assert "n'est plus en vigueur" in old.content.decode()
    assert "Engagement 1 de la v1." in old.content.decode()
    assert client.get(reverse("charter:version_detail", args=[3])).status_code == 404
    current = client.get(reverse("charter:version_detail", args=[v2.number]))
    assert current.status_code == 302 and current["Location"] == reverse("charter:current")


def test_diff_between_two_versions_is_readable_and_accessible(client):
    v1 = make_version(number=1, current=False)
    v2 = make_version(number=2, current=True)
    section = v2.sections.get()
    section.body = "Un texte d'introduction revu <script>x</script>."
    section.save()
    CharterSectionFactory(version=v2, number=2, title="Le numérique", body="Nouvelle partie.")
    article = section.articles.get(number=2)
    article.title = "Engagement 2, plus ambitieux."
    article.save()
    assert v1.sections.count() == 1

    content = client.get(reverse("charter:versions"), {"de": 1, "a": 2}).content.decode()
    assert "Changements de la version 1 à la version 2" in content
    assert re.search(
        r'd&#x27;introduction<ins><span class="visually-hidden">Ajout : </span>'
        r"\s*revu",
        content,
    )
    assert '<del><span class="visually-hidden">Suppression : </span>v1</del>' in content
    assert "Partie ajoutée" in content and "Nouvelle partie." in content
    assert "&lt;script&gt;" in content and "<script>x" not in content


def test_diff_with_bad_versions_gets_a_french_error(client):
    make_version(number=1, current=False)
    make_version(number=2)
    content = client.get(reverse("charter:versions"), {"de": 1, "a": 9}).content.decode()
    assert "Cette version n&#x27;existe pas ou n&#x27;est pas encore adoptée." in content
    content = client.get(reverse("charter:versions"), {"de": 2, "a": 2}).content.decode()
    assert "Choisissez deux versions différentes." in content


def test_load_demo_is_idempotent_for_the_charter(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        call_command("load_demo", stdout=io.StringIO())
    state = (
        list(CharterVersion.objects.values_list("number", "updated_at")),
        Signature.objects.count(),
        list(GeneratedDocument.objects.values_list("kind", "revision")),
    )
    assert Signature.objects.filter(status="signed").count() >= 5
    with django_capture_on_commit_callbacks(execute=False):
        call_command("load_demo", stdout=io.StringIO())
    assert state == (
        list(CharterVersion.objects.values_list("number", "updated_at")),
        Signature.objects.count(),
        list(GeneratedDocument.objects.values_list("kind", "revision")),
    )
    version = CharterVersion.objects.get(is_current=True)
    assert version.sections.count() == 3
    assert sum(s.articles.count() for s in version.sections.all()) == 4


def test_diff_keeps_only_context_around_changes(client):
    paragraphs = [f"Paragraphe {n} inchangé." for n in range(1, 6)]
    v1 = make_version(number=1, current=False)
    v2 = make_version(number=2)
    for version, last in ((v1, "Fin ancienne."), (v2, "Fin nouvelle.")):
        section = version.sections.get()
        section.articles.all().delete()
        section.body = "\n\n".join([*paragraphs, last])
        section.save()
    content = client.get(reverse("charter:versions"), {"de": 1, "a": 2}).content.decode()
    assert "Paragraphe 5 inchangé." in content  # the context just before the change
    assert "Paragraphe 1 inchangé." not in content
    assert "[…]" in content
    assert "texte inchangé" in content
