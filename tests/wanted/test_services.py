"""Every state change of the wanted app and the deadline it opens, meets or cancels."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from audit.models import AccessEvent
from bail import services as bail_services
from core.concurrency import StaleVersion
from custody import services as custody_services
from deadlines.models import Deadline, Kind, Status
from tests.factories import OffenderFactory, UserFactory, force
from tests.wanted.conftest import NOW, TODAY, circulate, suspect, warrant
from wanted import services
from wanted.models import ReviewCadence, WantedCirculation

pytestmark = pytest.mark.django_db


def _deadlines(record, kind):
    return Deadline.objects.filter(object_id=record.pk, kind=kind).order_by("pk")


def test_circulating_opens_a_review_deadline_28_days_after_the_pnc_date(offender, investigator):
    circulation = circulate(offender, investigator)
    assert circulation.next_review_due == TODAY + dt.timedelta(days=18)
    (deadline,) = _deadlines(circulation, Kind.WANTED_REVIEW)
    assert deadline.status == Status.OPEN
    assert deadline.owner_user == investigator
    assert deadline.escalate_to_role == "supervisor"
    assert AccessEvent.objects.filter(
        action="create", offender=offender, object_id=str(circulation.pk)
    ).exists()


def test_the_force_sets_its_own_cadence(offender, investigator):
    ReviewCadence.objects.create(force=offender.force, wanted_days=14)
    circulation = circulate(offender, investigator, circulated_on=TODAY)
    assert circulation.next_review_due == TODAY + dt.timedelta(days=14)


def test_it_refuses_a_circulation_without_code_g_necessity(offender, investigator):
    with pytest.raises(ValidationError) as error:
        circulate(offender, investigator, necessity="needed")
    assert "necessity" in error.value.message_dict
    assert not WantedCirculation.objects.exists()


def test_a_bail_reason_needs_the_bail_case(offender, investigator):
    with pytest.raises(ValidationError) as error:
        circulate(offender, investigator, reason="failed_to_answer_bail")
    assert "bail_case" in error.value.message_dict


def test_a_breach_of_bail_is_linked_to_the_bail_case(offender, investigator):
    case = bail_services.open_case(
        offender=offender,
        arrested_on=TODAY - dt.timedelta(days=20),
        status="bail",
        by=investigator,
        now=NOW,
    )
    circulation = circulate(
        offender, investigator, reason="breach_of_bail_conditions", bail_case=case
    )
    assert circulation.bail_case == case


def test_rui_fresh_evidence_needs_an_rui_case(offender, investigator):
    case = bail_services.open_case(
        offender=offender,
        arrested_on=TODAY - dt.timedelta(days=20),
        status="bail",
        by=investigator,
        now=NOW,
    )
    with pytest.raises(ValidationError) as error:
        circulate(offender, investigator, reason="rui_fresh_evidence", bail_case=case)
    assert "bail_case" in error.value.message_dict


def test_it_refuses_another_persons_bail_case(offender, investigator):
    other = OffenderFactory()
    case = bail_services.open_case(
        offender=other,
        arrested_on=TODAY - dt.timedelta(days=20),
        status="rui",
        by=investigator,
        now=NOW,
    )
    with pytest.raises(ValidationError) as error:
        circulate(offender, investigator, reason="rui_fresh_evidence", bail_case=case)
    assert "bail_case" in error.value.message_dict


def test_it_refuses_an_officer_or_district_of_another_force(offender, investigator):
    norfolk_officer = UserFactory(force=force("norfolk"))
    with pytest.raises(ValidationError) as error:
        circulate(offender, investigator, officer_in_case=norfolk_officer)
    assert "officer_in_case" in error.value.message_dict
    area = force("norfolk").areas.first()
    with pytest.raises(ValidationError) as error:
        circulate(offender, investigator, district=area)
    assert "district" in error.value.message_dict


def test_a_review_on_time_meets_the_deadline_and_opens_the_next(offender, investigator):
    circulation = circulate(offender, investigator)
    review = services.record_review(
        case=circulation,
        held_on=TODAY,
        note="Still wanted; address checks.",
        by=investigator,
        now=NOW,
    )
    circulation.refresh_from_db()
    assert review.next_due == TODAY + dt.timedelta(days=28)
    assert circulation.next_review_due == review.next_due
    assert circulation.version == 2
    first, second = _deadlines(circulation, Kind.WANTED_REVIEW)
    assert first.status == Status.MET
    assert second.status == Status.OPEN
    assert not review.late


def test_a_late_review_is_recorded_as_a_missed_deadline(offender, investigator):
    circulation = circulate(offender, investigator, circulated_on=TODAY - dt.timedelta(days=40))
    review = services.record_review(
        case=circulation, held_on=TODAY, note="Late review.", by=investigator, now=NOW
    )
    assert review.late
    first, _second = _deadlines(circulation, Kind.WANTED_REVIEW)
    assert first.status == Status.MISSED


def test_a_stale_version_is_refused_and_nothing_changes(offender, investigator):
    circulation = circulate(offender, investigator)
    with pytest.raises(StaleVersion):
        services.record_review(
            case=circulation, held_on=TODAY, note="x", by=investigator, now=NOW, version=7
        )
    assert not circulation.reviews.exists()


def test_ending_a_circulation_cancels_its_review(offender, investigator):
    circulation = circulate(offender, investigator)
    services.end_circulation(
        circulation=circulation,
        ended_on=TODAY,
        outcome="no_longer_necessary",
        note="Victim withdrew support.",
        by=investigator,
        now=NOW,
    )
    circulation.refresh_from_db()
    assert circulation.outcome == "no_longer_necessary"
    (deadline,) = _deadlines(circulation, Kind.WANTED_REVIEW)
    assert deadline.status == Status.CANCELLED
    with pytest.raises(ValidationError):
        services.end_circulation(
            circulation=circulation, ended_on=TODAY, outcome="arrested", by=investigator, now=NOW
        )


def test_only_an_arrest_links_a_detention(offender, investigator, martlesham, custody_sergeant):
    circulation = circulate(offender, investigator)
    detention = custody_services.book_in(
        offender=OffenderFactory(),
        suite=martlesham,
        arrested_at=NOW - dt.timedelta(hours=1),
        arrived_at=NOW - dt.timedelta(minutes=30),
        detention_authorised_at=NOW - dt.timedelta(minutes=20),
        offence="Theft",
        indictable=False,
        by=custody_sergeant,
    )
    with pytest.raises(ValidationError) as error:
        services.end_circulation(
            circulation=circulation,
            ended_on=TODAY,
            outcome="arrested",
            detention=detention,
            by=investigator,
            now=NOW,
        )
    assert "detention" in error.value.message_dict


def test_booking_a_wanted_person_in_ends_the_circulation_with_the_detention_linked(
    offender, investigator, martlesham, custody_sergeant
):
    circulation = circulate(offender, investigator)
    detention = custody_services.book_in(
        offender=offender,
        suite=martlesham,
        arrested_at=NOW - dt.timedelta(hours=1),
        arrived_at=NOW - dt.timedelta(minutes=30),
        detention_authorised_at=NOW - dt.timedelta(minutes=20),
        offence="Burglary dwelling",
        indictable=True,
        by=custody_sergeant,
    )
    circulation.refresh_from_db()
    assert circulation.outcome == "arrested"
    assert circulation.detention == detention
    assert circulation.ended_on == TODAY
    assert detention.booked_in_notes == [
        f"Wanted circulation {circulation.reference} ended: arrested; it now links to this "
        "detention."
    ]
    (deadline,) = _deadlines(circulation, Kind.WANTED_REVIEW)
    assert deadline.status == Status.CANCELLED


def test_an_outstanding_suspect_is_reviewed_and_resolved(offender, investigator):
    case = suspect(offender, investigator)
    (deadline,) = _deadlines(case, Kind.SUSPECT_REVIEW)
    assert deadline.due_at.date() == case.identified_on + dt.timedelta(days=28)
    with pytest.raises(ValidationError) as error:
        suspect(offender, investigator)
    assert "crime_reference" in error.value.message_dict
    services.resolve_suspect(
        suspect=case, resolved_on=TODAY, resolution="nfa", by=investigator, now=NOW
    )
    case.refresh_from_db()
    assert case.resolution == "nfa" and not case.is_open
    assert _deadlines(case, Kind.SUSPECT_REVIEW).get().status == Status.CANCELLED


def test_a_voluntary_interview_resolves_the_outstanding_suspect(offender, investigator):
    case = suspect(offender, investigator)
    attendance = services.record_attendance(
        offender=offender,
        interviewed_on=TODAY,
        offence="Theft from a shop",
        suspect=case,
        by=investigator,
        now=NOW,
    )
    case.refresh_from_db()
    assert case.resolution == "voluntary_interview"
    services.record_attendance_outcome(
        attendance=attendance, outcome="oocd", outcome_on=TODAY, by=investigator, now=NOW
    )
    attendance.refresh_from_db()
    assert attendance.outcome == "oocd" and attendance.version == 2
    with pytest.raises(ValidationError):
        services.record_attendance_outcome(
            attendance=attendance, outcome="nfa", outcome_on=TODAY, by=investigator, now=NOW
        )


def test_a_warrant_is_reviewed_and_executed(offender, investigator):
    case = warrant(offender, investigator)
    services.record_review(
        case=case, held_on=TODAY, note="Address visited.", by=investigator, now=NOW
    )
    services.end_warrant(warrant=case, ended_on=TODAY, outcome="executed", by=investigator, now=NOW)
    case.refresh_from_db()
    assert case.outcome == "executed"
    met, cancelled = _deadlines(case, Kind.WARRANT_REVIEW)
    assert (met.status, cancelled.status) == (Status.MET, Status.CANCELLED)


@pytest.mark.parametrize(
    ("field", "value"),
    [("court", "  "), ("kind", "bench"), ("issued_on", TODAY + dt.timedelta(days=1))],
)
def test_it_refuses_a_bad_warrant(offender, investigator, field, value):
    with pytest.raises(ValidationError) as error:
        warrant(offender, investigator, **{field: value})
    assert field in error.value.message_dict


def test_set_cadence_refuses_an_interval_out_of_range(investigator):
    with pytest.raises(ValidationError) as error:
        services.set_cadence(
            force=investigator.force,
            wanted_days=3,
            suspect_days=28,
            warrant_days=28,
            performance_age_days=90,
            by=investigator,
        )
    assert "wanted_days" in error.value.message_dict
