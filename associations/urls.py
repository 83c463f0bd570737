from django.urls import path

from . import views

app_name = "associations"
urlpatterns = [
    path("", views.association_list, name="list"),
    path("<slug:slug>/", views.association_detail, name="detail"),
    path("<slug:slug>/rejoindre/", views.membership_request, name="membership_request"),
    path("<slug:slug>/espace/", views.member_area, name="member_area"),
    path("<slug:slug>/espace/adhesions/<int:pk>/", views.membership_decide,
         name="membership_decide"),
]
