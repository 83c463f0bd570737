from django.urls import path

from . import views

urlpatterns = [
    path("<int:year>/cahier-des-propositions.pdf", views.cahier, name="cahier"),
    path("<int:year>/propositions/", views.proposal_list, name="proposals"),
    path("<int:year>/propositions/publier/", views.cahier_publish, name="cahier_publish"),
    path("propositions/<int:pk>/", views.proposal_edit, name="proposal_edit"),
    path("inscription/<str:token>/proposer/", views.proposal_submit, name="proposal_submit"),
]
