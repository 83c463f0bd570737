"""The users' council's form."""

from django.urls import path

from . import views

urlpatterns = [
    path("conseil-des-usagers/", views.council_join, name="council_join"),
]
