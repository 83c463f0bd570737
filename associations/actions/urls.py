"""Mounted at /annuaire/actions/ (before the directory's own `<slug>/` pattern)."""

from django.urls import path

from . import views

app_name = "actions"
urlpatterns = [
    path("", views.action_list, name="list"),
    path("<slug:slug>/", views.action_detail, name="detail"),
]
