from django.conf import settings

from solidaire.accounts.roles import is_ccas_staff

from .pages.selectors import footer_pages


def portal(request) -> dict:
    """What every page's layout needs: the network's name, the footer pages, the user's role."""
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "CCAS_CONTACT_EMAIL": settings.CCAS_CONTACT_EMAIL,
        "footer_pages": footer_pages(),
        "is_ccas_staff": is_ccas_staff(request.user) if hasattr(request, "user") else False,
    }
