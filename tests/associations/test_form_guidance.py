"""Forms that guide (issue 21, item 3): a refused public form opens with an error summary that
links to each field, keeps what was typed, says everything in French and never fails; the
honeypot is never drawn as a visible field."""

import re

import pytest

from associations.council.models import CouncilRequest
from associations.reports.models import CardReport
from tests import factories

pytestmark = pytest.mark.django_db

COUNCIL = "/annuaire/conseil-des-usagers/"


def summary_links(content: str) -> list[tuple[str, str]]:
    summary = re.search(r'<div class="error-summary"[^>]*data-error-summary>(.*?)</div>', content, re.S)
    assert summary, "no error summary"
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary.group(1))


def test_a_refused_council_request_opens_on_a_summary_linking_to_each_field(client):
    response = client.post(
        COUNCIL, {"name": "", "phone": "", "email": "pas-une-adresse", "availability": "Le soir"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'tabindex="-1"' in re.search(r'<div class="error-summary"[^>]*>', content).group(0)
    links = summary_links(content)
    targets = [target for target, _ in links]
    assert targets == ["id_name", "id_email", "id_consent"]
    for target in targets:  # each link leads to a field of the page
        assert f'id="{target}"' in content
    assert "Cochez cette case pour que le CCAS puisse vous recontacter." in dict(links)["id_consent"]
    # The consent error also sits beside its box, not only in the summary.
    consent = re.search(
        r'<div class="field field-invalid field-checkbox">(.*?)</div>\s*</div>', content, re.S
    )
    assert 'id="id_consent"' in consent.group(1) and "Cochez cette case" in consent.group(1)
    assert "Le soir" in content  # what was typed stays
    assert 'src="/static/js/error-summary.js"' in content
    assert not CouncilRequest.objects.exists()


def test_a_refused_report_links_its_radios_to_the_first_one(client):
    structure = factories.AssociationFactory(name="Épicerie", summary="")
    url = f"/annuaire/{structure.slug}/signaler/"
    content = client.post(url, {"topic": "n'importe quoi", "message": ""}).content.decode()
    targets = [target for target, _ in summary_links(content)]
    assert targets == ["id_topic_0", "id_message"]
    assert 'id="id_topic_0"' in content
    assert not CardReport.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"name": "x" * 5000, "phone": "☎" * 50, "email": "@" * 300, "consent": "peut-être"},
        {"name": "\x00", "accompanying_structure": "999999", "availability": "🙂" * 600},
        {"name": ["a", "b"], "email": ["a@b.fr", "c"], "site_web": ""},
    ],
)
def test_a_council_request_with_everything_wrong_is_refused_in_french(client, data):
    response = client.post(COUNCIL, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Le formulaire n'a pas été envoyé" in content
    assert "This field" not in content and "Enter a valid" not in content
    assert not CouncilRequest.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"topic": "🙂", "message": "\x00", "email": "pas@"},
        {"topic": ["hours", "x"], "message": "é" * 5000},
    ],
)
def test_a_report_with_everything_wrong_is_refused_in_french(client, data):
    structure = factories.AssociationFactory(name="Épicerie", summary="")
    response = client.post(f"/annuaire/{structure.slug}/signaler/", data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "error-summary" in content
    assert "This field" not in content and "Select a valid" not in content
    assert not CardReport.objects.exists()


def test_the_honeypot_is_not_a_visible_field_of_the_public_forms(client):
    structure = factories.AssociationFactory(name="Épicerie", summary="")
    for url in (COUNCIL, f"/annuaire/{structure.slug}/signaler/"):
        content = client.get(url).content.decode()
        assert content.count('name="site_web"') == 1
        wrapper = re.search(r'<div class="hp-field" aria-hidden="true">.*?</div>', content, re.S).group(0)
        assert 'name="site_web"' in wrapper and 'tabindex="-1"' in wrapper
