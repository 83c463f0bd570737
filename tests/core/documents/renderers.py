"""A staff-only renderer used to test the documents machinery through its public surface."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from solidaire.core.documents.registry import Rendered, Renderer, TransientRenderError, register

KIND = "tests.note"


class NoteRenderer(Renderer):
    """Renders `year` into a tiny PDF-looking file; `behaviour` makes it fail on demand."""

    kind = KIND
    label = "Note de test"
    behaviour = "ok"  # "ok", "raise", "transient"
    calls = 0

    def clean_params(self, params: dict) -> dict:
        try:
            year = int(params.get("year", ""))
        except (TypeError, ValueError):
            raise ValidationError("L'année doit être un nombre.") from None
        if not 2000 <= year <= 2100:
            raise ValidationError("L'année doit être comprise entre 2000 et 2100.")
        return {"year": year}

    def describe(self, params: dict) -> str:
        return f"Note de test {params['year']}"

    def render(self, params, progress):
        type(self).calls += 1
        progress(50, "Moitié du travail")
        if self.behaviour == "raise":
            raise RuntimeError("le moteur de rendu a cassé")
        if self.behaviour == "transient":
            raise TransientRenderError("base de données momentanément indisponible")
        return Rendered(
            content=f"%PDF-1.7 note {params['year']} #{self.calls}".encode(), download_name="note.pdf"
        )


def install() -> NoteRenderer:
    renderer = NoteRenderer()
    NoteRenderer.calls = 0
    register(renderer)
    return renderer
