"""URLs of the observatoire, mounted at /observatoire/ with its own namespace."""

from django.urls import path

from . import views

app_name = "observatoire"
urlpatterns = [
    path("", views.observatoire_home, name="home"),
]
