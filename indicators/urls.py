"""URLs of the indicators (mounted at /indicateurs/, namespace `indicators`): each feature lists
its own paths; the observatoire has its own mount and namespace (`indicators.observatoire.urls`)."""

from django.urls import include, path

app_name = "indicators"
urlpatterns = [
    path("", include("indicators.sheets.urls")),
    path("", include("indicators.dashboard.urls")),
    path("", include("indicators.exports.urls")),
    # Before the follow-up: ".../relance/" would otherwise match its ".../<str:action>/".
    path("", include("indicators.reminders.urls")),
    path("", include("indicators.followup.urls")),
]
