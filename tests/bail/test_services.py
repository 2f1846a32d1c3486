"""Bail services: what each verb records, refuses, audits and does to the reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from audit.models import AccessEvent
from bail import services
from bail.choices import CaseStatus
from bail.models import BailCase, BailExtension, LapseAssessment
from core.calendar import end_of_day
from core.concurrency import StaleVersion
from deadlines.models import Deadline, Kind
from deadlines.models import Status as DeadlineStatus
from tests.bail.conftest import NOW, TODAY, arrested_for_end, open_bail

pytestmark = pytest.mark.django_db

d = dt.date


def errors(caught) -> dict:
    return caught.value.message_dict


def test_opening_bail_computes_the_period_and_opens_the_reminder(
    offender, bail_officer, investigator
):
    case = open_bail(
        offender, bail_officer, arrested_on=d(2026, 11, 12), officer_in_case=investigator
    )

    assert (case.regime, case.bail_start_date, case.bail_period_ends, case.return_date) == (
        "2022",
        d(2026, 11, 13),
        d(2027, 2, 12),
        d(2027, 2, 12),
    )
    deadline = Deadline.objects.get()
    assert deadline.kind == Kind.BAIL_PERIOD_END
    assert deadline.due_at == end_of_day(d(2027, 2, 12))
    assert deadline.owner_user == investigator
    assert deadline.owner_team.code == "bail-management"
    assert deadline.escalate_to_role == "supervisor"
    assert deadline.warning_leads == [14 * 86400, 3 * 86400]
    assert offender.last_name not in deadline.title
    assert AccessEvent.objects.filter(
        action="create", offender=offender, object_id=str(case.pk)
    ).exists()


def test_the_warning_leads_and_rui_interval_come_from_settings(offender, bail_officer, settings):
    settings.BAIL_WARNING_LEAD_DAYS = (7,)
    settings.BAIL_RUI_REVIEW_DAYS = 30
    open_bail(offender, bail_officer)
    rui = open_bail(offender, bail_officer, status="rui", arrested_on=d(2026, 11, 1))

    assert Deadline.objects.get(kind=Kind.BAIL_PERIOD_END).warning_leads == [7 * 86400]
    assert rui.next_rui_review_due == d(2026, 11, 30)
    assert Deadline.objects.get(kind=Kind.RUI_REVIEW).due_at == end_of_day(d(2026, 11, 30))


def test_a_2017_regime_arrest_gets_28_days(offender, bail_officer):
    case = open_bail(offender, bail_officer, arrested_on=d(2022, 10, 27))
    assert (case.regime, case.bail_period_ends) == ("2017", d(2022, 11, 24))


def test_an_rui_case_has_no_conditions(offender, bail_officer):
    with pytest.raises(ValidationError) as caught:
        open_bail(offender, bail_officer, status="rui", conditions=[{"text": "Curfew"}])
    assert "conditions" in errors(caught)


def test_a_victim_protecting_condition_needs_the_victims_views(offender, bail_officer):
    conditions = [{"text": "Not to contact the complainant", "protects_victim": True}]
    with pytest.raises(ValidationError) as caught:
        open_bail(offender, bail_officer, conditions=conditions)
    assert "victim" in errors(caught)["victim_views"][0]
    assert not BailCase.objects.exists()

    case = open_bail(
        offender,
        bail_officer,
        conditions=conditions,
        victim_views={"sought": False, "not_practicable_reason": "Victim in hospital, unconscious"},
    )
    assert case.conditions.get().protects_victim
    assert case.victim_views.get().not_practicable_reason.startswith("Victim in hospital")


def test_an_arrest_in_the_future_is_refused(offender, bail_officer):
    with pytest.raises(ValidationError) as caught:
        open_bail(offender, bail_officer, arrested_on=TODAY + dt.timedelta(days=1))
    assert "arrested_on" in errors(caught)


def test_an_inspectors_extension_moves_the_period_and_the_reminder(
    offender, bail_officer, inspector
):
    case = open_bail(offender, bail_officer, arrested_on=d(2026, 9, 1))
    extension = services.extend_bail(
        case=case,
        authority="inspector",
        decided_on=TODAY,
        authorised_by_name="Ian Moss",
        authorised_by_rank="inspector",
        by=inspector,
        now=NOW,
        version=case.version,
    )
    case.refresh_from_db()
    assert extension.previous_end == d(2026, 12, 1)
    assert case.bail_period_ends == d(2027, 3, 1) == case.return_date
    assert case.version == 2
    assert Deadline.objects.get().due_at == end_of_day(d(2027, 3, 1))


def test_a_sergeant_cannot_authorise_an_extension(offender, bail_officer):
    case = open_bail(offender, bail_officer)
    with pytest.raises(ValidationError) as caught:
        services.extend_bail(
            case=case,
            authority="inspector",
            decided_on=TODAY,
            authorised_by_name="Sam Okafor",
            authorised_by_rank="sergeant",
            by=bail_officer,
            now=NOW,
        )
    assert "inspector or above" in errors(caught)["authorised_by"][0]


def test_an_extension_based_on_a_stale_version_is_refused(offender, bail_officer):
    case = open_bail(offender, bail_officer)
    with pytest.raises(StaleVersion):
        services.extend_bail(
            case=case,
            authority="inspector",
            decided_on=TODAY,
            authorised_by_name="Ian Moss",
            authorised_by_rank="inspector",
            by=bail_officer,
            now=NOW,
            version=0,
        )


def test_bail_past_its_end_is_lapsed_and_cannot_be_extended(offender, bail_officer):
    case = open_bail(
        offender, bail_officer, arrested_on=arrested_for_end(TODAY - dt.timedelta(days=1))
    )
    assert case.status == CaseStatus.LAPSED
    assert case.lapsed_on == TODAY
    with pytest.raises(ValidationError) as caught:
        services.extend_bail(
            case=case,
            authority="inspector",
            decided_on=TODAY,
            authorised_by_name="Ian Moss",
            authorised_by_rank="inspector",
            by=bail_officer,
            now=NOW,
        )
    assert "cannot be extended" in errors(caught)["decided_on"][0]


def test_an_extension_decided_in_time_can_be_recorded_after_the_lapse(offender, bail_officer):
    last_day = TODAY - dt.timedelta(days=1)
    case = open_bail(offender, bail_officer, arrested_on=arrested_for_end(last_day))
    services.extend_bail(
        case=case,
        authority="inspector",
        decided_on=last_day,
        authorised_by_name="Ian Moss",
        authorised_by_rank="inspector",
        by=bail_officer,
        now=NOW,
    )
    case.refresh_from_db()
    assert (case.status, case.lapsed_on) == (CaseStatus.BAIL, None)


def test_the_nightly_task_records_lapses_once(offender, bail_officer):
    case = open_bail(offender, bail_officer, arrested_on=arrested_for_end(TODAY))
    assert services.record_lapses(now=NOW) == 0
    tomorrow = NOW + dt.timedelta(days=1)
    assert services.record_lapses(now=tomorrow) == 1
    assert services.record_lapses(now=tomorrow) == 0
    case.refresh_from_db()
    assert (case.status, case.lapsed_on) == (CaseStatus.LAPSED, TODAY + dt.timedelta(days=1))
    assert Deadline.objects.get().status == DeadlineStatus.OPEN  # until the lapse is assessed


def test_the_celery_task_calls_the_service(offender, bail_officer, time_machine):
    from bail.tasks import mark_lapsed

    open_bail(offender, bail_officer, arrested_on=arrested_for_end(TODAY))
    time_machine.move_to(NOW + dt.timedelta(days=2))
    assert mark_lapsed.delay().get() == 1


def test_assessing_a_lapse_as_rui_opens_the_review_and_misses_the_bail_deadline(
    offender, bail_officer
):
    case = open_bail(
        offender, bail_officer, arrested_on=arrested_for_end(TODAY - dt.timedelta(days=3))
    )
    with pytest.raises(ValidationError) as caught:
        services.assess_lapse(
            case=case,
            decision="continue_rui",
            decided_on=TODAY,
            rationale=" ",
            by=bail_officer,
            now=NOW,
        )
    assert "rationale" in errors(caught)

    services.assess_lapse(
        case=case,
        decision="continue_rui",
        decided_on=TODAY,
        rationale="Awaiting phone download",
        by=bail_officer,
        now=NOW,
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.RUI
    assert case.rui_since == TODAY
    assessment = LapseAssessment.objects.get()
    assert (assessment.decision, assessment.outcome) == ("continue_rui", "")
    assert Deadline.objects.get(kind=Kind.BAIL_PERIOD_END).status == DeadlineStatus.MISSED
    assert Deadline.objects.get(kind=Kind.RUI_REVIEW).status == DeadlineStatus.OPEN


def test_closing_a_lapsed_case_records_the_outcome(offender, bail_officer):
    case = open_bail(
        offender, bail_officer, arrested_on=arrested_for_end(TODAY - dt.timedelta(days=3))
    )
    services.assess_lapse(
        case=case,
        decision="close",
        outcome="nfa",
        decided_on=TODAY,
        rationale="No evidence",
        by=bail_officer,
        now=NOW,
    )
    case.refresh_from_db()
    assert (case.status, case.outcome, case.ended_on) == (CaseStatus.ENDED, "nfa", TODAY)


def test_charging_ends_the_case_and_meets_the_reminder(offender, bail_officer):
    case = open_bail(offender, bail_officer)
    services.end_case(case=case, ended_on=TODAY, reason="charged", by=bail_officer, now=NOW)
    case.refresh_from_db()
    assert case.status == CaseStatus.ENDED
    assert case.charging_file_status(TODAY) == "Ended on 22 Nov 2026: charged"
    assert Deadline.objects.get().status == DeadlineStatus.MET
    with pytest.raises(ValidationError):
        services.end_case(case=case, ended_on=TODAY, reason="nfa", by=bail_officer, now=NOW)


def test_live_bail_cannot_be_ended_as_lapsed(offender, bail_officer):
    case = open_bail(offender, bail_officer)
    with pytest.raises(ValidationError) as caught:
        services.end_case(case=case, ended_on=TODAY, reason="lapsed", by=bail_officer, now=NOW)
    assert "has not lapsed" in errors(caught)["reason"][0]


def test_rui_cannot_lapse(offender, bail_officer):
    case = open_bail(offender, bail_officer, status="rui")
    with pytest.raises(ValidationError) as caught:
        services.end_case(case=case, ended_on=TODAY, reason="lapsed", by=bail_officer, now=NOW)
    assert "no time limit" in errors(caught)["reason"][0]


def test_an_rui_review_moves_the_review_deadline(offender, bail_officer):
    case = open_bail(offender, bail_officer, status="rui", arrested_on=d(2026, 9, 1))
    assert case.next_rui_review_due == d(2026, 11, 29)
    services.record_rui_review(
        case=case, reviewed_on=TODAY, notes="Forensics back in January", by=bail_officer, now=NOW
    )
    case.refresh_from_db()
    assert case.next_rui_review_due == d(2027, 2, 19)
    assert Deadline.objects.get().due_at == end_of_day(d(2027, 2, 19))


def test_varying_a_victim_condition_needs_views_and_whether_the_victim_was_told(
    offender, bail_officer
):
    case = open_bail(offender, bail_officer, conditions=[{"text": "Reside at home address"}])
    with pytest.raises(ValidationError) as caught:
        services.vary_conditions(
            case=case,
            varied_on=TODAY,
            by=bail_officer,
            now=NOW,
            add=[{"text": "Not to enter Elm Road", "protects_victim": True}],
            victim_views={"sought": True, "views": "Wants the exclusion zone"},
        )
    assert "victim_told" in errors(caught)

    old = case.conditions.get()
    services.vary_conditions(
        case=case,
        varied_on=TODAY,
        by=bail_officer,
        now=NOW,
        add=[{"text": "Not to enter Elm Road", "protects_victim": True}],
        remove=[old.pk],
        victim_views={"sought": True, "views": "Wants the exclusion zone"},
        victim_told=True,
    )
    old.refresh_from_db()
    assert old.removed_on == TODAY  # kept on the record, no longer in force
    assert [c.text for c in case.conditions.filter(removed_on=None)] == ["Not to enter Elm Road"]
    assert case.variations.last().victim_told is True
    assert old.history.count() == 2


def test_the_database_refuses_an_extension_that_shortens_bail(offender, bail_officer):
    case = open_bail(offender, bail_officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        BailExtension.objects.create(
            case=case,
            authority="inspector",
            decided_on=TODAY,
            authorised_by_name="X",
            previous_end=case.bail_period_ends,
            new_end=case.bail_period_ends,
        )


def test_the_database_refuses_bail_without_its_dates(offender, bail_officer):
    case = open_bail(offender, bail_officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        BailCase.objects.filter(pk=case.pk).update(return_date=None)


def _lapse_events():
    return AccessEvent.objects.filter(detail__has_key="lapsed_on")


def test_a_lapse_found_by_an_officers_action_is_logged_as_that_officer(offender, bail_officer):
    # Bail that ends today, then an officer ends the case two days later: the service
    # records the lapse first, and the access log names the officer, not the nightly task.
    case = open_bail(offender, bail_officer, arrested_on=arrested_for_end(TODAY))
    later = NOW + dt.timedelta(days=2)
    services.end_case(
        case=case,
        ended_on=TODAY + dt.timedelta(days=2),
        reason="charged",
        by=bail_officer,
        now=later,
        rationale="Charged after the lapse",
    )
    event = _lapse_events().get()
    assert (event.user, event.username) == (bail_officer, bail_officer.username)


def test_a_case_opened_after_its_period_ended_logs_the_lapse_as_the_officer(offender, bail_officer):
    open_bail(offender, bail_officer, arrested_on=arrested_for_end(TODAY - dt.timedelta(days=1)))
    event = _lapse_events().get()
    assert (event.user, event.username) == (bail_officer, bail_officer.username)


def test_the_nightly_task_logs_its_lapses_as_itself(offender, bail_officer):
    open_bail(offender, bail_officer, arrested_on=arrested_for_end(TODAY))
    services.record_lapses(now=NOW + dt.timedelta(days=1))
    event = _lapse_events().get()
    assert (event.user, event.username) == (None, "bail.tasks.mark_lapsed")


@pytest.mark.parametrize("cases", [2, 8])
def test_recording_lapses_costs_the_same_for_two_cases_or_eight(
    bail_officer, cases, django_assert_max_num_queries
):
    from tests.factories import OffenderFactory

    for _ in range(cases):
        open_bail(OffenderFactory(), bail_officer, arrested_on=arrested_for_end(TODAY))
    with django_assert_max_num_queries(6):
        assert services.record_lapses(now=NOW + dt.timedelta(days=1)) == cases
    lapsed = BailCase.objects.filter(status=CaseStatus.LAPSED)
    assert lapsed.count() == cases
    assert {c.lapsed_on for c in lapsed} == {TODAY + dt.timedelta(days=1)}
    assert {c.version for c in lapsed} == {2}
    assert {c.history.latest("history_id").status for c in lapsed} == {CaseStatus.LAPSED}
    assert _lapse_events().count() == cases


@pytest.mark.parametrize(
    ("varied_on", "allowed"),
    [(TODAY, True), (TODAY - dt.timedelta(days=1), False)],
)
def test_conditions_can_be_varied_from_the_day_bail_was_granted(
    offender, bail_officer, varied_on, allowed
):
    # Arrested and bailed today: the bail period starts tomorrow, the conditions bind today.
    case = open_bail(offender, bail_officer, arrested_on=TODAY, conditions=[{"text": "Curfew"}])
    assert case.bail_start_date > TODAY
    vary = {"case": case, "varied_on": varied_on, "by": bail_officer, "now": NOW}
    if allowed:
        services.vary_conditions(**vary, add=[{"text": "Reside at 4 Elm Road"}])
        assert case.conditions.filter(removed_on=None).count() == 2
    else:
        with pytest.raises(ValidationError) as caught:
            services.vary_conditions(**vary, add=[{"text": "Reside at 4 Elm Road"}])
        assert errors(caught)["varied_on"] == [f"Bail was granted on {TODAY:%-d %B %Y}."]
