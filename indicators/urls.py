from django.urls import path

from . import views, views_staff

app_name = "indicators"
urlpatterns = [
    path("", views.indicators_home, name="home"),
    path("structure/<slug:slug>/", views.association_dashboard, name="dashboard"),
    path("structure/<slug:slug>/export.csv", views.association_export, name="association_export"),
    path("structure/<slug:slug>/<int:year>/", views.sheet_edit, name="sheet"),
    path("structure/<slug:slug>/<int:year>/rapport.pdf", views.activity_report, name="activity_report"),
    path("suivi/", views_staff.followup, name="followup"),
    path("suivi/export-long.<str:fmt>", views_staff.export_long, name="export_long"),
    path("suivi/<int:year>/", views_staff.followup, name="followup_year"),
    path("suivi/<int:year>/export.<str:fmt>", views_staff.export_campaign, name="export_campaign"),
    path("suivi/<int:year>/<slug:slug>/", views_staff.review, name="review"),
    path("suivi/<int:year>/<slug:slug>/relance/", views_staff.remind, name="remind"),
    path("suivi/<int:year>/<slug:slug>/<str:action>/", views_staff.review_action, name="review_action"),
]
