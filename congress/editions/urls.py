from django.urls import path

from . import views

urlpatterns = [
    path("", views.congress_index, name="index"),
    path("<int:year>/", views.edition_detail, name="edition"),
    path("<int:year>/agenda.ics", views.edition_calendar, name="edition_calendar"),
]
