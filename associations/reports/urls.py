"""« Signaler une erreur » on a directory card."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/signaler/", views.card_report, name="card_report"),
]
