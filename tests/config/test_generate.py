"""manage.py generate: every app's part, at the tiny scale (core.generate.SCALES)."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count

from accounts.models import User
from audit.append_only import DELETE_TRIGGERS, install_sqlite_triggers, remove_sqlite_triggers
from audit.models import AccessEvent, AccessEventPerson
from bail.models import BailCase, BailCondition
from cohorts.models import IomMembership
from core.generate import SCALES, parts
from custody.models import Detention, Review
from deadlines.models import Deadline
from disposals.models import Disposal, DisposalCondition
from offenders.models import Alias, Offender
from wanted.models import OutstandingSuspect, VoluntaryAttendance, WantedCirculation, Warrant

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
TINY = SCALES["tiny"]


@pytest.fixture
def fixed_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def _snapshot():
    return {
        "people": sorted(
            Offender.objects.values_list(
                "pnc_id", "first_name", "last_name", "date_of_birth", "force__code"
            ),
            key=repr,
        ),
        "detentions": sorted(
            Detention.objects.values_list(
                "offender__first_name",
                "offender__date_of_birth",
                "suite__code",
                "arrived_at",
                "released_at",
                "outcome",
                "cell__number",
            ),
            key=repr,
        ),
        "bail": sorted(
            BailCase.objects.values_list("offender__last_name", "status", "arrested_on"), key=repr
        ),
        "disposals": sorted(
            Disposal.objects.values_list("disposal_type", "decided_on", "status"), key=repr
        ),
        "iom": sorted(
            IomMembership.objects.values_list("offender__last_name", "adopted_on", "removed_on"),
            key=repr,
        ),
        "deadlines": sorted(
            Deadline.objects.values_list("kind", "due_at", "status", "next_alert_at"), key=repr
        ),
        "events": sorted(AccessEvent.objects.values_list("at", "action", "query"), key=repr),
    }


def _delete_generated():
    # The access log is append-only in the database (audit.append_only): emptied for this
    # test's clean-up only, as a test flush does (TRUNCATE on PostgreSQL, which the trigger
    # does not see; on SQLite the DELETE trigger is lifted for the statement).
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE audit_accessevent, audit_accesseventperson")
    else:
        remove_sqlite_triggers(connection, names=DELETE_TRIGGERS)
        try:
            AccessEventPerson.objects.all()._raw_delete(AccessEvent.objects.db)
            AccessEvent.objects.all()._raw_delete(AccessEvent.objects.db)
        finally:
            install_sqlite_triggers(connection)
    for wanted_model in (VoluntaryAttendance, WantedCirculation, OutstandingSuspect, Warrant):
        wanted_model.objects.all().delete()
    for model in (Deadline, DisposalCondition, Disposal, BailCondition, BailCase):
        model.objects.all().delete()
    from partners.models import PersonNeed
    from partners.models import Referral as PartnerReferral

    PartnerReferral.objects.all().delete()
    PersonNeed.objects.all().delete()
    from domestic.models import ProgrammeEntry, StageMove

    StageMove.objects.all().delete()
    ProgrammeEntry.objects.all().delete()
    IomMembership.reviews.rel.related_model.objects.all().delete()
    IomMembership.objects.all().delete()
    Review.objects.all().delete()
    Detention.extensions.rel.related_model.objects.all().delete()
    Detention.objects.all().delete()
    Offender.offences.rel.related_model.objects.all().delete()
    Alias.objects.all().delete()
    Offender.objects.all().delete()
    User.objects.filter(username__startswith="gen.").delete()
    if connection.vendor == "postgresql":
        # Fire the deferred foreign-key checks of these deletes now: the next run's index
        # builds refuse a table with pending trigger events.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_every_app_with_data_has_a_part_in_layer_order():
    labels = [label for label, _module in parts()]
    assert labels[:2] == ["accounts", "offenders"]
    assert labels.index("custody") < labels.index("deadlines") < labels.index("audit")
    assert {"bail", "disposals", "cohorts"} <= set(labels)


def test_tiny_scale_volumes_and_shapes(fixed_clock):
    call_command("generate", scale="tiny", seed=7, stdout=None)

    assert Offender.objects.count() == TINY["people"]
    pncs = [p for p in Offender.objects.values_list("pnc_id", flat=True) if p]
    assert len(pncs) == len(set(pncs)) > 150
    assert Alias.objects.exists()

    # Custody: almost all released; the ones in custody now are distinct people, in distinct
    # cells, at the six PICs' forces, with reviews roughly as PACE schedules them.
    assert Detention.objects.count() == TINY["detentions"]
    held = Detention.objects.in_custody()
    assert held.count() == TINY["in_custody"]
    assert held.values("offender").distinct().count() == TINY["in_custody"]
    cells = [c for c in held.values_list("cell", flat=True) if c]
    assert len(cells) == len(set(cells)) > 0
    assert all(d.arrived_at > NOW - dt.timedelta(hours=31) for d in held)
    reviews_per_detention = Review.objects.count() / TINY["detentions"]
    assert 0.3 < reviews_per_detention < 0.6  # national: 2.1M reviews for 5M detentions
    assert (
        Detention.objects.released().exclude(outcome="").count()
        == TINY["detentions"] - TINY["in_custody"]
    )

    # Bail: most ended, the live ones on bail, RUI or lapsed with their dates.
    assert BailCase.objects.count() == TINY["bail_cases"]
    assert BailCase.objects.open().count() == TINY["live_bail"]
    assert BailCase.objects.on_bail(NOW.date()).count() > 0
    assert BailCase.objects.lapsed(NOW.date()).count() >= 1
    assert BailCondition.objects.exists()

    # Disposals with conditions; some active with an outstanding condition.
    assert Disposal.objects.count() == TINY["disposals"]
    assert DisposalCondition.objects.filter(
        disposal__status="active", status="outstanding"
    ).exists()

    # IOM: open memberships, one per person.
    open_iom = IomMembership.objects.open()
    assert 0 < open_iom.count() < TINY["iom_memberships"]
    assert not open_iom.values("offender").annotate(n=Count("pk")).filter(n__gt=1).exists()

    # Deadlines: mostly open and in the future, a few with an alert due now.
    assert Deadline.objects.count() == TINY["deadlines"]
    open_deadlines = Deadline.objects.open()
    assert open_deadlines.filter(due_at__gt=NOW).count() > TINY["deadlines"] / 2
    assert 3 <= Deadline.objects.alert_due(NOW).count() <= 36
    assert Deadline.objects.filter(kind="pace_review", status="open").count() == TINY["in_custody"]

    assert AccessEvent.objects.count() == TINY["access_events"]
    assert AccessEvent.objects.filter(action="view", offender__isnull=False).exists()


def test_reproducible_from_the_seed_and_refuses_a_second_run(fixed_clock):
    call_command("generate", scale="tiny", seed=7, stdout=None)
    first = _snapshot()

    with pytest.raises(CommandError, match="already holds generated people"):
        call_command("generate", scale="tiny", seed=7)
    assert Offender.objects.count() == TINY["people"]

    _delete_generated()
    call_command("generate", scale="tiny", seed=7, stdout=None)
    assert _snapshot() == first

    _delete_generated()
    call_command("generate", scale="tiny", seed=8, stdout=None)
    assert _snapshot()["people"] != first["people"]

    # --offset adds people only (for the search benchmark), continuing the PNC serials.
    detentions = Detention.objects.count()
    call_command("generate", people=50, offset=TINY["people"], seed=7, stdout=None)
    assert Offender.objects.count() == TINY["people"] + 50
    assert Detention.objects.count() == detentions


def test_generate_needs_a_scale_or_a_count():
    with pytest.raises(CommandError, match="--scale"):
        call_command("generate")
