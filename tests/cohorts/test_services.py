"""IOM services: adopt, move, review, remove; the one-open-membership constraint."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import AccessEvent
from cohorts import services
from cohorts.models import CohortMove, IomCohortCriteria, IomMembership
from core.calendar import end_of_day
from deadlines.models import Deadline, Notification, Status
from deadlines.services import send_due_alerts
from tests.cohorts.factories import MembershipFactory, burglary, offence
from tests.factories import OffenderFactory, UserFactory, force

D = dt.date


def adopt(offender, lead, today, **kwargs):
    kwargs.setdefault("cohort", "flexible")
    kwargs.setdefault("adopted_on", D(2026, 9, 1))
    kwargs.setdefault("reason", "Prolific shoplifting")
    return services.adopt_iom_member(
        offender=offender, lead_officer=lead, by=lead, today=today, **kwargs
    )


@pytest.mark.django_db
def test_adoption_records_the_selection_facts_and_opens_a_review_for_the_lead_officer(
    offender, iom_officer, today
):
    offence(offender, D(2025, 10, 1), burglary())
    offence(offender, D(2024, 8, 31), burglary())  # 24 months before 1 Sep 2026 begin 1 Sep 2024

    membership = adopt(
        offender,
        iom_officer,
        today,
        cohort="fixed",
        ogrs_score=78,
        statutory_supervision=True,
        probation_contact="PO Jane Doe, Ipswich",
    )

    assert membership.neighbourhood_offences == 1
    assert membership.ogrs_band == "high"
    assert membership.selection_warnings == []
    deadline = Deadline.objects.get(kind="iom_review")
    assert deadline.owner_user == iom_officer
    assert deadline.due_at == end_of_day(D(2026, 11, 24))  # 1 Sep + 12 weeks
    assert deadline.title == "IOM review due"
    assert AccessEvent.objects.filter(action="create", offender=offender).count() == 1


@pytest.mark.django_db
def test_a_person_outside_the_criteria_is_adopted_with_warnings(offender, iom_officer, today):
    membership = adopt(offender, iom_officer, today, cohort="fixed")
    assert len(membership.selection_warnings) == 2
    assert "neighbourhood-crime" in membership.selection_warnings[0]


@pytest.mark.django_db
def test_the_forces_criteria_and_interval_are_data(offender, iom_officer, today):
    IomCohortCriteria.objects.create(
        force=force("suffolk"),
        cohort="free",
        female_only=True,
        statutory_supervision=False,
        review_interval_weeks=4,
    )
    membership = adopt(offender, iom_officer, today, cohort="free")
    assert membership.selection_warnings == [
        "This force uses the free cohort for female offenders: this person's recorded gender is male."
    ]
    assert Deadline.objects.get().due_at == end_of_day(D(2026, 9, 29))


@pytest.mark.django_db
def test_it_refuses_a_second_open_membership(offender, iom_officer, today):
    adopt(offender, iom_officer, today)
    with pytest.raises(ValidationError) as error:
        adopt(offender, iom_officer, today, cohort="fixed")
    assert "already on the IOM scheme" in error.value.message_dict["offender"][0]
    assert IomMembership.objects.count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_second_open_membership_whatever_the_code_does(offender):
    MembershipFactory(offender=offender, lead_officer=UserFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(offender=offender, lead_officer=UserFactory())


@pytest.mark.django_db
def test_the_database_allows_a_new_membership_after_removal(offender):
    lead = UserFactory()
    MembershipFactory(
        offender=offender,
        lead_officer=lead,
        removed_on=D(2026, 3, 1),
        removal_reason="reduced_risk",
    )
    MembershipFactory(offender=offender, lead_officer=lead, adopted_on=D(2026, 6, 1))
    assert IomMembership.objects.filter(offender=offender).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("adopted_on", {"adopted_on": D(2026, 11, 23)}),
        ("ogrs_score", {"ogrs_score": 101}),
        ("reason", {"reason": "  "}),
    ],
)
def test_it_refuses_bad_adoptions_on_the_field(offender, iom_officer, today, field, kwargs):
    with pytest.raises(ValidationError) as error:
        adopt(offender, iom_officer, today, **kwargs)
    assert field in error.value.message_dict


@pytest.mark.django_db
def test_the_lead_officer_must_be_an_iom_officer_of_the_force(
    offender, iom_officer, custody_sergeant, today
):
    with pytest.raises(ValidationError) as error:
        services.adopt_iom_member(
            offender=offender,
            cohort="flexible",
            adopted_on=D(2026, 9, 1),
            reason="x",
            lead_officer=custody_sergeant,
            by=iom_officer,
            today=today,
        )
    assert "lead_officer" in error.value.message_dict


@pytest.mark.django_db
def test_a_move_is_recorded_and_changes_the_cohort_from_its_date(offender, iom_officer, today):
    membership = adopt(offender, iom_officer, today)
    membership, warnings = services.move_iom_member(
        membership=membership,
        to_cohort="fixed",
        moved_on=D(2026, 10, 1),
        reason="Burglary series",
        by=iom_officer,
        today=today,
        version=1,
    )
    assert membership.cohort == "fixed" and membership.version == 2
    assert len(warnings) == 2
    move = CohortMove.objects.get()
    assert (move.from_cohort, move.to_cohort) == ("flexible", "fixed")
    membership = IomMembership.objects.prefetch_related("moves").get()
    assert membership.cohort_on(D(2026, 9, 30)) == "flexible"
    assert membership.cohort_on(D(2026, 10, 1)) == "fixed"


@pytest.mark.django_db
def test_a_move_based_on_a_stale_version_is_refused(offender, iom_officer, today):
    from core.concurrency import StaleVersion

    membership = adopt(offender, iom_officer, today)
    with pytest.raises(StaleVersion):
        services.move_iom_member(
            membership=membership,
            to_cohort="fixed",
            moved_on=D(2026, 10, 1),
            reason="x",
            by=iom_officer,
            today=today,
            version=7,
        )


@pytest.mark.django_db
def test_a_review_moves_the_deadline_and_the_reminder_follows_it(offender, iom_officer, today):
    membership = adopt(offender, iom_officer, today)
    services.record_iom_review(
        membership=membership,
        reviewed_on=D(2026, 11, 20),
        notes="Engaging",
        by=iom_officer,
        today=today,
    )
    deadline = Deadline.objects.get()
    assert deadline.due_at == end_of_day(D(2027, 2, 12))
    send_due_alerts(now=end_of_day(D(2026, 11, 24)) + dt.timedelta(hours=1))  # the old due time
    assert not Notification.objects.exists()
    send_due_alerts(now=end_of_day(D(2027, 2, 5)))
    assert Notification.objects.get(user=iom_officer).stage == "warning"


@pytest.mark.django_db
def test_removal_closes_the_review_deadline_and_is_audited(offender, iom_officer, today):
    membership = adopt(offender, iom_officer, today)
    membership = services.remove_iom_member(
        membership=membership,
        removed_on=D(2026, 11, 1),
        reason="long_custody",
        by=iom_officer,
        at=timezone.now(),
        today=today,
    )
    assert membership.removed_on == D(2026, 11, 1)
    assert Deadline.objects.get().status == Status.CANCELLED
    assert AccessEvent.objects.filter(action="update", offender=offender).count() == 1
    with pytest.raises(ValidationError):
        services.remove_iom_member(
            membership=membership,
            removed_on=D(2026, 11, 2),
            reason="died",
            by=iom_officer,
            at=timezone.now(),
            today=today,
        )


@pytest.mark.django_db
def test_removal_before_adoption_or_with_an_unknown_reason_is_refused(offender, iom_officer, today):
    membership = adopt(offender, iom_officer, today)
    for kwargs, field in [
        ({"removed_on": D(2026, 8, 31), "reason": "died"}, "removed_on"),
        ({"removed_on": D(2026, 10, 1), "reason": "bored"}, "reason"),
        ({"removed_on": D(2026, 10, 1), "reason": "other"}, "note"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.remove_iom_member(
                membership=membership, by=iom_officer, at=timezone.now(), today=today, **kwargs
            )
        assert field in error.value.message_dict


@pytest.mark.django_db
def test_managed_in_community_follows_the_prison_status_unless_overridden(today):
    person = OffenderFactory(in_prison_since=D(2026, 10, 1))
    membership = MembershipFactory(offender=person, lead_officer=UserFactory())
    assert membership.managed_in_community_on(D(2026, 9, 30)) is True
    assert membership.managed_in_community_on(D(2026, 10, 1)) is False
    membership.managed_in_community_override = True
    assert membership.managed_in_community_on(D(2026, 10, 1)) is True


@pytest.mark.django_db
def test_the_person_summary_and_timeline_show_iom(offender, iom_officer, custody_sergeant, today):
    from offenders.summary import summary_for
    from offenders.timeline import timeline_for

    membership = adopt(offender, iom_officer, today)
    services.move_iom_member(
        membership=membership,
        to_cohort="fixed",
        moved_on=D(2026, 10, 1),
        reason="Burglary",
        by=iom_officer,
        today=today,
    )
    assert summary_for(offender)["cohorts"] == ["iom_fixed"]
    titles = {e.title: e.url for e in timeline_for(offender, iom_officer) if e.kind == "iom"}
    assert titles == {
        "Adopted into IOM: flexible cohort": f"/cohorts/iom/members/{membership.pk}/",
        "IOM cohort changed: flexible to fixed": f"/cohorts/iom/members/{membership.pk}/",
    }
    assert all(not e.url for e in timeline_for(offender, custody_sergeant) if e.kind == "iom")
    services.remove_iom_member(
        membership=membership,
        removed_on=D(2026, 11, 1),
        reason="moved_away",
        by=iom_officer,
        at=timezone.now(),
        today=today,
    )
    assert summary_for(offender)["cohorts"] == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_panels_adopting_the_same_person_at_once_make_one_membership(today):
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("concurrent adoptions need PostgreSQL row locks; SQLite serialises writers")
    person = OffenderFactory()
    leads = [UserFactory(roles=["iom_officer"]) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes = []

    def adopt_as(lead):
        try:
            barrier.wait()
            adopt(person, lead, today)
            outcomes.append("adopted")
        except ValidationError as error:
            outcomes.append(error.message_dict["offender"][0])
        finally:
            connection.close()

    threads = [threading.Thread(target=adopt_as, args=(lead,)) for lead in leads]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert outcomes.count("adopted") == 1
    assert any("already on the IOM scheme" in outcome for outcome in outcomes)
    assert IomMembership.objects.filter(offender=person).count() == 1


@pytest.mark.django_db
def test_an_overdue_review_escalates_to_supervisors_a_week_later(
    offender, iom_officer, supervisor, today
):
    adopt(offender, iom_officer, today)
    due = end_of_day(D(2026, 11, 24))
    send_due_alerts(now=due)
    assert list(Notification.objects.filter(user=iom_officer).values_list("stage", flat=True)) == [
        "overdue"
    ]
    send_due_alerts(now=due + dt.timedelta(days=6))
    assert not Notification.objects.filter(stage="escalation").exists()
    send_due_alerts(now=due + dt.timedelta(days=7))
    assert Notification.objects.get(stage="escalation").user == supervisor
