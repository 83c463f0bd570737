from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/", views.status_page, name="document_status"),
    path("<int:pk>/etat.json", views.status_json, name="document_status_json"),
    path("<int:pk>/fichier/", views.download, name="document_file"),
]
