"""The agenda: list and month view, series, an edition's page, calendar feeds."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.edition_list, name="list"),
    path("calendrier.ics", views.calendar_feed, name="feed"),
    path("series/<slug:slug>/", views.series_detail, name="series"),
    path("<slug:slug>/", views.edition_detail, name="detail"),
    path("<slug:slug>/agenda.ics", views.edition_feed, name="edition_feed"),
]
