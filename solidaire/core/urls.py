from django.urls import include, path

from . import views
from .pages import views as page_views

app_name = "core"
urlpatterns = [
    path("pages/<slug:slug>/", page_views.info_page, name="page"),
    path("healthz", views.healthz, name="healthz"),
    path("documents/", include("solidaire.core.documents.urls")),
]
