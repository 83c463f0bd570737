"""Initiatives proposed by structures, and their review by the CCAS."""

from django.urls import path

from . import views

urlpatterns = [
    path("proposer/", views.proposal_create, name="propose"),
    path("mes-propositions/", views.my_proposals, name="my_proposals"),
    path("mes-propositions/<int:pk>/", views.proposal_edit, name="proposal_edit"),
    path("gestion/propositions/", views.staff_proposals, name="staff_proposals"),
    path("gestion/propositions/<int:pk>/decision/", views.proposal_decide, name="proposal_decide"),
]
