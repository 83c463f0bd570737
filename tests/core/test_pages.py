import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_home_shows_live_signatory_count_and_next_events(client):
    factories.SignatureFactory.create_batch(3)
    factories.SignatureFactory(status="withdrawn")
    factories.EventFactory(title="Palabres au Mans 2027")
    response = client.get(reverse("portal:home"))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="signatory-count">3<' in content
    assert "Palabres au Mans 2027" in content
    assert 'action="/annuaire/"' in content  # the search box goes to the directory
    assert '<html lang="fr">' in content
    assert content.count("<main") == 1
    assert 'href="#contenu"' in content


def test_home_counter_query_count_does_not_grow(client, django_assert_max_num_queries):
    factories.SignatureFactory.create_batch(30)
    factories.EventFactory.create_batch(5)
    with django_assert_max_num_queries(6):
        assert client.get("/").status_code == 200


def test_home_signatory_count_is_read_once_until_a_signature_changes(client, django_assert_num_queries):
    signatures = factories.SignatureFactory.create_batch(2)
    assert 'data-testid="signatory-count">2<' in client.get("/").content.decode()
    with django_assert_num_queries(1):  # the upcoming events only
        assert 'data-testid="signatory-count">2<' in client.get("/").content.decode()
    signatures[0].status = "withdrawn"
    signatures[0].withdrawn_on = signatures[0].signed_on
    signatures[0].withdrawal_reason = "Fin d'activité"
    signatures[0].save()
    assert 'data-testid="signatory-count">1<' in client.get("/").content.decode()
    signatures[1].delete()
    assert 'data-testid="signatory-count">0<' in client.get("/").content.decode()


def test_info_page_renders_markdown_and_strips_scripts(client):
    from solidaire.core.pages.models import InfoPage

    InfoPage.objects.create(
        slug="mentions-legales",
        title="Mentions légales",
        in_footer=True,
        body="**Éditeur** : CCAS\n\n<script>alert('x')</script>",
    )
    response = client.get("/pages/mentions-legales/")
    content = response.content.decode()
    assert "<strong>Éditeur</strong>" in content
    assert "<script>alert" not in content
    # The footer lists the page on every page.
    assert 'href="/pages/mentions-legales/"' in client.get("/").content.decode()


def test_unknown_url_gets_french_404(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_server_error_gets_french_500_without_trace(client, settings):
    from solidaire.core.views import error_500

    response = error_500(None)
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_healthz(client):
    # Tests run Celery eagerly: no broker to ping.
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "broker": "eager"}


@pytest.mark.parametrize(
    "url",
    [
        "/annuaire/",
        "/charte/",
        "/evenements/",
        "/congres/",
        "/benevolat/",
        "/comptes/login/",
        "/comptes/signup/",
        "/comptes/password/reset/",
    ],
)
def test_public_pages_answer_in_french(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()


def test_pages_send_a_csp_without_inline_scripts(client):
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
