"""French words of a query (solidaire/core/text/search.py): stems that join plurals and word
families, stop words and symbols left out."""

import pytest

from solidaire.core.text.search import STOP_WORDS, query_text_words, word_key, word_keys


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("epicerie", "epiceries"),
        ("solidaire", "solidaires"),
        ("resto", "restos"),  # the stemmer alone leaves « restos » whole
        ("social", "sociaux"),
        ("vetement", "vetements"),
        ("devoir", "devoirs"),
    ],
)
def test_plurals_share_a_key(one, other):
    assert word_key(one) == word_key(other)


def test_keys_of_many_words_are_those_of_each():
    words = ["epiceries", "restos", "sociaux", "caf"]
    assert word_keys(words) == [word_key(word) for word in words]


def test_stop_words_and_symbols_are_not_query_words():
    assert {"de", "la", "aux", "du", "l", "d"} <= STOP_WORDS
    assert "sans" not in STOP_WORDS  # « sans abri » means something
    assert query_text_words("L'aide aux devoirs 📚 du soir") == ["aide", "devoirs", "soir"]
    assert query_text_words("🇫🇷 😀") == []
    assert query_text_words("Кафе") == ["kafe"]  # other scripts are transliterated, not dropped
