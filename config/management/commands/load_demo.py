from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import DEMO_USERS, load_demo_users
from bail.demo import load_demo_bail
from cohorts.demo import load_demo_iom
from custody.demo import DAYS, load_demo_custody
from disposals.demo import load_demo_disposals
from domestic.demo import load_demo_domestic
from offenders.demo import load_demo_people
from partners.demo import load_demo_partners
from protection.demo import load_demo_protection
from wanted.demo import load_demo_wanted

# Each app's demo loader, in dependency order. Each is idempotent and returns a short
# description of what the demo now holds.
# Each takes the scale (1 for `make run`, 0.1 with --small).
LOADERS = [
    ("people", load_demo_people),
    ("disposals", load_demo_disposals),
    ("IOM cohort", lambda scale: load_demo_iom()),
    ("bail and RUI", lambda scale: load_demo_bail()),
    ("custody", lambda scale: load_demo_custody(days=3 if scale < 1 else DAYS)),
    ("partners and pathways", load_demo_partners),
    ("wanted and outstanding", load_demo_wanted),
    ("public protection", load_demo_protection),
    ("domestic abuse", load_demo_domestic),
]


class Command(BaseCommand):
    help = "Load the demo users and demo data (idempotent: running it twice changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-logins", action="store_true", help="do not print the demo logins"
        )
        parser.add_argument(
            "--small",
            action="store_true",
            help="a tenth of the people and disposals and three days of custody (tests of the loader)",
        )

    def handle(self, *args, **options):
        with transaction.atomic():
            load_demo_users()
        scale = 0.1 if options["small"] else 1.0
        for name, loader in LOADERS:
            with transaction.atomic():
                result = loader(scale)
            self.stdout.write(f"Demo {name}: {result}")
        if not options["quiet_logins"]:
            self.stdout.write("\nDemo logins (one password for all, from DEMO_PASSWORD):")
            self.stdout.write(f"  password: {settings.DEMO_PASSWORD}")
            for username, _first, _last, rank, force, roles, *_ in DEMO_USERS:
                self.stdout.write(f"  {username:<20} {', '.join(roles):<40} {rank} ({force})")
