"""The fiches-actions parser, a pure function: text in, entries and line-numbered problems out."""

from __future__ import annotations

from pathlib import Path

import pytest

from associations.actions.parser import ActionsFileError, clean_title, decode, parse_actions, split_structure

DATA = Path(__file__).parent / "data"
SAMPLE = (DATA / "actions_sample.txt").read_text(encoding="utf-8")

ENTRY = """Actions "Jardin partagé"
DESCRIPTION DE L'ACTION
- Statut de l'action
- En cours
- Dimension
- Citoyenneté
- Mots clés associés à l'action
-
- Environnement
- Résumé
Un jardin cultivé par les habitants.
- Structure organisatrice
- CENTRE SOCIAL DES SABLONS - Sarthe
RAISON D'ETRE DE L' ACTION
- Qui est à l'initiative de l'action ?
-
- Un groupe d'habitants
- Territoire concerné
- Un quartier
METHODOLOGIE DE L' ACTION
- Public
- Tous publics
- Avec qui cette action a-t-elle été menée ?
-
Partenaires d'action:
- Commune
- Territoire concerné
- Un quartier
- Description générale
Des ateliers chaque samedi.
AUTO-EVALUATION DE L’ACTION
- Suite de l'action : Limites
Peu de place.
- Suite de l'action : Perspectives
Un second jardin.
FICHIERS ASSOCIES
- Fichier(s) associé(s)
"""


def test_sample_gives_its_16_actions_without_problems():
    result = parse_actions(SAMPLE)
    assert len(result.actions) == 16
    assert result.problems == []
    first = result.actions[0]
    assert first.line == 2
    assert first.title == "Séjour Adultes"
    assert first.get("status") == "Terminée"
    assert first.get("end_reasons") == "Accompagnement de projet d'un groupe pour un séjour."
    assert first.get("dimensions") == ["Accompagnement de projets"]
    assert first.get("keywords") == ["vacances / loisirs"]
    assert first.structure_name == "CENTRE SOCIOCULTUREL COIN DE LA RUE"
    assert first.structure_department == "Maine-et-Loire"
    assert first.get("initiatives") == ["Un groupe d'habitants"]
    assert first.get("territory") == "Plusieurs communes"
    assert first.get("publics") == ["Adultes"]
    assert first.get("partners") == ["CARSAT"]
    assert first.get("financial_resources").startswith("Dépenses :\nHébergement : 1376€")
    assert first.get("people_involved") == "11 adultes\n1 animatrice\n1 bénévole"
    assert first.get("perspectives") == (
        "De nouveaux départs entre adultes, 2 séjours sont organisés pour 2022."
    )


def test_sample_quirks_glued_labels_and_stray_quotes():
    actions = {a.title: a for a in parse_actions(SAMPLE).actions}
    # 'Actions "Défi Mode""': the stray quote is dropped.
    assert "Défi Mode" in actions
    # '…approfondir- Suite de l'action : Perspectives' is cut into value + label.
    conversation = actions["Atelier de conversation en français"]
    assert conversation.get("limits").endswith("pour prendre le relais et approfondir")
    assert conversation.get("perspectives").startswith("Poursuite de l'action à la rentrée")
    # '…médical.- Territoire concerné': same.
    covid = actions["Covid et après"]
    assert covid.get("experience").endswith("médicosocial, médical.")
    assert covid.get("territory") == "Une commune"
    # "Précision ( si autre )" and multi-valued initiative.
    hulc = actions["HULC (Habitants Unis = Localité Choyée)"]
    assert hulc.get("initiatives") == ["Un groupe d'habitants", "Autre"]
    assert hulc.get("initiative_other").startswith("Des élus d'une commune")
    # Dashes inside names are kept; only the last " - " separates the department.
    armoire = actions["Armoire solidaire de lutte contre la précarité menstruelle"]
    assert armoire.structure_name == "LEO LAGRANGE OUEST – LES HAUTS DE ST AUBIN ANGERS"
    # A free-text field keeps its own "- " lines (they are not labels).
    assert "- Un chantier de 4 journées" in armoire.get("general_description")


def test_entry_repeated_verbatim_is_one_action():
    text = ENTRY + ENTRY.replace("Un jardin", "Un jardin")
    result = parse_actions(text)
    assert len(result.actions) == 1
    assert result.duplicates == [(ENTRY.count("\n") + 1, 1)]
    assert result.problems == []


def test_same_action_with_different_content_is_reported_first_kept():
    text = ENTRY + ENTRY.replace("Un jardin cultivé", "Un potager cultivé")
    result = parse_actions(text)
    assert len(result.actions) == 1
    assert result.actions[0].get("summary") == "Un jardin cultivé par les habitants."
    second_line = ENTRY.count("\n") + 1
    assert [p.line for p in result.problems] == [second_line]
    assert "apparaît déjà ligne 1" in result.problems[0].message


def test_glued_label_is_split_and_keeps_the_line_number():
    text = ENTRY.replace(
        "Des ateliers chaque samedi.\n",
        "Des ateliers chaque samedi.- Ressources financières mobilisées pour cette action\n300 €\n",
    )
    action = parse_actions(text).actions[0]
    assert action.get("general_description") == "Des ateliers chaque samedi."
    assert action.get("financial_resources") == "300 €"
    glued_line = (
        text.splitlines().index(
            "Des ateliers chaque samedi.- Ressources financières mobilisées pour cette action"
        )
        + 1
    )
    assert action.field_lines["financial_resources"] == glued_line


def test_empty_values_are_empty_not_the_next_label():
    text = ENTRY.replace("- Résumé\nUn jardin cultivé par les habitants.\n", "- Résumé\n")
    text = text.replace("- Public\n- Tous publics\n", "- Public\n")
    action = parse_actions(text).actions[0]
    assert action.get("summary") == ""
    assert action.get("publics") == []
    assert action.get("result_centre") == ""  # absent label
    assert action.get("files") == ""


@pytest.mark.parametrize(
    "header, title",
    [
        ('Actions "Défi Mode""', "Défi Mode"),
        ('Actions ""Jardin""', "Jardin"),
        ('Actions "Le "Café" des parents"', 'Le "Café" des parents'),
        ('Actions "Le "Café""', 'Le "Café"'),
        ("Actions « Repair café »", "Repair café"),
    ],
)
def test_stray_quotes_in_titles(header, title):
    assert clean_title(header) == title
    result = parse_actions(ENTRY.replace('Actions "Jardin partagé"', header))
    assert result.actions[0].title == title


def test_garbage_lines_are_reported_with_their_line_and_skipped():
    text = "n'importe quoi avant\n" + ENTRY.replace(
        "DESCRIPTION DE L'ACTION\n", "DESCRIPTION DE L'ACTION\n#### page 3 ####\n"
    ).replace("- Description générale\n", "- Description générale\nbad\x00\x01line\n")
    result = parse_actions(text)
    assert len(result.actions) == 1
    lines = {p.line: p.message for p in result.problems}
    assert "avant la première fiche" in lines[1]
    assert "hors rubrique" in lines[4] and "#### page 3 ####" in lines[4]
    bad_line = text.splitlines().index("bad\x00\x01line") + 1
    assert "illisible" in lines[bad_line]
    assert result.actions[0].get("general_description") == "Des ateliers chaque samedi."


def test_unknown_label_is_reported_and_its_content_skipped():
    # After a section heading, a "- …" line must be a label: an unknown one is reported and
    # what follows it, up to the next label, skipped.
    text = ENTRY.replace(
        "METHODOLOGIE DE L' ACTION\n", "METHODOLOGIE DE L' ACTION\n- Coût par participant\n12 €\n"
    )
    result = parse_actions(text)
    line = text.splitlines().index("- Coût par participant") + 1
    assert [(p.line, "rubrique inconnue" in p.message) for p in result.problems] == [(line, True)]
    action = result.actions[0]
    assert action.get("publics") == ["Tous publics"]
    assert "12 €" not in str(action.values)


def test_repeated_label_with_another_value_keeps_the_first_and_says_so():
    text = ENTRY.replace(
        "Partenaires d'action:\n- Commune\n- Territoire concerné\n- Un quartier",
        "Partenaires d'action:\n- Commune\n- Territoire concerné\n- Plusieurs communes",
    )
    result = parse_actions(text)
    assert result.actions[0].get("territory") == "Un quartier"
    assert len(result.problems) == 1 and "répété" in result.problems[0].message


def test_entry_without_structure_or_title_is_skipped_with_its_line():
    no_structure = ENTRY.replace("- CENTRE SOCIAL DES SABLONS - Sarthe\n", "")
    no_title = ENTRY.replace('Actions "Jardin partagé"', 'Actions ""').replace("SABLONS", "MAILLETS")
    result = parse_actions(no_structure + no_title)
    assert result.actions == []
    assert [p.line for p in result.problems] == [1, no_structure.count("\n") + 1]


def test_unknown_status_is_reported_and_left_empty():
    result = parse_actions(ENTRY.replace("- En cours", "- Peut-être"))
    assert result.actions[0].get("status") == ""
    assert result.problems[0].line == 4 and "statut inconnu" in result.problems[0].message


def test_empty_file_gives_nothing_and_no_error():
    result = parse_actions("")
    assert result.actions == [] and result.problems == [] and result.duplicates == []
    assert parse_actions("\n\n  \n").actions == []


def test_non_utf8_file_gives_a_clear_error_with_the_line():
    data = 'Actions "Fête"\n- Résumé\nÉté\n'.encode("cp1252")
    with pytest.raises(ActionsFileError) as excinfo:
        decode(data)
    assert "UTF-8" in str(excinfo.value) and "ligne 1" in str(excinfo.value)
    assert decode('Actions "Fête"'.encode("utf-8-sig")) == 'Actions "Fête"'  # BOM is fine


def test_natural_key_ignores_case_accents_and_spacing():
    a = parse_actions(ENTRY).actions[0]
    b = parse_actions(
        ENTRY.replace('"Jardin partagé"', '"JARDIN  PARTAGE"').replace(
            "CENTRE SOCIAL DES SABLONS", "Centre social des Sablons"
        )
    ).actions[0]
    c = parse_actions(ENTRY.replace('"Jardin partagé"', '"Jardin fleuri"')).actions[0]
    assert a.natural_key == b.natural_key != c.natural_key


@pytest.mark.parametrize(
    "value, expected",
    [
        (
            "CENTRE SOCIOCULTUREL COIN DE LA RUE - Maine-et-Loire",
            ("CENTRE SOCIOCULTUREL COIN DE LA RUE", "Maine-et-Loire"),
        ),
        (
            "LEO LAGRANGE OUEST- Ginette Leroux TRELAZE - Maine-et-Loire",
            ("LEO LAGRANGE OUEST- Ginette Leroux TRELAZE", "Maine-et-Loire"),
        ),
        ("AICLA", ("AICLA", "")),
        ("Centre social 2000 - 72100", ("Centre social 2000 - 72100", "")),
    ],
)
def test_split_structure(value, expected):
    assert split_structure(value) == expected


def test_entry_header_glued_to_the_previous_label_starts_a_new_entry():
    second = ENTRY.replace('Actions "Jardin partagé"', 'Actions "Repair café"')
    text = ENTRY.rstrip("\n") + second
    result = parse_actions(text)
    assert [a.title for a in result.actions] == ["Jardin partagé", "Repair café"]
    assert result.actions[1].line == ENTRY.count("\n")
    # In free text, the same words are text, not a new entry.
    prose = ENTRY.replace("Un jardin cultivé par les habitants.", 'Suite de nos Actions "Jardin" de 2020.')
    assert len(parse_actions(prose).actions) == 1


def test_windows_line_endings_and_form_feeds_keep_line_numbers():
    text = ("garbage\n" + ENTRY).replace("\n", "\r\n").replace("Un jardin cultivé", "Un jardin\x0c cultivé")
    result = parse_actions(text)
    assert len(result.actions) == 1 and result.actions[0].line == 2
    summary_line = 2 + ENTRY.splitlines().index("Un jardin cultivé par les habitants.")
    assert [(p.line, "illisible" in p.message) for p in result.problems] == [(1, False), (summary_line, True)]


def test_mangled_exports_never_crash_the_parser():
    import random

    rng = random.Random(20261121)
    lines = SAMPLE.split("\n")
    for _ in range(150):
        mangled = list(lines)
        for _ in range(rng.randint(1, 25)):
            i = rng.randrange(len(mangled))
            operation = rng.choice(["drop", "repeat", "glue", "quote", "blank"])
            if operation == "drop":
                del mangled[i]
            elif operation == "repeat":
                mangled.insert(i, mangled[i])
            elif operation == "glue" and i + 1 < len(mangled):
                mangled[i : i + 2] = [mangled[i] + mangled[i + 1]]
            elif operation == "quote":
                mangled[i] += '"'
            else:
                mangled[i] = ""
        result = parse_actions("\n".join(mangled))
        assert len(result.actions) <= 16 + 25
        assert all(action.title and action.structure_name for action in result.actions)
        assert all(1 <= problem.line <= len(mangled) for problem in result.problems)
