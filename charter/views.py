from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors


def charter_current(request: HttpRequest) -> HttpResponse:
    return render(request, "charter/charter_current.html", {
        "version": selectors.current_version(),
        "signatory_count": selectors.signatory_count(),
    })
