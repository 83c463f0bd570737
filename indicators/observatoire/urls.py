"""URLs of the observatoire, mounted at /observatoire/ with its own namespace: the public page,
then the staff tools (reports, reference data, dashboard) and a structure's own sheet."""

from django.urls import path

from . import views

app_name = "observatoire"
urlpatterns = [
    path("", views.observatoire_home, name="home"),
    path("rapports/", views.reports, name="reports"),
    path("rapports/<int:pk>/publier/", views.report_publish, name="report_publish"),
    path("territoires/", views.territories, name="territories"),
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
    path("tableau-de-bord/<slug:table>.csv", views.dashboard_csv, name="dashboard_csv"),
    path("structure/<slug:slug>/fiche/", views.structure_report, name="structure_report"),
]
