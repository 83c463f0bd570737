from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("mon-espace/", views.account, name="account"),
    path("espace/", views.staff_home, name="staff_home"),
]
