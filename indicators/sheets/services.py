"""Writes on sheets: draft, submit, return, validate, reopen. Every change goes to the audit trail.

Each service is atomic: when anything is refused (stale version, blocking rule, closed
campaign) nothing of the call is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone

from associations.structures.models import Association
from indicators.catalogue import selectors as catalogue_selectors
from indicators.catalogue.models import ABSOLUTE_MAX, Campaign, Severity, ValueType
from solidaire.core.text.french import format_date

from . import selectors
from .models import AuditAction, CampaignContact, Sheet, SheetAudit, SheetStatus, SheetValue
from .notifications import notify_returned
from .permissions import can_review, check_can_fill_sheet, check_can_name_contact
from .rules import RuleResult, outlier_results, run_rules
from .validators import validate_pdf

GRACE_DAYS = 14
ValueKey = tuple[int, int | None]


class SheetError(Exception):
    """A refused operation; the message is French and meant for the user."""


class SheetLockedError(SheetError):
    pass


class StaleSheetError(SheetError):
    """Someone saved the sheet since the form was displayed (optimistic locking)."""


class SheetRulesError(SheetError):
    """The rules refused a submission; `sheet` is the draft saved meanwhile (None if none was)."""

    def __init__(self, message: str, results: list[RuleResult], sheet: Sheet | None = None):
        super().__init__(message)
        self.results = results
        self.sheet = sheet


def _date(value) -> str:
    return format_date(value, weekday=False)


def sheet_lock_reason(*, sheet: Sheet, on: dt.date | None = None) -> str | None:
    """Why the association cannot edit the sheet now, or None when it can."""
    on = on or catalogue_selectors.today()
    if sheet.is_validated:
        return f"Fiche validée par le CCAS le {_date(timezone.localtime(sheet.validated_at))}."
    if sheet.is_submitted:
        return (
            f"Fiche transmise le {_date(timezone.localtime(sheet.submitted_at))} : "
            "le CCAS l'examine, elle n'est plus modifiable."
        )
    if on < sheet.campaign.opens_on:
        return f"La campagne {sheet.campaign.year} ouvrira le {_date(sheet.campaign.opens_on)}."
    if on > sheet.deadline:
        return f"Campagne close le {_date(sheet.deadline)}."
    return None


def sheet_get_or_create(*, association: Association, campaign: Campaign) -> Sheet:
    sheet, _ = Sheet.objects.get_or_create(association=association, campaign=campaign)
    return sheet


def _check_value(indicator, value: Decimal) -> None:
    label = indicator.label
    if value < 0:
        raise ValidationError(f"« {label} » ne peut pas être négatif.")
    if value > ABSOLUTE_MAX or (indicator.max_value is not None and value > indicator.max_value):
        raise ValidationError(f"« {label} » : valeur invraisemblable ({value}).")
    if indicator.min_value is not None and value < indicator.min_value:
        raise ValidationError(f"« {label} » doit valoir au moins {indicator.min_value}.")
    if indicator.value_type == ValueType.INTEGER and value != value.to_integral_value():
        raise ValidationError(f"« {label} » doit être un nombre entier.")


def _bump_version(*, sheet: Sheet, expected_version: int, user) -> None:
    """Compare-and-swap on the version: atomic on every database, no lock needed."""
    updated = Sheet.objects.filter(pk=sheet.pk, version=expected_version).update(
        version=F("version") + 1, updated_by=user, updated_at=timezone.now()
    )
    if not updated:
        current = Sheet.objects.select_related("updated_by").get(pk=sheet.pk)
        author = current.updated_by
        who = (author.full_name or author.email) if author else "quelqu'un"
        when = formats.time_format(timezone.localtime(current.updated_at), "H:i")
        raise StaleSheetError(
            f"Cette fiche a été modifiée entre-temps par {who} à {when}. Vos saisies sont "
            "ré-affichées ci-dessous mais n'ont pas été enregistrées : rechargez la page "
            "pour voir la version actuelle, puis reportez vos modifications."
        )
    sheet.refresh_from_db()


@transaction.atomic
def sheet_save_draft(
    *,
    sheet: Sheet,
    user,
    values: Mapping[ValueKey, Decimal | None],
    expected_version: int,
    activity_report: UploadedFile | None = None,
) -> Sheet:
    """Store the typed values (None clears one), recompute computed indicators, log changes."""
    check_can_fill_sheet(user, sheet.association)
    reason = sheet_lock_reason(sheet=sheet)
    if reason:
        raise SheetLockedError(reason)
    layout = catalogue_selectors.campaign_layout(campaign=sheet.campaign)
    allowed: dict[ValueKey, object] = {}
    for indicator in layout.typed:
        if indicator.categories:
            allowed.update({(indicator.id, c.id): indicator for c in indicator.categories})
        else:
            allowed[(indicator.id, None)] = indicator
    for key, value in values.items():
        if key not in allowed:
            raise ValidationError("Indicateur inconnu pour cette campagne.")
        if value is not None:
            _check_value(allowed[key], value)
    if activity_report is not None:
        validate_pdf(activity_report)

    _bump_version(sheet=sheet, expected_version=expected_version, user=user)
    existing = {(v.indicator_id, v.category_id): v for v in SheetValue.objects.filter(sheet=sheet)}
    audit, to_create, to_update, to_delete = [], [], [], []
    for key, new in values.items():
        row = existing.get(key)
        old = row.value if row else None
        if old == new:
            continue
        if new is None:
            to_delete.append(row.pk)
        elif row:
            row.value = new
            to_update.append(row)
        else:
            to_create.append(SheetValue(sheet=sheet, indicator_id=key[0], category_id=key[1], value=new))
        audit.append(
            SheetAudit(
                sheet=sheet,
                user=user,
                action=AuditAction.VALUE,
                indicator_id=key[0],
                category_id=key[1],
                old_value=old,
                new_value=new,
            )
        )
    SheetValue.objects.filter(pk__in=to_delete).delete()
    SheetValue.objects.bulk_update(to_update, ["value"])
    SheetValue.objects.bulk_create(to_create)
    _store_computed(sheet=sheet, layout=layout)
    if activity_report is not None:
        sheet.activity_report.save("rapport-activite.pdf", activity_report, save=False)
        sheet.save(update_fields=["activity_report"])
        audit.append(
            SheetAudit(sheet=sheet, user=user, action=AuditAction.REPORT, comment=activity_report.name[:200])
        )
    SheetAudit.objects.bulk_create(audit)
    return sheet


def _store_computed(*, sheet: Sheet, layout: catalogue_selectors.Layout) -> None:
    """Computed indicators are stored too, so exports and medians need no formula engine."""
    if not layout.computed:
        return
    totals, _ = selectors.values_by_code(layout=layout, raw=selectors.sheet_raw_values(sheet=sheet))
    computed = layout.computed
    SheetValue.objects.filter(sheet=sheet, indicator__in=computed).delete()
    SheetValue.objects.bulk_create(
        [
            SheetValue(sheet=sheet, indicator=indicator, value=totals[indicator.code])
            for indicator in computed
            if totals[indicator.code] is not None
        ]
    )


def sheet_check(*, sheet: Sheet, layout: catalogue_selectors.Layout | None = None) -> list[RuleResult]:
    """Every rule result (passed or not) plus outlier and missing-required warnings."""
    layout = layout or catalogue_selectors.campaign_layout(campaign=sheet.campaign)
    totals, breakdowns = selectors.values_by_code(layout=layout, raw=selectors.sheet_raw_values(sheet=sheet))
    results = run_rules(rules=catalogue_selectors.active_rules(), totals=totals, breakdowns=breakdowns)
    for item in layout.items:
        if item.is_required and totals.get(item.indicator.code) is None:
            results.append(
                RuleResult(
                    f"obligatoire {item.indicator.code}",
                    f"« {item.indicator.label} » est obligatoire.",
                    Severity.ERROR,
                    False,
                )
            )
    previous = selectors.previous_totals(association=sheet.association, year=sheet.campaign.year)
    results += outlier_results(
        labels={i.code: i.label for i in layout.typed},
        totals=totals,
        previous=previous,
        factor=sheet.campaign.outlier_factor,
        codes=[i.code for i in layout.typed],
    )
    return results


def sheet_submit(
    *,
    sheet: Sheet,
    user,
    values: Mapping[ValueKey, Decimal | None],
    expected_version: int,
    confirm_warnings: bool = False,
    activity_report: UploadedFile | None = None,
) -> Sheet:
    """Save, run the rules, then hand the sheet to the CCAS. When blocking errors or unconfirmed
    warnings refuse the submission, the typed values stay saved as a draft (SheetRulesError
    carries the sheet's new version) so that nothing typed is lost."""
    with transaction.atomic():
        sheet = sheet_save_draft(
            sheet=sheet,
            user=user,
            values=values,
            expected_version=expected_version,
            activity_report=activity_report,
        )
        results = sheet_check(sheet=sheet)
        failed = [r for r in results if not r.passed]
        refusal = None
        if any(r.is_error for r in failed):
            refusal = "La fiche contient des erreurs à corriger avant transmission."
        elif failed and not confirm_warnings:
            refusal = "Vérifiez les avertissements puis cochez la case de confirmation pour transmettre."
        if refusal is None:
            sheet.status = SheetStatus.SUBMITTED
            sheet.submitted_at = timezone.now()
            sheet.submitted_by = user
            sheet.version += 1
            sheet.full_clean(exclude=["activity_report"])
            sheet.save(update_fields=["status", "submitted_at", "submitted_by", "version", "updated_at"])
            comment = "Avertissements confirmés : " + " ; ".join(r.message for r in failed) if failed else ""
            SheetAudit.objects.create(sheet=sheet, user=user, action=AuditAction.SUBMIT, comment=comment)
            return sheet
    # Raised once the draft is committed: the refusal keeps what was typed.
    raise SheetRulesError(f"{refusal} Vos saisies sont enregistrées comme brouillon.", failed, sheet=sheet)


def _locked_for_staff(sheet: Sheet, expected: str, user) -> Sheet:
    # The views check too; the service is the last line (a shell, a task, a future view).
    if not can_review(user):
        raise PermissionDenied("Seule l'équipe du CCAS peut examiner les fiches.")
    locked = Sheet.objects.select_for_update().select_related("campaign", "association").get(pk=sheet.pk)
    if locked.status != expected:
        raise SheetError(f"Action impossible : la fiche est « {locked.get_status_display()} ».")
    return locked


def _grace(sheet: Sheet) -> None:
    """After the closing date, a returned or reopened sheet gets a grace period to be fixed."""
    if catalogue_selectors.today() > sheet.campaign.closes_on:
        sheet.extended_until = catalogue_selectors.today() + dt.timedelta(days=GRACE_DAYS)


@transaction.atomic
def sheet_return(*, sheet: Sheet, user, comment: str) -> Sheet:
    """Staff send a submitted sheet back to the association with a comment (required)."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError("Expliquez à la structure ce qu'elle doit corriger.")
    sheet = _locked_for_staff(sheet, SheetStatus.SUBMITTED, user)
    sheet.status, sheet.staff_comment = SheetStatus.RETURNED, comment
    _grace(sheet)
    sheet.version += 1
    sheet.save()
    SheetAudit.objects.create(sheet=sheet, user=user, action=AuditAction.RETURN, comment=comment)
    notify_returned(sheet=sheet)
    return sheet


@transaction.atomic
def sheet_validate(*, sheet: Sheet, user) -> Sheet:
    """Staff approve a submitted sheet: it is locked from then on."""
    sheet = _locked_for_staff(sheet, SheetStatus.SUBMITTED, user)
    sheet.status = SheetStatus.VALIDATED
    sheet.validated_at, sheet.validated_by = timezone.now(), user
    sheet.staff_comment = ""
    sheet.version += 1
    sheet.full_clean(exclude=["activity_report"])
    sheet.save()
    SheetAudit.objects.create(sheet=sheet, user=user, action=AuditAction.VALIDATE)
    return sheet


@transaction.atomic
def sheet_reopen(*, sheet: Sheet, user, reason: str) -> Sheet:
    """Staff unlock a validated sheet (reason required); it goes back to the association."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Indiquez pourquoi la fiche est rouverte.")
    sheet = _locked_for_staff(sheet, SheetStatus.VALIDATED, user)
    sheet.status, sheet.staff_comment = SheetStatus.RETURNED, reason
    sheet.validated_at = sheet.validated_by = None
    _grace(sheet)
    sheet.version += 1
    sheet.save()
    SheetAudit.objects.create(sheet=sheet, user=user, action=AuditAction.REOPEN, comment=reason)
    return sheet


@transaction.atomic
def campaign_contact_set(
    *, association: Association, email: str, name: str = "", by
) -> CampaignContact | None:
    """Name who receives the structure's campaign e-mails (reminders, sheet returned); an empty
    address removes the choice (every approved member receives them again)."""
    check_can_name_contact(by, association)
    email = email.strip()
    if not email:
        CampaignContact.objects.filter(association=association).delete()
        return None
    contact = CampaignContact.objects.filter(association=association).first() or CampaignContact(
        association=association
    )
    contact.email = email
    contact.name = name.strip()
    contact.named_by = by
    contact.full_clean()
    contact.save()
    return contact
