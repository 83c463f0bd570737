"""Writes on the charter and its signatures. Plain functions, keyword-only, atomic.

Every change that alters a published PDF asks `document_invalidate` (the shared documents
machinery), which re-renders it in the background once the transaction commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from associations.structures.models import Association
from associations.structures.taxonomy import MembershipRole, MembershipStatus
from solidaire.core.documents.services import document_invalidate
from solidaire.core.email.services import email_send

from . import documents
from .models import (
    ACTIVE_STATUSES,
    CharterArticle,
    CharterVersion,
    Signature,
    SignatureInvitation,
    SignatureStatus,
)
from .permissions import can_moderate, can_sign_for


def _day(value: dt.date | None) -> str:
    return date_format(value, "j F Y") if value else ""


def _association_recipients(association: Association, *extra: str) -> list[str]:
    """The structure's admins, its public address and whoever acted: everyone who should know."""
    emails = list(
        association.memberships.filter(
            status=MembershipStatus.APPROVED, role=MembershipRole.ADMIN
        ).values_list("user__email", flat=True)
    )
    emails += [association.email, *extra]
    seen: list[str] = []
    for email in emails:
        if email and email.lower() not in {e.lower() for e in seen}:
            seen.append(email)
    return seen


def _require_moderator(user) -> None:
    if not can_moderate(user):
        raise PermissionDenied("Seule l'équipe du CCAS peut traiter les signatures de la charte.")


@transaction.atomic
def signature_request(
    *,
    user,
    association: Association,
    version: CharterVersion,
    representative_name: str,
    representative_role: str,
    acknowledged_articles: Iterable[int],
) -> Signature:
    """An admin of a structure signs the current version online; the CCAS then approves it.
    The structure and the CCAS are told by e-mail."""
    if not can_sign_for(user, association):
        raise PermissionDenied(
            f"Vous n'êtes pas administrateur·rice de « {association.name} » : seuls les "
            "administrateurs d'une structure peuvent signer la charte en son nom."
        )
    if not version.is_current:
        raise ValidationError("Seule la version en vigueur de la charte peut être signée.")
    errors: dict[str, str] = {}
    name, role = representative_name.strip(), representative_role.strip()
    if not name:
        errors["representative_name"] = "Indiquez le nom de la personne qui signe au nom de la structure."
    if not role:
        errors["representative_role"] = "Indiquez la fonction de cette personne (présidente, directeur…)."
    expected = set(CharterArticle.objects.filter(section__version=version).values_list("number", flat=True))
    given = {int(number) for number in acknowledged_articles}
    if missing := sorted(expected - given):
        listed = ", ".join(str(n) for n in missing)
        errors["__all__"] = (
            "Vous devez confirmer chacun des articles de la charte "
            f"(à confirmer : article{'s' if len(missing) > 1 else ''} {listed})."
        )
    if errors:
        raise ValidationError(errors)
    # Lock the structure: two admins submitting at once get one signature and one clear error.
    Association.objects.select_for_update().get(pk=association.pk)
    existing = Signature.objects.filter(
        association=association, version=version, status__in=ACTIVE_STATUSES
    ).first()
    if existing and existing.status == SignatureStatus.SIGNED:
        raise ValidationError(
            f"« {association.name} » a déjà signé la version {version.number} "
            f"de la charte (le {_day(existing.signed_on)})."
        )
    if existing:
        raise ValidationError(
            f"Une demande de signature de « {association.name} » pour la "
            f"version {version.number} est déjà en attente de validation par "
            "le CCAS."
        )
    signature = Signature(
        association=association,
        version=version,
        status=SignatureStatus.REQUESTED,
        representative_name=name,
        representative_role=role,
        acknowledged_articles=sorted(given & expected),
        requested_by=user,
    )
    signature.full_clean()
    signature.save()
    context = {"signature": signature, "association": association, "version": version}
    email_send(
        template="charter/emails/signature_requested",
        context=context,
        to=_association_recipients(association, user.email),
    )
    email_send(template="charter/emails/signature_to_moderate", context=context, to=None)
    return signature


@transaction.atomic
def signature_approve(*, signature: Signature, by) -> Signature:
    """CCAS staff approve a request: the structure becomes a signatory from today."""
    _require_moderator(by)
    signature = (
        Signature.objects.select_for_update().select_related("association", "version").get(pk=signature.pk)
    )
    if signature.status == SignatureStatus.WITHDRAWN:
        raise ValidationError(
            f"Cette signature a été retirée le {_day(signature.withdrawn_on)} "
            ": elle ne peut plus être validée."
        )
    if signature.status == SignatureStatus.REJECTED:
        raise ValidationError(
            "Cette demande a été refusée : elle ne peut plus être validée. "
            "La structure peut déposer une nouvelle demande."
        )
    if signature.status == SignatureStatus.SIGNED:
        raise ValidationError(f"Cette signature est déjà validée (le {_day(signature.signed_on)}).")
    signature.status = SignatureStatus.SIGNED
    signature.signed_on = timezone.localdate()
    signature.decided_by = by
    signature.decided_at = timezone.now()
    signature.full_clean()
    signature.save()
    email_send(
        template="charter/emails/signature_approved",
        context={"signature": signature, "association": signature.association},
        to=_association_recipients(signature.association),
    )
    document_invalidate(kind=documents.SIGNATORIES)
    return signature


@transaction.atomic
def signature_reject(*, signature: Signature, by, reason: str) -> Signature:
    """CCAS staff refuse a request; the reason is kept and sent to the structure."""
    _require_moderator(by)
    signature = (
        Signature.objects.select_for_update().select_related("association", "version").get(pk=signature.pk)
    )
    if signature.status != SignatureStatus.REQUESTED:
        raise ValidationError(
            f"Cette signature est « {signature.get_status_display().lower()} » "
            ": seule une demande en attente peut être refusée."
        )
    if not reason.strip():
        raise ValidationError({"reason": "Indiquez le motif du refus."})
    signature.status = SignatureStatus.REJECTED
    signature.rejection_reason = reason.strip()
    signature.decided_by = by
    signature.decided_at = timezone.now()
    signature.full_clean()
    signature.save()
    email_send(
        template="charter/emails/signature_rejected",
        context={"signature": signature, "association": signature.association},
        to=_association_recipients(signature.association),
    )
    return signature


@transaction.atomic
def signature_withdraw(*, signature: Signature, by, reason: str) -> Signature:
    """A signature (or a pending request) is withdrawn: kept, with the date and the reason.
    Withdrawing a signature in force ends the structure's other signatures too."""
    signature = (
        Signature.objects.select_for_update().select_related("association", "version").get(pk=signature.pk)
    )
    if not (can_moderate(by) or can_sign_for(by, signature.association)):
        raise PermissionDenied(
            "Seuls le CCAS et les administrateurs de la structure peuvent retirer sa signature."
        )
    if signature.status not in ACTIVE_STATUSES:
        raise ValidationError(
            f"Cette signature est déjà « {signature.get_status_display().lower()}"
            " » : elle ne peut pas être retirée."
        )
    if not reason.strip():
        raise ValidationError({"reason": "Indiquez le motif du retrait."})
    was_signed = signature.status == SignatureStatus.SIGNED
    withdrawn = [signature]
    if was_signed:
        # Leaving the charter: the structure's signatures of older versions end too, or it
        # would still count as a signatory. A pending request alone is just cancelled.
        withdrawn += list(
            Signature.objects.select_for_update()
            .filter(
                association=signature.association,
                status=SignatureStatus.SIGNED,
            )
            .exclude(pk=signature.pk)
        )
    for item in withdrawn:
        item.status = SignatureStatus.WITHDRAWN
        item.withdrawn_on = timezone.localdate()
        item.withdrawal_reason = reason.strip()
        item.full_clean()
        item.save()
    email_send(
        template="charter/emails/signature_withdrawn",
        context={"signature": signature, "association": signature.association},
        to=_association_recipients(signature.association),
    )
    if was_signed:
        document_invalidate(kind=documents.SIGNATORIES)
    return signature


@transaction.atomic
def signature_record(
    *,
    association: Association,
    version: CharterVersion,
    by,
    representative_name: str,
    representative_role: str = "",
    signed_on: dt.date,
) -> Signature:
    """Staff record a signature made on paper (the 2010 signatories, a signing ceremony)."""
    _require_moderator(by)
    if version.adopted_on is None:
        raise ValidationError({"version": "Cette version n'est pas encore adoptée."})
    if Signature.objects.filter(
        association=association, version=version, status__in=ACTIVE_STATUSES
    ).exists():
        raise ValidationError(
            f"« {association.name} » a déjà une signature en cours ou validée "
            f"pour la version {version.number}."
        )
    signature = Signature(
        association=association,
        version=version,
        status=SignatureStatus.SIGNED,
        representative_name=representative_name.strip(),
        representative_role=representative_role.strip(),
        signed_on=signed_on,
        decided_by=by,
        decided_at=timezone.now(),
    )
    signature.full_clean()
    signature.save()
    document_invalidate(kind=documents.SIGNATORIES)
    return signature


@transaction.atomic
def version_adopt(*, version: CharterVersion, by, adopted_on: dt.date | None = None) -> CharterVersion:
    """Make `version` the charter in force (the previous one stays readable)."""
    _require_moderator(by)
    versions = list(CharterVersion.objects.select_for_update().order_by("number"))
    version = next(v for v in versions if v.pk == version.pk)
    if not version.sections.exists():
        raise ValidationError(
            "Cette version n'a encore aucune partie : ajoutez son texte avant de l'adopter."
        )
    for other in versions:
        if other.is_current and other.pk != version.pk:
            other.is_current = False
            other.save(update_fields=["is_current", "updated_at"])
    version.adopted_on = adopted_on or version.adopted_on or timezone.localdate()
    version.is_current = True
    version.full_clean()
    version.save()
    document_invalidate(kind=documents.CHARTER)
    document_invalidate(kind=documents.SIGNATORIES)
    return version


def charter_content_changed(*, version: CharterVersion) -> None:
    """Staff edited a version's text (admin): the PDF follows if it is the current one."""
    if version.is_current:
        document_invalidate(kind=documents.CHARTER)


@transaction.atomic
def signatories_invite_to_resign(*, version: CharterVersion, by) -> int:
    """Ask every structure that signed an older version to sign `version` (the current one).
    Each structure is asked once per version; returns how many were asked now."""
    from .selectors import resign_candidates

    _require_moderator(by)
    if not version.is_current:
        raise ValidationError("Seuls les signataires de la version en vigueur peuvent être invités à signer.")
    asked = 0
    for association in resign_candidates(version=version):
        invitation = SignatureInvitation(version=version, association=association, sent_by=by)
        invitation.full_clean()
        invitation.save()
        email_send(
            template="charter/emails/resign_invitation",
            context={"association": association, "version": version},
            to=_association_recipients(association) or None,
        )
        asked += 1
    return asked


@transaction.atomic
def version_duplicate(*, version: CharterVersion, by) -> CharterVersion:
    """Start the next version as a draft copy of `version` (text, values, articles)."""
    _require_moderator(by)
    last = CharterVersion.objects.select_for_update().order_by("-number").first()
    draft = CharterVersion(
        number=last.number + 1,
        title=version.title,
        adopted_on=None,
        is_current=False,
        changes_summary="",
        foreword_title=version.foreword_title,
        foreword=version.foreword,
        foreword_author=version.foreword_author,
        foreword_author_role=version.foreword_author_role,
    )
    draft.full_clean()
    draft.save()
    for section in version.sections.prefetch_related("values", "articles"):
        copy = draft.sections.create(
            number=section.number, title=section.title, body=section.body, closing=section.closing
        )
        for value in section.values.all():
            copy.values.create(order=value.order, label=value.label)
        for article in section.articles.all():
            copy.articles.create(number=article.number, title=article.title, body=article.body)
    return draft
