"""Search shared by the directory features: folding, staff synonyms, ranking, suggestions."""
