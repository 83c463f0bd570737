"""URLs of the exports, inside the `indicators` namespace (included by `indicators.urls`)."""

from django.urls import path

from . import views

urlpatterns = [
    path("structure/<slug:slug>/export.csv", views.association_export, name="association_export"),
    path("suivi/export-long.<str:fmt>", views.export_long, name="export_long"),
    path("suivi/<int:year>/export.<str:fmt>", views.export_campaign, name="export_campaign"),
]
