"""URLs of the dashboard, inside the `indicators` namespace (included by `indicators.urls`)."""

from django.urls import path

from . import views

urlpatterns = [
    path("structure/<slug:slug>/", views.association_dashboard, name="dashboard"),
]
