from django.urls import path

from . import views

urlpatterns = [
    path("<int:year>/inscription/", views.register, name="register"),
    path("<int:year>/inscription/envoyee/", views.registration_sent, name="registration_sent"),
    path("<int:year>/participants/", views.participants, name="participants"),
    path("inscription/<str:token>/", views.registration_detail, name="registration"),
    path("inscription/<str:token>/confirmer/", views.registration_confirm, name="registration_confirm"),
    path("inscription/<str:token>/modifier/", views.registration_edit, name="registration_edit"),
    path("inscription/<str:token>/annuler/", views.registration_cancel, name="registration_cancel"),
    path("inscription/<str:token>/place/<int:pk>/", views.booking_accept, name="booking_accept"),
    path(
        "inscription/<str:token>/place-au-congres/",
        views.registration_accept_place,
        name="registration_accept_place",
    ),
    path("inscription/<str:token>/donnees.json", views.registration_data, name="registration_data"),
    path("inscription/<str:token>/agenda.ics", views.registration_calendar, name="registration_calendar"),
    path("inscription/<str:token>/badge.pdf", views.registration_badge, name="registration_badge"),
]
