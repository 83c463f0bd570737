"""A person opens the portal, logs in, reaches their space."""

import pytest

from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_home_page_then_login(live_server, browser_page):
    factories.SignatureFactory.create_batch(2)
    user = factories.UserFactory(email="camille@example.org", full_name="Camille Martin")
    page = browser_page

    page.goto(live_server.url + "/")
    assert page.locator("h1").first.inner_text() == "Le Mans solidaire"
    assert page.get_by_test_id("signatory-count").inner_text() == "2"

    page.get_by_role("link", name="Se connecter").click()
    page.get_by_label("Courriel").fill(user.email)
    page.get_by_label("Mot de passe").fill(factories.PASSWORD)
    page.get_by_role("button", name="Connexion").click()

    page.wait_for_url(live_server.url + "/mon-espace/")
    assert page.get_by_role("heading", name="Mon espace").is_visible()
    assert "camille@example.org" in page.content()


def test_wrong_password_shows_french_error_and_keeps_email(live_server, browser_page):
    factories.UserFactory(email="dominique@example.org")
    page = browser_page
    page.goto(live_server.url + "/comptes/login/")
    page.get_by_label("Courriel").fill("dominique@example.org")
    page.get_by_label("Mot de passe").fill("pas-le-bon")
    page.get_by_role("button", name="Connexion").click()
    assert page.get_by_role("alert").first.is_visible()
    assert "incorrects" in page.get_by_role("alert").first.inner_text()
    assert page.get_by_label("Courriel").input_value() == "dominique@example.org"
