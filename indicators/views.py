from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from associations.selectors import associations_of_user

from .permissions import staff_required


@login_required
def indicators_home(request: HttpRequest) -> HttpResponse:
    return render(request, "indicators/indicators_home.html", {
        "associations": list(associations_of_user(user=request.user)),
    })


@staff_required
def observatoire_home(request: HttpRequest) -> HttpResponse:
    return render(request, "indicators/observatoire_home.html")
