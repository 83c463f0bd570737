"""The congress's URLs, gathered from its features under one namespace."""

from django.urls import include, path

app_name = "congress"
urlpatterns = [
    path("", include("congress.editions.urls")),
    path("", include("congress.registrations.urls")),
    path("", include("congress.privacy.urls")),
    path("", include("congress.proposals.urls")),
    path("", include("congress.staff.urls")),
]
