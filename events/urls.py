"""/evenements/: the agenda, feeds, participation of structures and proposals, gathered from
the features. The agenda comes last: its `<slug:slug>/` would capture the fixed paths."""

from django.urls import include, path

app_name = "events"
urlpatterns = [
    path("", include("events.proposals.urls")),
    path("", include("events.participation.urls")),
    path("", include("events.public.urls")),
]
