"""Structures apply to take part in an edition; the CCAS decides."""

from django.urls import path

from . import views

urlpatterns = [
    path("gestion/participations/", views.staff_participations, name="staff_participations"),
    path(
        "gestion/participations/<int:pk>/decision/", views.participation_decide, name="participation_decide"
    ),
    path("<slug:slug>/participer/", views.participation_apply, name="apply"),
]
