"""Registration face of the indicators app: Django loads `<app>.models`, so this module only
imports each feature's models. Code imports models from the feature modules
(`indicators.catalogue.models`, `indicators.sheets.models`, `indicators.reminders.models`,
`indicators.territories.models`, `indicators.observatoire.models`), never from here."""

from .catalogue.models import (  # noqa: F401
    Breakdown,
    BreakdownCategory,
    Campaign,
    CampaignIndicator,
    IndicatorDefinition,
    ValidationRule,
)
from .observatoire.models import ReportPublication  # noqa: F401
from .reminders.models import Reminder  # noqa: F401
from .sheets.models import Sheet, SheetAudit, SheetValue  # noqa: F401
from .territories.models import ReferenceValue, Territory  # noqa: F401
