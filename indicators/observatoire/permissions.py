"""Who may do what in the observatoire: the public page is open to all; reports are launched by
CCAS staff; an internal (unsuppressed) report is seen by staff only; a published network report
by everyone; a structure's own sheet by its members and staff."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from associations.structures.models import Association
from indicators.sheets.permissions import can_view_sheets  # noqa: F401 - re-exported
from solidaire.accounts.roles import is_ccas_staff
from solidaire.core.documents.models import params_key

from .models import ReportPublication


def can_use_tools(user) -> bool:
    """Launch reports, import reference data, read the network dashboard."""
    return is_ccas_staff(user)


def is_published(kind: str, params: dict) -> bool:
    return ReportPublication.objects.filter(
        document__kind=kind, document__params_key=params_key(params)
    ).exists()


def can_view_network_report(user, kind: str, params: dict) -> bool:
    if is_ccas_staff(user):
        return True
    return not params.get("internal") and is_published(kind, params)


def can_have_structure_report(user, association: Association) -> bool:
    return can_view_sheets(user, association)


def check_can_publish(user, params: dict) -> None:
    if not is_ccas_staff(user):
        raise PermissionDenied("Réservé aux agents du CCAS.")
    if params.get("internal"):
        raise PermissionDenied("Une version interne ne se publie pas.")
