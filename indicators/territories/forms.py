"""Upload forms of the reference data."""

from __future__ import annotations

from django import forms


class ReferenceCsvForm(forms.Form):
    file = forms.FileField(
        label="Fichier CSV des indicateurs de référence",
        help_text="Colonnes : territoire ; indicateur ; annee ; valeur ; source ; licence "
        "(séparateur « ; » ou « , », nombres à la française acceptés).",
    )


class ContoursForm(forms.Form):
    file = forms.FileField(
        label="Fichier GeoJSON des contours",
        help_text="Une FeatureCollection en longitude/latitude (WGS 84) ; chaque élément porte "
        "le code de son territoire dans la propriété « code ».",
    )
