"""Inspiring practices: the public list and pages, the booklet, a structure's own practices."""

from django.urls import path

from . import views

urlpatterns = [
    path("pratiques/", views.practice_list, name="practice_list"),
    path("pratiques/livret/", views.practice_booklet, name="practice_booklet"),
    path("pratiques/<slug:slug>/", views.practice_detail, name="practice_detail"),
    path("pratiques/<slug:slug>/decision/", views.practice_decide, name="practice_decide"),
    path("<slug:slug>/espace/pratiques/nouvelle/", views.practice_edit, name="practice_new"),
    path("<slug:slug>/espace/pratiques/<int:pk>/", views.practice_edit, name="practice_edit"),
]
