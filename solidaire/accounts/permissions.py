"""The one gate in front of every view (after pretix's `event_permission_required`).

Every view the URLconf serves declares who may open it, and only here:

    @public                                   # anyone, signed in or not
    @permission_required(signed_in)           # any signed-in person
    @permission_required(is_ccas_staff)       # the CCAS team
    @permission_required(can_edit, load=ASSOCIATION)   # check(user, association)

Anonymous visitors of a gated view are sent to log in, signed-in people the check refuses get a
403 with the gate's French message. `load` turns URL arguments into the object the check is
about (a 404 when it does not exist) and hands it to the view under its name. The gate is
recorded on the view (`view.gate`), and tests/architecture checks that every URL has one.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import is_ccas_staff

PUBLIC = "public"
# The private link's pages (a congress registration): the unguessable token in the URL is the key.
PRIVATE_LINK = "private link"
DENIED = "Vous n'avez pas accès à cette page."


def public(view):
    """Declare a view open to everyone (the architecture test wants every view to say so)."""
    view.gate = PUBLIC
    return view


def signed_in(user) -> bool:
    """Any signed-in person; what they then see is filtered by the view's selectors."""
    return bool(getattr(user, "is_authenticated", False))


@dataclass(frozen=True)
class Loader:
    """Turns the URL arguments that `fetch` names into the object a check is about; the view
    receives it as the keyword `name` (instead of those URL arguments)."""

    name: str
    fetch: Callable[..., object]
    url_args: tuple[str, ...] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "url_args", tuple(inspect.signature(self.fetch).parameters))

    def __call__(self, kwargs: dict) -> object:
        return self.fetch(**{arg: kwargs.pop(arg) for arg in self.url_args})


def refusal(request, message: str = DENIED):
    """What a refused check answers: visitors who are not signed in are sent to log in (they
    may be allowed once signed in), signed-in people get a 403 with `message`."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(message)


def permission_required(
    check: Callable[..., bool],
    *,
    load: Loader | None = None,
    message: str = DENIED,
    anonymous: bool = False,
):
    """The gate: `check(user)`, or `check(user, obj)` with `load`. With `anonymous=True` the
    check also runs for visitors who are not signed in (a public document, say) and only those
    it refuses are sent to log in."""

    def decorator(view):
        @wraps(view)
        def gated(request, *args, **kwargs):
            user = request.user
            if not anonymous and not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if load is None:
                allowed = check(user)
            else:
                obj = load(kwargs)
                allowed = check(user, obj)
                kwargs[load.name] = obj
            if not allowed:
                return refusal(request, message)
            return view(request, *args, **kwargs)

        gated.gate = check
        return gated

    return decorator


def staff_required(view):
    """CCAS staff only: the gate with the one staff check."""
    return permission_required(is_ccas_staff, message="Page réservée à l'équipe du CCAS.")(view)
