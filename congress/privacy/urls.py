from django.urls import path

from . import views

urlpatterns = [
    path("inscription/<str:token>/effacer/", views.registration_erase, name="registration_erase"),
]
