"""Build a realistic portal from the network's documents. Idempotent: a second run changes nothing.

Each app contributes its own `demo.py` with a `load(*, stdout)` function, called in this order
(later apps use the structures the directory created).
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from solidaire.core.demo import DEMO_MEMBER_EMAIL, DEMO_PASSWORD, DEMO_STAFF_EMAIL

DEMO_MODULES = [
    "solidaire.core.demo",
    "associations.demo",
    "charter.demo",
    "indicators.demo",
    "events.demo",
    "congress.demo",
]


class Command(BaseCommand):
    help = "Charge les données de démonstration (structures, charte, événements, congrès…)."

    def handle(self, *args, **options):
        for name in DEMO_MODULES:
            module = import_module(name)
            with transaction.atomic():
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Données de démonstration prêtes."))
        # Repeated last, so the accounts are what `make run` leaves on screen before the server.
        self.stdout.write(
            f"  agent du CCAS        : {DEMO_STAFF_EMAIL} / {DEMO_PASSWORD}  (administration : /gestion/)\n"
            f"  association (admin)  : {DEMO_MEMBER_EMAIL} / {DEMO_PASSWORD}"
        )
