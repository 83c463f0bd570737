"""Charter pages. Thin: parse input, check permission, call a selector or a service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from solidaire.accounts.permissions import permission_required, public, signed_in, staff_required
from solidaire.core.documents.views import document_response

from . import documents, selectors, services
from .forms import SignatoryFilterForm, SignatureDecisionForm, SignatureForm, VersionCompareForm
from .models import Signature


@public
def charter_current(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "charter/charter_current.html",
        {
            "version": selectors.version_with_content(),
            "signatory_count": selectors.signatory_count(),
        },
    )


@public
def version_list(request: HttpRequest) -> HttpResponse:
    versions = list(selectors.adopted_versions())
    numbers = [v.number for v in versions]
    form = None
    if len(numbers) > 1:
        data = request.GET if "de" in request.GET or "a" in request.GET else None
        form = VersionCompareForm(data, numbers=numbers, initial={"de": numbers[1], "a": numbers[0]})
    comparison = None
    if form is not None and form.is_bound and form.is_valid():
        old = selectors.version_with_content(number=form.cleaned_data["de"])
        new = selectors.version_with_content(number=form.cleaned_data["a"])
        comparison = {"old": old, "new": new, "sections": selectors.diff_versions(old, new)}
    return render(
        request,
        "charter/version_list.html",
        {
            "versions": versions,
            "form": form,
            "comparison": comparison,
        },
    )


@public
def version_detail(request: HttpRequest, number: int) -> HttpResponse:
    version = selectors.version_with_content(number=number)
    if version is None:
        raise Http404("Version introuvable")
    if version.is_current:
        return redirect("charter:current")
    return render(request, "charter/version_detail.html", {"version": version})


@public
def signatory_list(request: HttpRequest) -> HttpResponse:
    form = SignatoryFilterForm(request.GET or None)
    quartier, thematique = "", None
    if form.is_bound and form.is_valid():
        quartier = form.cleaned_data["quartier"]
        thematique = form.cleaned_data["thematique"]
    groups = selectors.signatories(quartier=quartier, thematique=thematique)
    return render(
        request,
        "charter/signatory_list.html",
        {
            "form": form,
            "groups": groups,
            "shown_count": sum(len(group.signatories) for group in groups),
            "filtered": bool(quartier or thematique),
            "signatory_count": selectors.signatory_count(),
        },
    )


@permission_required(signed_in)
@require_http_methods(["GET", "HEAD", "POST"])
def sign(request: HttpRequest) -> HttpResponse:
    version = selectors.version_with_content()
    if version is None:
        raise Http404("La charte n'est pas encore publiée.")
    associations = selectors.admin_associations(user=request.user)
    context = {"version": version, "associations": associations}
    if not associations:
        return render(request, "charter/sign.html", context)
    context["signatures"] = list(selectors.signatures_of_associations(associations=associations))
    # A structure that has signed (or asked to sign) this version sees its signature, not the form.
    to_sign = selectors.associations_to_sign(user=request.user, version=version)
    if not to_sign.exists():
        return render(request, "charter/sign.html", context)
    form = SignatureForm(
        request.POST or None,
        associations=to_sign,
        articles=selectors.version_articles(version=version),
    )
    if request.method == "POST" and form.is_valid():
        try:
            signature = services.signature_request(
                user=request.user,
                association=form.cleaned_data["association"],
                version=version,
                representative_name=form.cleaned_data["representative_name"],
                representative_role=form.cleaned_data["representative_role"],
                acknowledged_articles=form.acknowledged_articles(),
            )
        except PermissionDenied as exc:
            form.add_error("association", str(exc))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"La signature de « {signature.association.name} » est "
                "enregistrée. Le CCAS va la valider ; vous recevrez un "
                "e-mail à chaque étape.",
            )
            return redirect("charter:sign")
    context["form"] = form
    return render(request, "charter/sign.html", context)


def _moderation_page(
    request: HttpRequest, *, bound: tuple[int, SignatureDecisionForm] | None = None, status: int = 200
) -> HttpResponse:
    version = selectors.current_version()
    pending = list(selectors.pending_signatures())
    for signature in pending:
        if bound and bound[0] == signature.pk:
            signature.decision_form = bound[1]
        else:
            signature.decision_form = SignatureDecisionForm(prefix=f"s{signature.pk}")
    return render(
        request,
        "charter/moderation.html",
        {
            "pending": pending,
            "version": version,
            "resign_count": selectors.resign_candidates(version=version).count() if version else 0,
        },
        status=status,
    )


@staff_required
def moderation(request: HttpRequest) -> HttpResponse:
    return _moderation_page(request)


@require_POST
@staff_required
def moderation_decide(request: HttpRequest, pk: int) -> HttpResponse:
    signature = get_object_or_404(Signature, pk=pk)
    form = SignatureDecisionForm(request.POST, prefix=f"s{pk}")
    if not form.is_valid():
        return _moderation_page(request, bound=(pk, form), status=400)
    try:
        if form.cleaned_data["decision"] == "approve":
            services.signature_approve(signature=signature, by=request.user)
            messages.success(
                request,
                f"« {signature.association.name} » est désormais "
                "signataire de la charte ; la structure est prévenue.",
            )
        else:
            services.signature_reject(
                signature=signature, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, "La demande est refusée ; la structure est prévenue.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("charter:moderation")


@require_POST
@staff_required
def moderation_invite(request: HttpRequest) -> HttpResponse:
    version = selectors.current_version()
    if version is None:
        raise Http404("Aucune version en vigueur.")
    try:
        asked = services.signatories_invite_to_resign(version=version, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"{asked} structure{'s' if asked > 1 else ''} "
            f"invitée{'s' if asked > 1 else ''} à signer la version "
            f"{version.number}.",
        )
    return redirect("charter:moderation")


@public
def charter_pdf(request: HttpRequest) -> HttpResponse:
    return document_response(request, kind=documents.CHARTER)


@public
def signatories_pdf(request: HttpRequest) -> HttpResponse:
    return document_response(request, kind=documents.SIGNATORIES)
