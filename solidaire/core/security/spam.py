"""Public forms against spam, one way: a honeypot field and the rate-limit/spam submit flow.

The honeypot is a text field people never see (the `.hp-field` rule of the base stylesheet
hides its wrapper, `templates/includes/honeypot.html`, which is also `aria-hidden` and out of
the tab order), so only a robot fills it. A form that holds one answers `is_spam`; the view asks
`submission_outcome` what to do with a POST: refuse it (too many from this connection),
pretend it worked (spam: a robot learns nothing, nothing is kept or sent), show the errors, or
go on with the valid data.

Two ways of counting, one flow: every POST uses up the allowance (`counts="attempts"`, the
default: short forms, where a script is the worry), or only what is accepted does
(`counts="accepted"`: long forms, where a person fixing a typo must never be told to come back
in an hour); then the view calls `count_accepted` once the service took the data, and a
honeypot hit is counted here, since it is answered as if it had been accepted.
"""

from __future__ import annotations

import enum
from typing import Literal

from django import forms
from django.http import HttpRequest

from .ratelimit import LIMITED, count_accepted, limit_reached, request_allowed

HONEYPOT = "site_web"


class HoneypotFormMixin:
    """Adds the honeypot field (last) to a Django form and keeps it out of `visible_fields`,
    which `includes/form.html` draws: the template places it apart, in the hidden wrapper."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT] = forms.CharField(
            label="Laissez ce champ vide",
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT]

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT))

    def data_without_honeypot(self) -> dict:
        """The cleaned data a service receives."""
        return {name: value for name, value in self.cleaned_data.items() if name != HONEYPOT}


class Outcome(enum.Enum):
    LIMITED = "limited"  # refused, the form says why (answer 429)
    SPAM = "spam"  # answer as if it worked
    INVALID = "invalid"  # the form shows its errors
    VALID = "valid"  # go on with form.cleaned_data


def submission_outcome(
    request: HttpRequest,
    form: HoneypotFormMixin,
    *,
    scope: str,
    limited_message: str = LIMITED,
    counts: Literal["attempts", "accepted"] = "attempts",
) -> Outcome:
    """What to do with a POSTed public form: the rate limit of `scope` first (the form is still
    validated, so what was typed is shown again with the reason), then its validity, then the
    honeypot. `counts` says what uses up the allowance (see the module's docstring)."""
    if counts == "accepted":
        limited = limit_reached(request, scope=scope)
    else:
        limited = not request_allowed(request, scope=scope)
    if limited:
        form.is_valid()
        form.add_error(None, limited_message)
        return Outcome.LIMITED
    if not form.is_valid():
        return Outcome.INVALID
    if not form.is_spam:
        return Outcome.VALID
    if counts == "accepted":
        count_accepted(request, scope=scope)
    return Outcome.SPAM
