"""The core app's models, gathered for Django: each lives in its concern's folder."""

from .documents.models import GeneratedDocument  # noqa: F401
from .pages.models import InfoPage  # noqa: F401
