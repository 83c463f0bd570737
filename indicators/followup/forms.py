"""Forms of the staff review: returning a sheet (what to correct) and reopening a validated one."""

from __future__ import annotations

from django import forms


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="Ce que la structure doit corriger", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Motif de la réouverture", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
