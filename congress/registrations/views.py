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
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from congress.editions.models import CongressEdition
from solidaire.accounts.permissions import PRIVATE_LINK, public
from solidaire.core.security.ratelimit import LIMITED, count_accepted, limit_reached
from solidaire.core.security.spam import Outcome, submission_outcome

from . import documents, ics, rules, selectors, services
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


def with_registration(view=None, *, with_bookings: bool = True):
    """Resolve the private link's token; a wrong, tampered or erased one gets a clear page.
    `@with_registration(with_bookings=False)` for a view that needs neither the days nor the
    bookings (its service re-reads the registration under its lock)."""
    if view is None:
        return lambda view: with_registration(view, with_bookings=with_bookings)

    @wraps(view)
    def wrapper(request: HttpRequest, token: str, *args, **kwargs) -> HttpResponse:
        registration = selectors.registration_by_token(token, with_bookings=with_bookings)
        if registration is None:
            return invalid_link(request)
        return view(request, registration, *args, **kwargs)

    wrapper.gate = PRIVATE_LINK
    return wrapper


def _initial(request: HttpRequest) -> dict:
    """An account pre-fills the form."""
    user = request.user
    if not user.is_authenticated:
        return {}
    first, _, last = (getattr(user, "full_name", "") or "").strip().partition(" ")
    return {"email": user.email, "first_name": first, "last_name": last}


@public
@require_http_methods(["GET", "HEAD", "POST"])
def register(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    state = edition.registration_state()
    choices = selectors.form_choices(edition)
    form = RegistrationForm(request.POST or None, edition=edition, choices=choices, initial=_initial(request))
    status = 200
    if not state.is_open:
        form = None
    elif request.method == "POST":
        # Only what is accepted uses up the allowance (and a honeypot hit): a form refused for
        # a typo, fixed and sent again, is never told to come back in an hour.
        outcome = submission_outcome(request, form, scope="congress_registration", counts="accepted")
        if outcome is Outcome.LIMITED:
            status = 429
        elif outcome is Outcome.INVALID:
            status = 400
        elif outcome is Outcome.SPAM:
            # Answer as if it worked: a bot learns nothing, nothing is kept or sent.
            return redirect("congress:registration_sent", year=edition.year)
        else:
            email = form.cleaned_data["email"].lower()
            if limit_reached(request, scope="congress_registration_email", key=email):
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
                    count_accepted(request, scope="congress_registration")
                    count_accepted(request, scope="congress_registration_email", key=email)
                    return redirect("congress:registration_sent", year=edition.year)
    return render(
        request,
        "congress/registration_form.html",
        {"edition": edition, "form": form, "state": state, "choices": choices},
        status=status,
    )


@public
def registration_sent(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    return render(
        request,
        "congress/registration_sent.html",
        {"edition": edition, "hours": settings.CONGRESS_CONFIRMATION_HOURS},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@with_registration(with_bookings=False)
def registration_confirm(request: HttpRequest, registration: Registration) -> HttpResponse:
    """GET shows a button, POST confirms: mail scanners that open links confirm nothing."""
    error, status = "", 200
    if request.method == "POST":
        if limit_reached(request, scope="congress_confirm"):
            error, status = LIMITED, 429
        else:
            try:
                services.registration_confirm(registration=registration)
            except ValidationError as exc:
                error, status = " ".join(exc.messages), 400
        if not error:
            count_accepted(request, scope="congress_confirm")
            messages.success(
                request, "Merci, votre inscription est confirmée. Un récapitulatif vous a été envoyé."
            )
            return redirect(registration.get_absolute_url())
    return render(
        request,
        "congress/registration_confirm.html",
        {"registration": registration, "error": error},
        status=status,
    )


@never_cache
@with_registration
def registration_detail(request: HttpRequest, registration: Registration) -> HttpResponse:
    rights = rules.link_rights(registration)
    return render(
        request,
        "congress/registration_detail.html",
        {
            "registration": registration,
            "edition": registration.edition,
            "bookings": selectors.active_bookings(registration) if registration.is_active else [],
            "summary": selectors.registration_summary(registration) if registration.is_active else [],
            "rights": rights,
        },
    )


def _refused(request: HttpRequest, registration: Registration, reason: str) -> HttpResponse:
    """Back to the private page, saying why (the edition's rules)."""
    messages.error(request, reason)
    return redirect(registration.get_absolute_url())


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@with_registration
def registration_edit(request: HttpRequest, registration: Registration) -> HttpResponse:
    if refusal := rules.change_refusal(registration):
        return _refused(request, registration, refusal)
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
    if refusal := rules.cancel_refusal(registration):
        return _refused(request, registration, refusal)
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration)
        except ValidationError as exc:  # the deadline passed between the page and the click
            return _refused(request, registration, " ".join(exc.messages))
        messages.success(request, "Votre inscription est annulée. Vos places ont été libérées.")
        return redirect(registration.get_absolute_url())
    return render(
        request, "congress/registration_cancel.html", {"registration": registration, "erase": False}
    )


@never_cache
@require_POST
@with_registration
def booking_accept(request: HttpRequest, registration: Registration, pk: int) -> HttpResponse:
    if not registration.is_active:
        return _refused(
            request, registration, "Cette inscription n'est plus active : la place n'est pas réservée."
        )
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
@with_registration(with_bookings=False)
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
    if limit_reached(request, scope="congress_data"):
        return render(
            request,
            "congress/invalid_link.html",
            {"message": LIMITED, "title": "Trop de demandes"},
            status=429,
        )
    count_accepted(request, scope="congress_data")
    body = json.dumps(selectors.registration_data(registration), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="inscription-congres-{registration.edition.year}.json"'
    )
    return response


@public
def participants(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    return render(
        request,
        "congress/participants.html",
        {"edition": edition, "participants": selectors.public_participants(edition)},
    )


def _own_documents(request: HttpRequest, registration: Registration) -> HttpResponse | None:
    """The attendee's own documents exist while the registration is confirmed and the congress
    is to come; otherwise a French message on the private page."""
    if rules.link_rights(registration).can_download:
        return None
    return _refused(
        request,
        registration,
        "Le badge et le fichier agenda sont disponibles pour une inscription confirmée, "
        "jusqu'à la fin du congrès.",
    )


@never_cache
@require_safe
@with_registration
def registration_calendar(request: HttpRequest, registration: Registration) -> HttpResponse:
    """The attendee's own days as an .ics file (the one attached to the confirmation)."""
    if refused := _own_documents(request, registration):
        return refused
    response = HttpResponse(
        ics.registration_calendar(registration), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="congres-{registration.edition.year}.ics"'
    return response


@never_cache
@require_safe
@with_registration
def registration_badge(request: HttpRequest, registration: Registration) -> HttpResponse:
    """The attendee's own badge, as PDF."""
    if refused := _own_documents(request, registration):
        return refused
    response = HttpResponse(documents.attendee_badge_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="badge-congres-{registration.edition.year}.pdf"'
    return response
