"""Registration face of the congress app: Django loads `<app>.models`, so this module only
imports each feature's models. Code imports models from the feature modules."""

from .editions.models import CongressDay, CongressEdition, Session, Theme  # noqa: F401
from .proposals.models import Proposal  # noqa: F401
from .registrations.models import Booking, Registration  # noqa: F401
