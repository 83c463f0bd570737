"""Volunteering URLs, mounted at /benevolat/ (namespace "benevolat")."""

from django.urls import path

from . import views

app_name = "benevolat"
urlpatterns = [
    path("", views.volunteering, name="index"),
    path("missions/<int:pk>/", views.mission_detail, name="detail"),
    path("structures/<slug:slug>/", views.mission_manage, name="manage"),
    path("structures/<slug:slug>/nouvelle/", views.mission_create, name="create"),
    path("structures/<slug:slug>/<int:pk>/modifier/", views.mission_edit, name="edit"),
    path("structures/<slug:slug>/<int:pk>/cloturer/", views.mission_close, name="close"),
    path("structures/<slug:slug>/<int:pk>/rouvrir/", views.mission_reopen, name="reopen"),
]
