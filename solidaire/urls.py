"""Each app under its French path; an app's urls.py gathers its features (`include()`), and the
features with a namespace of their own (fiches actions, bénévolat, observatoire) are mounted here."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Le Mans solidaire — administration"
admin.site.site_title = "Le Mans solidaire"
admin.site.index_title = "Gestion du portail (CCAS)"

urlpatterns = [
    path("", include("portal.urls")),
    path("", include("solidaire.core.urls")),
    path("comptes/", include("allauth.urls")),
    path("annuaire/actions/", include("associations.actions.urls")),
    path("annuaire/", include("associations.urls")),
    path("benevolat/", include("associations.volunteering.urls")),
    path("charte/", include("charter.urls")),
    path("indicateurs/", include("indicators.urls")),
    path("observatoire/", include("indicators.observatoire.urls")),
    path("evenements/", include("events.urls")),
    path("congres/", include("congress.urls")),
    path("gestion/", admin.site.urls),
]

handler403 = "solidaire.core.views.error_403"
handler404 = "solidaire.core.views.error_404"
handler500 = "solidaire.core.views.error_500"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
