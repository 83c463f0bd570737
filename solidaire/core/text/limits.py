"""Input length limits shared by every form: a value that does not fit is refused with a French
message, never cut to fit."""

from __future__ import annotations

# RFC 5321's limit for a deliverable address (a path is 256 octets, minus the angle brackets);
# the e-mail columns of the portal are 254 characters long.
EMAIL_MAX_LENGTH = 254
EMAIL_TOO_LONG = (
    "Cette adresse e-mail est trop longue\u00a0: %(limit_value)d\u00a0caractères au plus "
    "(elle en compte %(show_value)d)."
)
