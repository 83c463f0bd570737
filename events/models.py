"""The app's models, gathered from its features so Django registers them. Features import their
models from `events.calendar.models`, `events.participation.models`… never from here."""

from .calendar.models import Edition, EditionPhoto, EventSeries, Stage  # noqa: F401
from .participation.models import Participation  # noqa: F401
from .proposals.models import EventProposal  # noqa: F401
