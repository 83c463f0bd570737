"""Who may see what of the indicators and the observatoire."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from solidaire.accounts.roles import is_ccas_staff


def can_fill_sheet(user, association) -> bool:
    """Fill and submit the structure's sheet: its approved members, and CCAS staff (who may
    help a structure over the phone; the audit trail says who typed what)."""
    from associations.structures.permissions import can_edit

    return can_edit(user, association)


def can_view_sheets(user, association) -> bool:
    """See the structure's sheets, dashboard and export its own history."""
    from associations.structures.permissions import can_view_private

    return can_view_private(user, association)


def can_review(user) -> bool:
    return is_ccas_staff(user)


def check_can_fill_sheet(user, association) -> None:
    if not can_fill_sheet(user, association):
        raise PermissionDenied("Vous n'agissez pas pour cette structure.")


def check_can_view_sheets(user, association) -> None:
    if not can_view_sheets(user, association):
        raise PermissionDenied("Vous n'avez pas accès aux indicateurs de cette structure.")


def can_name_contact(user, association) -> bool:
    """Name who receives the campaign's e-mails: the structure's admins and CCAS staff."""
    from associations.structures.permissions import can_manage

    return can_manage(user, association)


def check_can_name_contact(user, association) -> None:
    if not can_name_contact(user, association):
        raise PermissionDenied(
            "Seuls les administrateurs de la structure ou le CCAS choisissent le destinataire."
        )
