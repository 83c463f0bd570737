"""The directory search's quality on what people type: precision and recall of the first page
over the query table of tests/associations/search/test_search_quality.py (the demo structures and
synonyms, in a database of their own so that the 5,000 bench structures do not blur them).
The same table is a test; this prints its figures, and what each imperfect query found."""

from __future__ import annotations

import os
import time

from bench import harness


def main() -> None:
    (harness.ROOT / "var").mkdir(exist_ok=True)
    path = harness.ROOT / "var" / "bench-search-quality.sqlite3"
    os.environ["BENCH_DATABASE_URL"] = f"sqlite:///{path}"
    harness.setup_django()
    from django.test import Client

    from associations.structures.models import Association
    from tests.associations.search.test_search_quality import (
        QUERIES,
        first_page,
        load_demo_directory,
        measure,
    )

    load_demo_directory()
    client = Client(HTTP_HOST="127.0.0.1")
    started = time.perf_counter()
    figures = measure(client)
    elapsed = (time.perf_counter() - started) * 1000 / figures.queries
    harness.heading(
        f"Directory search quality: {figures.queries} real queries, "
        f"{Association.objects.filter(status='published').count()} demo structures"
    )
    print(f"first-page precision: {figures.precision:.3f}   recall: {figures.recall:.3f}")
    print(f"queries with a miss or a wrong first result: {len(figures.misses)}")
    for miss in figures.misses:
        print(f"  {miss}")
    imperfect = []
    for query, expected in QUERIES:
        found = first_page(client, query)
        extra = [slug for slug in found if slug not in expected]
        if extra:
            imperfect.append(f"  « {query} » also finds {extra}")
    print(f"queries that also find unexpected structures (after the expected ones): {len(imperfect)}")
    print("\n".join(imperfect))
    print(f"(a first page costs {elapsed:.1f} ms in-process here, results cache included)")


if __name__ == "__main__":
    main()
