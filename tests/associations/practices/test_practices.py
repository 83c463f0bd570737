"""Inspiring practices (issue #13): members write, staff publish, the list and the card show
them beside the fiches actions, the booklet renders through the documents machinery."""

import shutil

import pytest
from django.core import mail

from associations.practices.documents import BOOKLET, PracticesBookletRenderer
from associations.practices.models import Practice
from tests import factories
from tests.associations.factories import ActionFactory, PracticeFactory
from tests.conftest import require_service

pytestmark = pytest.mark.django_db

CARD = {
    "title": "Essaimage de collectifs engagés solidaires",
    "question": "Comment lutter contre l'isolement en zone rurale ?",
    "response": "Des collectifs d'habitants identifient et accompagnent les personnes isolées.",
    "steps": "- Identification\n- Accompagnement vers des lieux ressources\n- Parcours en 8 séances",
    "results": "Développement du réseau.",
    "figures": "Plus de 20 personnes accompagnées\n200 visites porte-à-porte",
    "quote": "C'est un réel tremplin pour aller vers le bien-être.",
    "quote_author": "",
    "partners": "Communes",
    "territory": "Saint-Mars-du-Désert (44)",
    "contact": "contact@manou-partages.org",
    "publics": ["seniors"],
    "quartier": "",
}


def test_a_member_writes_and_submits_staff_publish(client, member_of, staff_user):
    association = factories.AssociationFactory(name="Manou Partages")
    client.force_login(member_of(association))
    response = client.post(
        f"/annuaire/{association.slug}/espace/pratiques/nouvelle/", {**CARD, "submit": "1"}
    )
    practice = Practice.objects.get()
    assert response.status_code == 302 and practice.status == "submitted"
    assert practice.slug == "essaimage-de-collectifs-engages-solidaires"
    assert client.get("/annuaire/pratiques/").content.decode().count(CARD["title"]) == 0  # not yet public
    client.logout()
    assert client.get(practice.get_absolute_url()).status_code == 404
    client.force_login(staff_user)
    client.post(f"/annuaire/pratiques/{practice.slug}/decision/", {"decision": "publish"})
    client.logout()
    content = client.get(practice.get_absolute_url()).content.decode()
    assert "Problématique" in content and "Parcours en 8 séances" in content
    assert "200 visites porte-à-porte" in content
    assert CARD["title"] in client.get(association.get_absolute_url()).content.decode()


def test_html_in_a_practice_is_refused_and_what_was_typed_is_kept(client, member_of):
    association = factories.AssociationFactory()
    client.force_login(member_of(association))
    data = {**CARD, "response": "Voir <script>alert(1)</script>"}
    response = client.post(f"/annuaire/{association.slug}/espace/pratiques/nouvelle/", data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "ne peut pas contenir de balises HTML" in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content and "<script>alert" not in content
    assert not Practice.objects.exists()


def test_the_list_filters_and_shows_actions_as_the_same_family(client, thematique):
    food = PracticeFactory(title="Un panier solidaire", publics=["familles"])
    food.thematiques.set([thematique])
    PracticeFactory(title="Un jardin partagé", publics=["seniors"])
    ActionFactory(title="Repair café du quartier")
    content = client.get("/annuaire/pratiques/").content.decode()
    assert "Un panier solidaire" in content and "Un jardin partagé" in content
    assert "Repair café du quartier" in content and "Fiche action" in content
    content = client.get("/annuaire/pratiques/", {"thematique": "aide-alimentaire"}).content.decode()
    assert "Un panier solidaire" in content and "Un jardin partagé" not in content
    assert "Repair café" not in content  # actions carry no thematique of ours
    content = client.get("/annuaire/pratiques/", {"public": "seniors"}).content.decode()
    assert "Un jardin partagé" in content and "Un panier solidaire" not in content
    assert client.get("/annuaire/pratiques/", {"quartier": "atlantide"}).status_code == 200


def test_list_query_count_is_fixed(client, django_assert_num_queries):
    PracticeFactory.create_batch(2)
    ActionFactory.create_batch(2)
    client.get("/annuaire/pratiques/")  # the thematique options are now cached
    # Practices, their thematiques, the actions' count and page.
    with django_assert_num_queries(4):
        client.get("/annuaire/pratiques/")
    PracticeFactory.create_batch(15)
    ActionFactory.create_batch(30)
    client.get("/annuaire/pratiques/")
    with django_assert_num_queries(4):
        client.get("/annuaire/pratiques/")


def test_only_staff_publish(client, member_of):
    practice = PracticeFactory(status="submitted", published_at=None)
    client.force_login(member_of(practice.association, role="admin"))
    assert (
        client.post(f"/annuaire/pratiques/{practice.slug}/decision/", {"decision": "publish"}).status_code
        == 403
    )
    practice.refresh_from_db()
    assert practice.status == "submitted"


def test_booklet_renders_one_practice_per_page():
    require_service(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) missing")
    import subprocess
    import tempfile

    PracticeFactory(title="Essaimage de collectifs engagés solidaires", figures="200 visites porte-à-porte")
    PracticeFactory(title="Un jardin partagé")
    steps = []
    rendered = PracticesBookletRenderer().render({}, lambda percent, step: steps.append(step))
    assert rendered.content.startswith(b"%PDF")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(rendered.content)
        pdf.flush()
        text = subprocess.run(["pdftotext", pdf.name, "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    assert any("Essaimage de collectifs" in page and "200 visites" in page for page in pages)
    assert not any("Essaimage de collectifs" in page and "Un jardin partagé" in page for page in pages)
    assert steps and BOOKLET == "associations.practices_booklet"


def test_staff_ask_for_the_booklet_from_its_page(client, staff_user, django_capture_on_commit_callbacks):
    PracticeFactory()
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/annuaire/pratiques/livret/")
    assert response.status_code == 302
    content = client.get("/annuaire/pratiques/livret/").content.decode()
    assert "Avancement" in content
    assert not mail.outbox


def test_the_demo_shows_manou_partages_practice_and_the_common_names(client):
    from io import StringIO

    from associations import demo

    demo.load(stdout=StringIO())
    content = client.get("/annuaire/manou-partages/").content.decode()
    assert "Essaimage de collectifs engagés solidaires" in content
    content = client.get("/annuaire/pratiques/essaimage-de-collectifs-engages-solidaires/").content.decode()
    assert (
        "200 visites porte-à-porte" in content and "Animation d&#x27;un parcours de transmission" in content
    )
    assert "Les Restaurants du Cœur" in client.get("/annuaire/", {"q": "restos"}).content.decode()
