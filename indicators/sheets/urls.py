"""URLs of the association side (home, sheet, activity report), inside the `indicators` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.indicators_home, name="home"),
    path("structure/<slug:slug>/<int:year>/", views.sheet_edit, name="sheet"),
    path("structure/<slug:slug>/<int:year>/rapport.pdf", views.activity_report, name="activity_report"),
]
