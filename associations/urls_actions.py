"""Mounted at /annuaire/actions/ (before the directory's own `<slug>/` pattern)."""

from django.urls import path

from . import views_actions

app_name = "actions"
urlpatterns = [
    path("", views_actions.action_list, name="list"),
    path("<slug:slug>/", views_actions.action_detail, name="detail"),
]
