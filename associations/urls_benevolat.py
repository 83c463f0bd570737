from django.urls import path

from . import views

app_name = "benevolat"
urlpatterns = [
    path("", views.volunteering, name="index"),
]
