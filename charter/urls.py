from django.urls import path

from . import views

app_name = "charter"
urlpatterns = [
    path("", views.charter_current, name="current"),
    path("versions/", views.version_list, name="versions"),
    path("versions/<int:number>/", views.version_detail, name="version_detail"),
    path("signataires/", views.signatory_list, name="signatories"),
    path("signer/", views.sign, name="sign"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/<int:pk>/", views.moderation_decide, name="moderation_decide"),
    path("moderation/inviter/", views.moderation_invite, name="moderation_invite"),
    path("charte.pdf", views.charter_pdf, name="charter_pdf"),
    path("signataires.pdf", views.signatories_pdf, name="signatories_pdf"),
]
