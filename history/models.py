"""Who changed what, and when, on the records the network relies on (django-simple-history).

The historical tables live in this app (above the apps, like `portal`), so the apps'
own models and migrations stay as they are. The author comes from the request
(HistoryRequestMiddleware); changes made outside a request (imports, demo data) have none.
The indicator sheets keep their own audit (indicators.sheets.SheetAudit).
"""

from __future__ import annotations

from simple_history import register

from associations.structures.models import Association, Membership, Service
from charter.models import Signature
from solidaire.core.pages.models import InfoPage

TRACKED = [Association, Service, Membership, Signature, InfoPage]

for _model in TRACKED:
    register(
        _model,
        app="history",
        verbose_name=f"historique : {_model._meta.verbose_name}",
        verbose_name_plural=f"historique : {_model._meta.verbose_name_plural}",
    )
