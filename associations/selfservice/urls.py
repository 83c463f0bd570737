"""A structure's own space, under /annuaire/<structure>/espace/ (and the request to join it)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/rejoindre/", views.membership_request, name="membership_request"),
    path("<slug:slug>/espace/", views.member_area, name="member_area"),
    path("<slug:slug>/espace/adhesions/<int:pk>/", views.membership_decide, name="membership_decide"),
    path("<slug:slug>/espace/membres/<int:pk>/role/", views.membership_role, name="membership_role"),
    path("<slug:slug>/espace/membres/<int:pk>/retirer/", views.membership_remove, name="membership_remove"),
    path("<slug:slug>/espace/quitter/", views.membership_leave, name="membership_leave"),
    path("<slug:slug>/espace/fiche/", views.card_edit, name="card_edit"),
    path("<slug:slug>/espace/horaires/", views.hours_edit, name="hours_edit"),
    path("<slug:slug>/espace/verifiee/", views.card_verified, name="card_verified"),
    path("<slug:slug>/espace/services/nouveau/", views.service_edit, name="service_new"),
    path("<slug:slug>/espace/services/<int:pk>/", views.service_edit, name="service_edit"),
    path(
        "<slug:slug>/espace/services/<int:pk>/horaires/", views.service_hours_edit, name="service_hours_edit"
    ),
    path("<slug:slug>/espace/services/<int:pk>/supprimer/", views.service_delete, name="service_delete"),
]
