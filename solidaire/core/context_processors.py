import functools

from django.conf import settings
from django.urls import get_script_prefix, reverse

from solidaire.accounts.roles import is_ccas_staff

from .pages.selectors import footer_pages


def portal(request) -> dict:
    """What every page's layout needs: the network's name, the footer pages, the user's role."""
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "CCAS_CONTACT_EMAIL": settings.CCAS_CONTACT_EMAIL,
        "footer_pages": footer_pages(),
        "is_ccas_staff": is_ccas_staff(request.user) if hasattr(request, "user") else False,
        "nav": navigation_urls(get_script_prefix()),
    }


# The layout's links, on every page: reversed once per process (eight reversals a page were a
# tenth of a cached directory page's time). Keyed by the script prefix, which reverse() uses.
NAVIGATION = {
    "home": "portal:home",
    "annuaire": "associations:list",
    "charte": "charter:current",
    "evenements": "events:list",
    "congres": "congress:index",
    "benevolat": "benevolat:index",
    "observatoire": "observatoire:home",
    "account": "portal:account",
    "login": "account_login",
    "signup": "account_signup",
    "logout": "account_logout",
}


@functools.cache
def navigation_urls(script_prefix: str) -> dict[str, str]:
    return {key: reverse(name) for key, name in NAVIGATION.items()}
