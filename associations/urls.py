from django.urls import path

from . import views, views_directory, views_selfservice

app_name = "associations"
# Fixed paths first: `<slug:slug>/` would otherwise capture them (the structure slugs listed in
# services_directory.RESERVED_SLUGS, including "actions", cannot be taken by a structure).
urlpatterns = [
    path("", views_directory.association_list, name="list"),
    path("imprimer/", views_directory.association_print, name="print"),
    path("carte/", views_directory.association_map, name="map"),
    path("proposer/", views_directory.structure_propose, name="propose"),
    path("export/structures.json", views_directory.export_structures_json, name="export_structures"),
    path("export/services.json", views_directory.export_services_json, name="export_services"),
    path("export/structures.csv", views_directory.export_structures_csv, name="export_structures_csv"),
    path("suivi/", views_selfservice.staff_followup, name="staff_followup"),
    path("suivi/campagne/", views_selfservice.staff_campaign, name="staff_campaign"),
    path("suivi/modifications/<int:pk>/", views_selfservice.staff_change_decide, name="staff_change_decide"),
    path(
        "suivi/structures/<int:pk>/", views_selfservice.staff_structure_decide, name="staff_structure_decide"
    ),
    path("<slug:slug>/", views_directory.association_detail, name="detail"),
    path("<slug:slug>/rejoindre/", views.membership_request, name="membership_request"),
    path("<slug:slug>/espace/", views.member_area, name="member_area"),
    path("<slug:slug>/espace/adhesions/<int:pk>/", views.membership_decide, name="membership_decide"),
    path("<slug:slug>/espace/fiche/", views_selfservice.card_edit, name="card_edit"),
    path("<slug:slug>/espace/verifiee/", views_selfservice.card_verified, name="card_verified"),
    path("<slug:slug>/espace/services/nouveau/", views_selfservice.service_edit, name="service_new"),
    path("<slug:slug>/espace/services/<int:pk>/", views_selfservice.service_edit, name="service_edit"),
    path(
        "<slug:slug>/espace/services/<int:pk>/supprimer/",
        views_selfservice.service_delete,
        name="service_delete",
    ),
]
