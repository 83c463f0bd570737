"""The directory's URLs, mounted at /annuaire/ (namespace "associations"), gathered from its
features. Fixed paths first: a structure's `<slug:slug>/` would otherwise capture them (the
slugs in associations.structures.services.RESERVED_SLUGS cannot be taken by a structure).
The fiches actions and volunteering have namespaces of their own, mounted by the URL root."""

from django.urls import include, path

app_name = "associations"
urlpatterns = [
    path("", include("associations.followup.urls")),
    path("", include("associations.practices.urls")),
    path("", include("associations.council.urls")),
    path("", include("associations.directory.urls")),
    path("", include("associations.reports.urls")),
    path("", include("associations.selfservice.urls")),
]
