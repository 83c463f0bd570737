"""The app's models, imported from the features that hold them so Django registers them.

A face for Django (and for other apps) only: the features import their models from
`associations.structures.models`, `associations.actions.models`… never from here.
"""

from .actions.models import (  # noqa: F401
    Action,
    ActionDimension,
    ActionInitiator,
    ActionKeyword,
    ActionPartner,
    ActionPublic,
)
from .council.models import CouncilRequest  # noqa: F401
from .practices.models import Practice  # noqa: F401
from .reports.models import CardReport  # noqa: F401
from .search.models import SearchSynonym  # noqa: F401
from .structures.models import (  # noqa: F401
    Association,
    ChangeProposal,
    DirectorySettings,
    Membership,
    OpeningSlot,
    Service,
    Thematique,
)
from .volunteering.models import VolunteerInterest, VolunteerMission, VolunteerSkill  # noqa: F401
