"""Reads on accounts."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import QuerySet
from django.db.models.functions import Lower


def verified_addresses(user) -> QuerySet:
    """The user's e-mail addresses that allauth has seen confirmed, lower-cased, as a one-column
    queryset to filter on (`email__in=…`, a subquery: no query of its own). An address added but
    not yet confirmed proves nothing: it is left out."""
    return (
        EmailAddress.objects.filter(user=user, verified=True)
        .annotate(address=Lower("email"))
        .values("address")
    )
