from django.urls import path

from . import views

urlpatterns = [
    path("<int:year>/gestion/", views.dashboard, name="dashboard"),
    path("<int:year>/gestion/export.<str:fmt>", views.export, name="export"),
    path("<int:year>/gestion/message/", views.message, name="message"),
    path("<int:year>/gestion/badges/", views.badges, name="badges"),
    path("<int:year>/accueil/", views.checkin, name="checkin"),
    path("<int:year>/accueil/compteurs.json", views.checkin_counts, name="checkin_counts"),
]
