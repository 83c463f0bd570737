"""URLs of the staff follow-up and review, inside the `indicators` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("suivi/", views.followup, name="followup"),
    path("suivi/<int:year>/", views.followup, name="followup_year"),
    path("suivi/<int:year>/<slug:slug>/", views.review, name="review"),
    path("suivi/<int:year>/<slug:slug>/<str:action>/", views.review_action, name="review_action"),
]
