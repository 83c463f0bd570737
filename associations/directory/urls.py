"""The public directory's URLs (under /annuaire/, namespace "associations", see associations/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.association_list, name="list"),
    path("imprimer/", views.association_print, name="print"),
    path("carte/", views.association_map, name="map"),
    path("proposer/", views.structure_propose, name="propose"),
    path("export/structures.json", views.export_structures_json, name="export_structures"),
    path("export/services.json", views.export_services_json, name="export_services"),
    path("export/structures.csv", views.export_structures_csv, name="export_structures_csv"),
    path("<slug:slug>/", views.association_detail, name="detail"),
]
