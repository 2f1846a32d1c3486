"""Generate synthetic data for benchmarks: ``manage.py generate --scale force --seed 1``.

Every app with a ``generate.py`` contributes its part (discovered by ``core.generate.parts``,
run in each part's ``ORDER``): staff, people, detentions and reviews, bail cases,
disposals, IOM memberships, deadlines and the access log. ``--scale`` picks the volumes
(``core.generate.SCALES``: tiny for the tests, force about 1/40 of national, national as
issue 19); ``--people N`` instead scales national's proportions to N people.

It refuses to run on a database that already holds generated people. ``--offset N`` (the
number of people generated before) adds people only, for the search benchmark.

Bulk writes only: COPY on PostgreSQL, ``bulk_create`` elsewhere; no history rows, no audit
of the generation itself, no per-row save. Reproducible from ``--seed`` (and the time it
runs: clocks are relative to now).
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from core.generate import SCALES, Context, parts, volumes_for_people
from offenders.generate import generated_people, serial_room


class Command(BaseCommand):
    help = "Bulk-generate synthetic data for every app (bench/README.md)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(SCALES), default=None)
        parser.add_argument("--people", type=int, default=None, help="overrides --scale")
        parser.add_argument(
            "--offset", type=int, default=0, help="people generated before: add people only"
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--only", nargs="*", default=None, help="run only these parts (app labels)"
        )

    def handle(self, *args, scale, people, offset, seed, only, **options):
        if people is None:
            if scale is None:
                raise CommandError("Give --scale tiny|force|national or --people N.")
            volumes = dict(SCALES[scale])
        else:
            if people < 1:
                raise CommandError("--people must be positive.")
            volumes = volumes_for_people(people)
        if offset < 0:
            raise CommandError("--offset must not be negative.")
        generated = generated_people()
        if generated and not offset:
            raise CommandError(
                f"The database already holds generated people ({generated} with a PNC ID): "
                "give --offset N (the number generated before) to add more, or generate "
                "into an empty database."
            )
        if not serial_room(offset, volumes["people"]):
            raise CommandError("Too many people for the PNC serial range.")
        if offset:
            only = ["offenders"]
        ctx = Context(
            seed=seed,
            now=timezone.now().replace(second=0, microsecond=0),
            volumes=volumes,
            out=self.stdout,
            offset=offset,
        )
        started = time.monotonic()
        with _bulk_session():
            try:
                for label, module in parts():
                    if only is not None and label not in only:
                        continue
                    t0 = time.monotonic()
                    summary = module.generate(ctx)
                    ctx.timings[label] = time.monotonic() - t0
                    self.stdout.write(f"{label:<10} {ctx.timings[label]:7.1f}s  {summary}")
            finally:
                t0 = time.monotonic()
                ctx.finish()  # indexes back even if a part failed
            self.stdout.write(f"{'indexes':<10} {time.monotonic() - t0:7.1f}s  built, analysed")
        self.stdout.write(self.style.SUCCESS(f"Generated in {time.monotonic() - started:.0f}s."))


class _bulk_session:
    """On PostgreSQL: skip trigger-based foreign-key checks for this session's COPYs (the
    generator keeps its references right, and the tests check them on SQLite) and do not
    wait for the WAL flush on each batch."""

    def __enter__(self):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = replica")
                cursor.execute("SET synchronous_commit = off")

    def __exit__(self, *exc):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")
        return False
