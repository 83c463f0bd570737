"""The directory's URLs, mounted at /annuaire/ (namespace "associations")."""

from django.urls import path

from associations.council import views as council_views
from associations.practices import views as practice_views
from associations.reports import views as report_views

from . import followup, selfservice, views

app_name = "associations"
# Fixed paths first: `<slug:slug>/` would otherwise capture them (the structure slugs listed in
# associations.structures.services.RESERVED_SLUGS, including "actions", cannot be taken by a structure).
urlpatterns = [
    path("", views.association_list, name="list"),
    path("imprimer/", views.association_print, name="print"),
    path("carte/", views.association_map, name="map"),
    path("proposer/", views.structure_propose, name="propose"),
    path("export/structures.json", views.export_structures_json, name="export_structures"),
    path("export/services.json", views.export_services_json, name="export_services"),
    path("export/structures.csv", views.export_structures_csv, name="export_structures_csv"),
    path("suivi/", followup.staff_followup, name="staff_followup"),
    path("suivi/campagne/", followup.staff_campaign, name="staff_campaign"),
    path("suivi/modifications/<int:pk>/", followup.staff_change_decide, name="staff_change_decide"),
    path("suivi/modifications/<int:pk>/logo/", followup.staff_change_logo, name="staff_change_logo"),
    path("suivi/structures/<int:pk>/", followup.staff_structure_decide, name="staff_structure_decide"),
    path("pratiques/", practice_views.practice_list, name="practice_list"),
    path("pratiques/livret/", practice_views.practice_booklet, name="practice_booklet"),
    path("pratiques/<slug:slug>/", practice_views.practice_detail, name="practice_detail"),
    path("pratiques/<slug:slug>/decision/", practice_views.practice_decide, name="practice_decide"),
    path("conseil-des-usagers/", council_views.council_join, name="council_join"),
    path("<slug:slug>/", views.association_detail, name="detail"),
    path("<slug:slug>/signaler/", report_views.card_report, name="card_report"),
    path("<slug:slug>/espace/pratiques/nouvelle/", practice_views.practice_edit, name="practice_new"),
    path("<slug:slug>/espace/pratiques/<int:pk>/", practice_views.practice_edit, name="practice_edit"),
    path("<slug:slug>/rejoindre/", selfservice.membership_request, name="membership_request"),
    path("<slug:slug>/espace/", selfservice.member_area, name="member_area"),
    path("<slug:slug>/espace/adhesions/<int:pk>/", selfservice.membership_decide, name="membership_decide"),
    path("<slug:slug>/espace/membres/<int:pk>/role/", selfservice.membership_role, name="membership_role"),
    path(
        "<slug:slug>/espace/membres/<int:pk>/retirer/",
        selfservice.membership_remove,
        name="membership_remove",
    ),
    path("<slug:slug>/espace/quitter/", selfservice.membership_leave, name="membership_leave"),
    path("<slug:slug>/espace/fiche/", selfservice.card_edit, name="card_edit"),
    path("<slug:slug>/espace/horaires/", selfservice.hours_edit, name="hours_edit"),
    path("<slug:slug>/espace/verifiee/", selfservice.card_verified, name="card_verified"),
    path("<slug:slug>/espace/services/nouveau/", selfservice.service_edit, name="service_new"),
    path("<slug:slug>/espace/services/<int:pk>/", selfservice.service_edit, name="service_edit"),
    path(
        "<slug:slug>/espace/services/<int:pk>/horaires/",
        selfservice.service_hours_edit,
        name="service_hours_edit",
    ),
    path(
        "<slug:slug>/espace/services/<int:pk>/supprimer/",
        selfservice.service_delete,
        name="service_delete",
    ),
]
