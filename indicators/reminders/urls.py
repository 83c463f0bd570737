"""URLs of the reminders, inside the `indicators` namespace (included by `indicators.urls`)."""

from django.urls import path

from . import views

urlpatterns = [
    path("suivi/<int:year>/relancer-en-retard/", views.remind_all, name="remind_all"),
    path("suivi/<int:year>/<slug:slug>/relance/", views.remind, name="remind"),
]
