"""The CCAS's follow-up of the directory, under /annuaire/suivi/."""

from django.urls import path

from . import views

urlpatterns = [
    path("suivi/", views.staff_followup, name="staff_followup"),
    path("suivi/campagne/", views.staff_campaign, name="staff_campaign"),
    path("suivi/modifications/<int:pk>/", views.staff_change_decide, name="staff_change_decide"),
    path("suivi/modifications/<int:pk>/logo/", views.staff_change_logo, name="staff_change_logo"),
    path("suivi/structures/<int:pk>/", views.staff_structure_decide, name="staff_structure_decide"),
]
