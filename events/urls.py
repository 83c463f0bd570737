"""/evenements/: the agenda, feeds, participation of structures and proposals."""

from django.urls import path

from .participation import views as participation
from .proposals import views as proposals
from .public import views as public

app_name = "events"
urlpatterns = [
    path("", public.edition_list, name="list"),
    path("calendrier.ics", public.calendar_feed, name="feed"),
    path("series/<slug:slug>/", public.series_detail, name="series"),
    path("proposer/", proposals.proposal_create, name="propose"),
    path("mes-propositions/", proposals.my_proposals, name="my_proposals"),
    path("mes-propositions/<int:pk>/", proposals.proposal_edit, name="proposal_edit"),
    path("gestion/participations/", participation.staff_participations, name="staff_participations"),
    path(
        "gestion/participations/<int:pk>/decision/",
        participation.participation_decide,
        name="participation_decide",
    ),
    path("gestion/propositions/", proposals.staff_proposals, name="staff_proposals"),
    path("gestion/propositions/<int:pk>/decision/", proposals.proposal_decide, name="proposal_decide"),
    path("<slug:slug>/", public.edition_detail, name="detail"),
    path("<slug:slug>/agenda.ics", public.edition_feed, name="edition_feed"),
    path("<slug:slug>/participer/", participation.participation_apply, name="apply"),
]
