"""Registration pages: the form (no account needed), the e-mail confirmation, and the private
pages reached through the token link (view, change, cancel, data, erase). Thin: the rules are
in services.py."""

from __future__ import annotations

import json
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from congress.editions.models import CongressEdition, RegistrationState
from solidaire.core.security.ratelimit import LIMITED, attempt_allowed, request_allowed

from . import selectors, services
from .forms import RegistrationForm
from .models import Booking, Registration

INVALID_LINK = (
    "Ce lien n'est pas valide : il a peut-être été mal copié, ou l'inscription a été effacée. "
    "Vérifiez le lien reçu par e-mail ou écrivez à l'équipe du congrès."
)


def _add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _edition(year: int) -> CongressEdition:
    return get_object_or_404(CongressEdition, year=year)


def invalid_link(request: HttpRequest) -> HttpResponse:
    return render(request, "congress/invalid_link.html", {"message": INVALID_LINK}, status=404)


def with_registration(view):
    """Resolve the private link's token; a wrong, tampered or erased one gets a clear page."""

    @wraps(view)
    def wrapper(request: HttpRequest, token: str, *args, **kwargs) -> HttpResponse:
        registration = selectors.registration_by_token(token)
        if registration is None:
            return invalid_link(request)
        return view(request, registration, *args, **kwargs)

    return wrapper


def _initial(request: HttpRequest) -> dict:
    """An account pre-fills the form."""
    user = request.user
    if not user.is_authenticated:
        return {}
    first, _, last = (getattr(user, "full_name", "") or "").strip().partition(" ")
    return {"email": user.email, "first_name": first, "last_name": last}


@require_http_methods(["GET", "HEAD", "POST"])
def register(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    state = edition.registration_state()
    choices = selectors.form_choices(edition)
    form = RegistrationForm(request.POST or None, edition=edition, choices=choices, initial=_initial(request))
    status = 200
    if state != RegistrationState.OPEN:
        form = None
    elif request.method == "POST":
        if not request_allowed(request, scope="congress_registration"):
            form.is_valid()
            form.add_error(None, LIMITED)
            status = 429
        elif form.is_valid():
            limit, window = settings.RATE_LIMITS["congress_registration_email"]
            if form.is_spam:
                # Answer as if it worked: a bot learns nothing, nothing is kept or sent.
                return redirect("congress:registration_sent", year=edition.year)
            if not attempt_allowed(
                scope="congress_registration_email",
                key=form.cleaned_data["email"].lower(),
                limit=limit,
                window=window,
            ):
                form.add_error(
                    "email", "Trop d'inscriptions tentées avec cette adresse. Réessayez dans une heure."
                )
                status = 429
            else:
                try:
                    services.registration_create(
                        edition=edition, personal=form.personal(), choices=form.choices(), user=request.user
                    )
                except ValidationError as exc:
                    _add_errors(form, exc)
                    status = 400
                else:
                    return redirect("congress:registration_sent", year=edition.year)
        else:
            status = 400
    return render(
        request,
        "congress/registration_form.html",
        {"edition": edition, "form": form, "state": state, "choices": choices},
        status=status,
    )


def registration_sent(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    return render(
        request,
        "congress/registration_sent.html",
        {"edition": edition, "hours": settings.CONGRESS_CONFIRMATION_HOURS},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@with_registration
def registration_confirm(request: HttpRequest, registration: Registration) -> HttpResponse:
    """GET shows a button, POST confirms: mail scanners that open links confirm nothing."""
    error = ""
    if request.method == "POST":
        try:
            services.registration_confirm(registration=registration)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request, "Merci, votre inscription est confirmée. Un récapitulatif vous a été envoyé."
            )
            return redirect(registration.get_absolute_url())
    return render(
        request,
        "congress/registration_confirm.html",
        {"registration": registration, "error": error},
        status=400 if error else 200,
    )


@never_cache
@with_registration
def registration_detail(request: HttpRequest, registration: Registration) -> HttpResponse:
    return render(
        request,
        "congress/registration_detail.html",
        {
            "registration": registration,
            "edition": registration.edition,
            "bookings": selectors.active_bookings(registration),
            "summary": selectors.registration_summary(registration),
            "can_change": registration.is_active
            and registration.edition.registration_state() == RegistrationState.OPEN,
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@with_registration
def registration_edit(request: HttpRequest, registration: Registration) -> HttpResponse:
    edition = registration.edition
    choices = selectors.form_choices(edition)
    form = RegistrationForm(
        request.POST or None,
        edition=edition,
        choices=choices,
        change=True,
        initial=RegistrationForm.initial_for(registration, choices),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.registration_change(
                    registration=registration, choices=form.choices(), personal=form.personal()
                )
            except ValidationError as exc:
                _add_errors(form, exc)
                status = 400
            else:
                messages.success(request, "Vos choix ont été enregistrés.")
                return redirect(registration.get_absolute_url())
        else:
            status = 400
    return render(
        request,
        "congress/registration_edit.html",
        {"registration": registration, "edition": edition, "form": form},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@with_registration
def registration_cancel(request: HttpRequest, registration: Registration) -> HttpResponse:
    if request.method == "POST":
        services.registration_cancel(registration=registration)
        messages.success(request, "Votre inscription est annulée. Vos places ont été libérées.")
        return redirect(registration.get_absolute_url())
    return render(
        request, "congress/registration_cancel.html", {"registration": registration, "erase": False}
    )


@never_cache
@require_POST
@with_registration
def booking_accept(request: HttpRequest, registration: Registration, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking, pk=pk, registration=registration)
    try:
        services.booking_accept_offer(booking=booking)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Votre place pour « {booking.session.title} » est confirmée.")
    return redirect(registration.get_absolute_url())


@never_cache
@require_POST
@with_registration
def registration_accept_place(request: HttpRequest, registration: Registration) -> HttpResponse:
    """Take the place at the congress offered from its waiting list."""
    try:
        services.registration_accept_place(registration=registration)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, "Votre place au congrès est confirmée. Choisissez maintenant vos ateliers et déjeuners."
        )
    return redirect(registration.get_absolute_url())


@never_cache
@with_registration
def registration_data(request: HttpRequest, registration: Registration) -> HttpResponse:
    """The attendee's data, as a JSON file."""
    body = json.dumps(selectors.registration_data(registration), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="inscription-congres-{registration.edition.year}.json"'
    )
    return response


def participants(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    return render(
        request,
        "congress/participants.html",
        {"edition": edition, "participants": selectors.public_participants(edition)},
    )
