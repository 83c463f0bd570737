"""`manage.py import_actions`: idempotent, creates organising structures, reports by line."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from associations.actions.models import Action, ActionKeyword
from associations.actions.services import actions_import_text
from associations.structures.models import Association
from tests.associations.actions.test_actions_parser import ENTRY
from tests.factories import AssociationFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "actions_sample.txt"


def run(path) -> str:
    out = StringIO()
    call_command("import_actions", str(path), stdout=out)
    return out.getvalue()


def test_import_sample_creates_16_actions_and_their_structures():
    output = run(SAMPLE)
    assert Action.objects.count() == 16
    assert "Fiches lues : 16" in output
    assert "Créées : 16 — mises à jour : 0 — inchangées : 0" in output
    assert "Aucun problème." in output
    sejour = Action.objects.get(title="Séjour Adultes")
    assert sejour.status == "terminee"
    assert sejour.department == "Maine-et-Loire"
    assert list(sejour.publics.values_list("label", flat=True)) == ["Adultes"]
    assert sejour.source_line == 2
    structure = sejour.structure
    assert structure.name == "CENTRE SOCIOCULTUREL COIN DE LA RUE"
    assert structure.kind == "centre_social"
    assert structure.status == "draft"  # not in the public directory until staff check it
    assert structure.quartier == "hors-le-mans"
    # Keywords are shared terms: "Précarité" is used by three actions, stored once.
    assert ActionKeyword.objects.get(slug="precarite").actions.count() == 3


def test_importing_twice_creates_nothing_new():
    run(SAMPLE)
    counts = (Action.objects.count(), Association.objects.count(), ActionKeyword.objects.count())
    stamps = dict(Action.objects.values_list("pk", "updated_at"))
    output = run(SAMPLE)
    assert (Action.objects.count(), Association.objects.count(), ActionKeyword.objects.count()) == counts
    assert dict(Action.objects.values_list("pk", "updated_at")) == stamps
    assert "Créées : 0 — mises à jour : 0 — inchangées : 16" in output


def test_changed_entry_updates_the_same_action(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text(ENTRY, encoding="utf-8")
    run(path)
    action = Action.objects.get()
    path.write_text(
        ENTRY.replace("Un jardin cultivé", "Un grand jardin cultivé").replace(
            "- Environnement", "- Environnement\n- Alimentation"
        ),
        encoding="utf-8",
    )
    output = run(path)
    assert "Créées : 0 — mises à jour : 1 — inchangées : 0" in output
    action.refresh_from_db()
    assert Action.objects.count() == 1
    assert action.summary == "Un grand jardin cultivé par les habitants."
    assert sorted(action.keywords.values_list("slug", flat=True)) == ["alimentation", "environnement"]


def test_repeated_entry_in_the_file_is_one_action(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text(ENTRY + ENTRY, encoding="utf-8")
    output = run(path)
    assert Action.objects.count() == 1
    second = ENTRY.count("\n") + 1
    assert f"importées une seule fois : 1 (ligne {second} = ligne 1)" in output


def test_existing_structure_is_reused_whatever_its_case():
    existing = AssociationFactory(name="Centre social des Sablons", slug="cs-sablons", kind="centre_social")
    report = actions_import_text(text=ENTRY)
    assert report.structures_created == []
    assert Action.objects.get().structure == existing


def test_malformed_file_reports_lines_and_imports_the_rest(tmp_path):
    bad_territory = (
        ENTRY.replace('"Jardin partagé"', '"Trop long"')
        .replace("SABLONS", "MAILLETS")
        .replace("- Un quartier\nMETHODOLOGIE", "- " + "x" * 200 + "\nMETHODOLOGIE")
    )
    no_structure = ENTRY.replace('"Jardin partagé"', '"Sans structure"').replace(
        "- CENTRE SOCIAL DES SABLONS - Sarthe\n", ""
    )
    text = "ligne parasite\n" + bad_territory + no_structure + ENTRY
    path = tmp_path / "export.txt"
    path.write_text(text, encoding="utf-8")
    output = run(path)
    bad_line = 2
    no_structure_line = 2 + bad_territory.count("\n")
    assert "ligne 1 : texte avant la première fiche" in output
    assert f"ligne {bad_line} : fiche « Trop long » non importée" in output
    assert f"ligne {no_structure_line} : fiche « Sans structure » sans structure" in output
    assert "Créées : 1" in output
    # The failed entry left nothing behind: no action, and not its new structure either.
    assert list(Action.objects.values_list("title", flat=True)) == ["Jardin partagé"]
    assert not Association.objects.filter(name__icontains="MAILLETS").exists()


def test_unreadable_files_fail_with_a_clear_message(tmp_path):
    latin1 = tmp_path / "export-latin1.txt"
    latin1.write_bytes(ENTRY.encode("cp1252"))
    with pytest.raises(CommandError, match="UTF-8"):
        run(latin1)
    with pytest.raises(CommandError, match="introuvable"):
        run(tmp_path / "absent.txt")
    assert Action.objects.count() == 0


def test_empty_file_imports_nothing(tmp_path):
    path = tmp_path / "vide.txt"
    path.write_text("", encoding="utf-8")
    output = run(path)
    assert "Fiches lues : 0" in output and Action.objects.count() == 0


def test_dry_run_writes_nothing(tmp_path):
    out = StringIO()
    call_command("import_actions", str(SAMPLE), "--dry-run", stdout=out)
    assert "16 fiches lisibles" in out.getvalue()
    assert Action.objects.count() == 0 and not Association.objects.exists()


def test_demo_loader_is_idempotent():
    from associations import demo
    from associations.actions import demo as actions_demo
    from associations.volunteering import demo as volunteering_demo
    from associations.volunteering.models import VolunteerMission

    demo.load(stdout=StringIO())  # structures, then actions and missions
    counts = (Action.objects.count(), VolunteerMission.objects.count(), Association.objects.count())
    actions_demo.load(stdout=StringIO())
    volunteering_demo.load(stdout=StringIO())
    assert counts == (Action.objects.count(), VolunteerMission.objects.count(), Association.objects.count())
    assert counts[0] == 16 and counts[1] == 5
