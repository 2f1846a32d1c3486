"""Partners services: the directory, needs, referrals, deadlines, the gap map."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AccessEvent
from core.concurrency import StaleVersion
from deadlines.models import Deadline, Kind
from disposals.models import Intervention
from offenders.models import Offence, OffenceType, OutcomeCode
from partners import selectors, services
from partners.models import OffenceProof, Service
from tests.factories import OffenderFactory, UserFactory, force
from tests.partners.conftest import TODAY, area, make_service, need

pytestmark = pytest.mark.django_db
D = dt.date


def test_every_oocd_course_and_the_rj_hub_are_services_in_each_forces_directory():
    for code in ("suffolk", "norfolk"):
        directory = Service.objects.filter(force=force(code))
        assert directory.filter(restorative_justice_hub=True).count() == 1
        assert directory.filter(intervention__isnull=False).count() == Intervention.objects.count()
    drugs = Service.objects.get(force=force("suffolk"), intervention__code="drug-awareness")
    assert [n.code for n in drugs.needs.all()] == ["substance_misuse"]


def test_a_service_with_a_funding_end_opens_a_deadline_for_the_commissioners_team():
    service = make_service(funding_ends_on=D(2027, 6, 30), capacity=10, places_free=3)
    deadline = Deadline.objects.get(kind=Kind.SERVICE_FUNDING_END, object_id=service.pk)
    assert deadline.owner_team.code == "partnerships"
    assert deadline.offender is None
    assert timezone.localtime(deadline.due_at).date() == D(2027, 6, 30)
    # Warned three months and one month before (the warning leads in seconds).
    warn_days = sorted(
        timezone.localtime(deadline.due_at - dt.timedelta(seconds=s)).date()
        for s in deadline.warning_leads
    )
    assert warn_days == [D(2027, 3, 30), D(2027, 5, 30)]


def test_editing_the_funding_end_moves_the_deadline_and_inactive_cancels_it():
    service = make_service(funding_ends_on=D(2027, 6, 30))
    admin = UserFactory(roles=["admin"])
    common = {
        "force": service.force,
        "code": service.code,
        "service": service,
        "needs": list(service.needs.all()),
        "districts": [],
        "by": admin,
        "at": timezone.now(),
        "name": service.name,
        "provider": service.provider,
    }
    services.save_service(version=1, funding_ends_on=D(2027, 9, 30), **common)
    open_ = Deadline.objects.open().filter(kind=Kind.SERVICE_FUNDING_END, object_id=service.pk)
    assert [timezone.localtime(d.due_at).date() for d in open_] == [D(2027, 9, 30)]
    services.save_service(version=2, funding_ends_on=D(2027, 9, 30), active=False, **common)
    assert not Deadline.objects.open().filter(kind=Kind.SERVICE_FUNDING_END).exists()
    with pytest.raises(StaleVersion):
        services.save_service(version=2, **common)


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"capacity": 3, "places_free": 4}, "places_free"),
        ({"min_age": 30, "max_age": 20}, "max_age"),
        ({"name": " "}, "name"),
        ({"cohorts": ["nobody"]}, "cohorts"),
    ],
)
def test_a_bad_service_is_refused_on_its_field(extra, field):
    with pytest.raises(ValidationError) as error:
        make_service(**extra)
    assert field in error.value.message_dict


def test_a_duplicate_code_is_refused_on_code():
    make_service()
    with pytest.raises(ValidationError) as error:
        make_service()
    assert "code" in error.value.message_dict


def test_referral_opens_a_response_deadline_met_by_the_first_answer(iom_officer):
    person = OffenderFactory()
    service = make_service()
    referral = services.refer(
        offender=person,
        service=service,
        need=need("accommodation"),
        referred_on=TODAY,
        by=iom_officer,
        today=TODAY,
    )
    deadline = Deadline.objects.get(kind=Kind.REFERRAL_RESPONSE, object_id=referral.pk)
    assert deadline.is_open and deadline.owner_user == iom_officer
    assert timezone.localtime(deadline.due_at).date() == D(2026, 12, 5)
    services.record_progress(
        referral=referral,
        status="accepted",
        on=D(2026, 11, 25),
        by=iom_officer,
        today=D(2026, 11, 25),
        at=timezone.now(),
        version=1,
    )
    deadline.refresh_from_db()
    assert deadline.status == "met"
    referral.refresh_from_db()
    assert (referral.status, referral.version, referral.progress.count()) == ("accepted", 2, 2)
    assert AccessEvent.objects.filter(offender=person, object_type="partners.referral").count() == 2


def test_progress_out_of_order_is_refused_and_engagement_is_remembered(iom_officer):
    referral = services.refer(
        offender=OffenderFactory(),
        service=make_service(),
        referred_on=TODAY,
        by=iom_officer,
        today=TODAY,
    )
    kwargs = {"by": iom_officer, "today": TODAY, "at": timezone.now()}
    with pytest.raises(ValidationError) as error:
        services.record_progress(referral=referral, status="engaged", on=TODAY, **kwargs)
    assert "status" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.record_progress(
            referral=referral, status="accepted", on=TODAY - dt.timedelta(days=1), **kwargs
        )
    assert "on" in error.value.message_dict
    for status in ("accepted", "engaged", "disengaged"):
        referral = services.record_progress(referral=referral, status=status, on=TODAY, **kwargs)
    assert referral.ever_engaged and referral.status == "disengaged"
    with pytest.raises(StaleVersion):
        services.record_progress(referral=referral, status="engaged", on=TODAY, version=1, **kwargs)


def test_a_referral_to_a_service_of_another_force_or_for_an_unmet_need_is_refused(iom_officer):
    person = OffenderFactory()
    norfolk_hub = Service.objects.get(force=force("norfolk"), code="rj-hub")
    with pytest.raises(ValidationError) as error:
        services.refer(
            offender=person, service=norfolk_hub, referred_on=TODAY, by=iom_officer, today=TODAY
        )
    assert "service" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.refer(
            offender=person,
            service=make_service(),
            need=need("employment"),
            referred_on=TODAY,
            by=iom_officer,
            today=TODAY,
        )
    assert "need" in error.value.message_dict


def test_eligibility_warnings_name_what_does_not_fit():
    person = OffenderFactory(date_of_birth=D(2000, 1, 1))
    service = make_service(gender="female", min_age=30)
    warnings = services.eligibility_warnings(offender=person, service=service, on=TODAY)
    assert len(warnings) == 2


def test_the_gap_map_counts_people_places_waiting_and_declined(iom_officer):
    south, east = area("south"), area("east")
    make_service(capacity=10, places_free=1)  # accommodation, South only
    make_service("jobs", needs=("employment",), districts=(), places_free=5)  # whole force
    people = [OffenderFactory(home_area=south) for _ in range(3)] + [
        OffenderFactory(home_area=east)
    ]
    for p in people:
        services.record_need(
            offender=p,
            need=need("accommodation"),
            source_kind="iom",
            assessed_on=TODAY,
            by=iom_officer,
            today=TODAY,
        )
    referral = services.refer(
        offender=people[0],
        service=Service.objects.get(code="housing-south"),
        need=need("accommodation"),
        referred_on=TODAY,
        by=iom_officer,
        today=TODAY,
    )
    gaps = selectors.gap_map(force("suffolk").pk)
    cell = gaps.cell("south", "accommodation")
    assert (cell.people, cell.places, cell.waiting, cell.declined) == (3, 1, 1, 0)
    assert cell.status == "short" and cell.shortfall == 2
    assert gaps.cell("east", "accommodation").status == "no_service"
    assert gaps.cell("east", "employment").places == 5
    services.record_progress(
        referral=referral,
        status="declined",
        on=TODAY,
        by=iom_officer,
        today=TODAY,
        at=timezone.now(),
    )
    cell = selectors.gap_map(force("suffolk").pk).cell("south", "accommodation")
    assert (cell.waiting, cell.declined) == (0, 1)


def test_pathways_list_partner_referrals_oocd_courses_and_restorative_justice(iom_officer):
    from disposals.models import Disposal, RestorativeJusticeReferral
    from disposals.models import Referral as CourseReferral

    person = OffenderFactory()
    services.refer(
        offender=person, service=make_service(), referred_on=TODAY, by=iom_officer, today=TODAY
    )
    disposal = Disposal.objects.create(
        offender=person,
        force=person.force,
        district=area("south"),
        disposal_type="community_resolution",
        framework="legacy_two_tier",
        decided_on=D(2026, 10, 1),
        decided_by=iom_officer,
        age_at_decision=36,
        offence="Shoplifting",
        offence_date=D(2026, 9, 30),
        offence_category="either_way",
        admitted=True,
        consented=True,
        outcome_code="8",
    )
    CourseReferral.objects.create(
        disposal=disposal,
        intervention=Intervention.objects.get(code="drug-awareness"),
        referred_on=D(2026, 10, 2),
        referred_by=iom_officer,
        status_on=D(2026, 10, 2),
    )
    RestorativeJusticeReferral.objects.create(disposal=disposal, referred_on=D(2026, 10, 3))
    rows = selectors.pathways(person, iom_officer)
    assert [r.kind for r in rows] == [
        "Partner referral",
        "Restorative justice",
        "Out-of-court disposal course",
    ]
    assert rows[1].service_name == "Restorative Justice Hub"
    assert rows[2].service_name == "Drug awareness course"
    assert "oocd-drug-awareness" in rows[2].service_url


def test_dapu_needs_are_seen_only_by_dapu_roles(iom_officer):
    from partners.access import visible_needs

    person = OffenderFactory()
    dapu = UserFactory(roles=["dapu_officer"])
    services.record_need(
        offender=person,
        need=need("family"),
        source_kind="dapu",
        assessed_on=TODAY,
        by=dapu,
        today=TODAY,
    )
    assert visible_needs(dapu).count() == 1
    assert visible_needs(iom_officer).count() == 0


def test_reoffending_uses_recorded_convictions_and_caution_outcomes(iom_officer):
    from cohorts.models import IomMembership

    theft = OffenceType.objects.get(code="shoplifting")
    people = [OffenderFactory() for _ in range(10)]
    for p in people:
        IomMembership.objects.create(
            force=p.force,
            offender=p,
            cohort="free",
            adopted_on=D(2024, 1, 10),
            reason="test",
            lead_officer=iom_officer,
        )
    charged = Offence.objects.create(
        offender=people[0],
        offence_type=theft,
        committed_on=D(2024, 3, 1),
        outcome=OutcomeCode.CHARGED,
        outcome_on=D(2024, 3, 2),
    )
    OffenceProof.objects.create(offence=charged, kind="conviction", proved_on=D(2024, 5, 1))
    Offence.objects.create(  # a caution: proved on its outcome date
        offender=people[1],
        offence_type=theft,
        committed_on=D(2024, 4, 1),
        outcome=OutcomeCode.ADULT_CAUTION,
        outcome_on=D(2024, 4, 2),
    )
    Offence.objects.create(  # charged, never convicted: not proven
        offender=people[2],
        offence_type=theft,
        committed_on=D(2024, 4, 1),
        outcome=OutcomeCode.CHARGED,
        outcome_on=D(2024, 4, 2),
    )
    report = selectors.reoffending_report(
        force("suffolk").pk,
        cohort="iom",
        first=D(2024, 1, 1),
        last=D(2024, 12, 31),
        on=TODAY,
        threshold=10,
    )
    assert (report.overall.cohort_size, report.overall.reoffenders) == (10, 2)
    assert report.overall.rate == Decimal("0.2")
    with pytest.raises(selectors.UnknownCohort):
        selectors.cohort_index_dates(force("suffolk").pk, "dapu", D(2024, 1, 1), TODAY)
