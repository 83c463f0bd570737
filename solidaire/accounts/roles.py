"""The portal's roles. CCAS staff are the members of the `CCAS` group (or superusers)."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

CCAS_GROUP = "CCAS"
# Apps whose every model CCAS staff may manage in the admin.
CCAS_MANAGED_APPS = ("associations", "charter", "indicators", "events", "congress", "core")
# Elsewhere, only what the job needs: see and (de)activate accounts, check e-mail addresses,
# follow the e-mail outbox.
CCAS_EXTRA_PERMISSIONS = (
    ("accounts", "view_user"),
    ("accounts", "change_user"),
    ("account", "view_emailaddress"),
    ("account", "change_emailaddress"),
    # The e-mail outbox: see what was sent, what waits, what failed (and why); re-queue it.
    ("post_office", "view_email"),
    ("post_office", "change_email"),
    ("post_office", "view_log"),
    # The change history of structures, services, memberships, signatures, information pages.
    ("history", "view_historicalassociation"),
    ("history", "view_historicalservice"),
    ("history", "view_historicalmembership"),
    ("history", "view_historicalsignature"),
    ("history", "view_historicalinfopage"),
)


def is_ccas_staff(user) -> bool:
    """True for an active CCAS staff member (a superuser counts). Cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_ccas_staff", None)
    if cached is None:
        cached = user.groups.filter(name=CCAS_GROUP).exists()
        user._is_ccas_staff = cached
    return cached


def can_administer_account(actor, target) -> bool:
    """May `actor` change `target`'s account (e-mail, password, addresses) in the admin?

    CCAS staff hold `change_user` to help the public (deactivate an account, fix a typo in an
    address), not to take over a colleague's or a superuser's account: changing its e-mail or
    password would hand them its rights. Staff and superuser accounts are left to superusers;
    everyone may still edit their own account (its sensitive fields stay read-only)."""
    if getattr(actor, "is_superuser", False):
        return True
    if target is None:
        return True
    if target.pk == actor.pk:
        return True
    return not (target.is_superuser or target.is_staff)


def sync_ccas_group() -> Group:
    """Create the CCAS group if needed and give it the permissions of the managed apps."""
    group, _ = Group.objects.get_or_create(name=CCAS_GROUP)
    perms = list(Permission.objects.filter(content_type__app_label__in=CCAS_MANAGED_APPS))
    for app_label, codename in CCAS_EXTRA_PERMISSIONS:
        perms.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
    group.permissions.set(perms)
    return group
