from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("mon-espace/", views.account, name="account"),
    path("pages/<slug:slug>/", views.info_page, name="page"),
    path("healthz", views.healthz, name="healthz"),
]
