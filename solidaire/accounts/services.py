"""Writes on accounts."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction

from .models import User
from .roles import sync_ccas_group


@transaction.atomic
def user_create(*, email: str, password: str | None, full_name: str = "", verified: bool = False) -> User:
    """Create a user; `verified` marks the e-mail address as confirmed (demo, staff invitations)."""
    user = User(email=email.strip().lower(), full_name=full_name)
    user.set_password(password) if password else user.set_unusable_password()
    user.full_clean()
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    return user


@transaction.atomic
def ccas_staff_grant(*, user: User) -> User:
    """Make a user CCAS staff: admin access with the CCAS group's permissions, not superuser."""
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(sync_ccas_group())
    return user
