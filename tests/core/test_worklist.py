"""The pending-work registry gathers what each app says waits for a user."""

from __future__ import annotations

from solidaire.core import worklist


def test_providers_are_gathered_and_empty_lines_left_out(monkeypatch):
    monkeypatch.setattr(worklist, "_providers", {})
    worklist.register_provider("a", lambda user: [worklist.PendingWork("Demandes", 2, "/a/")])
    worklist.register_provider("b", lambda user: [worklist.PendingWork("Rien", 0, "/b/")])
    worklist.register_provider(
        "c", lambda user: [] if user == "public" else [worklist.PendingWork("Fiches", 1, "/c/")]
    )
    assert [w.label for w in worklist.pending_work_for("staff")] == ["Demandes", "Fiches"]
    assert [w.label for w in worklist.pending_work_for("public")] == ["Demandes"]
