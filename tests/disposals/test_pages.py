"""The Offender Diversion Team's pages, the dashboard and the scrutiny-panel page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from audit.models import AccessEvent
from disposals import services
from disposals.models import Disposal, ForceDisposalSettings, ScrutinyReview
from tests.disposals.conftest import TODAY, course, district, make_disposal, release_all
from tests.factories import OffenderFactory, force

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(fixed_today):
    return fixed_today


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def decision_post(**overrides) -> dict:
    data = {
        "disposal_type": "community_resolution",
        "decided_on": "2026-03-01",
        "offence": "Theft of a bicycle",
        "offence_date": "2026-02-20",
        "offence_category": "summary",
        "district": district("south").pk,
        "admitted": "on",
        "consented": "on",
        "victim_views_sought": "on",
        "victim_views": "Wants the bicycle back",
        "c0-kind": "rehabilitative",
        "c0-description": "Attend the course",
        "c0-due_by": "2026-04-01",
        "intervention": "shoplifting-awareness",
    }
    data.update(overrides)
    return data


# --- Decision form ---------------------------------------------------------------------------


def test_the_form_offers_an_adult_the_two_tier_options_and_says_why_the_others_are_not(
    diversion_officer, today
):
    adult = OffenderFactory(date_of_birth=dt.date(1990, 1, 1))
    page = signed_in(diversion_officer).get(f"/disposals/new/{adult.pk}/").content.decode()
    for offered in ["conditional_caution", "community_resolution"]:
        assert f'value="{offered}"' in page
    for hidden in [
        "simple_caution",
        "penalty_notice",
        "cannabis_warning",
        "khat_warning",
        "diversionary_caution",
        "community_caution",
        "youth_caution",
        "outcome_22",
    ]:
        assert f'value="{hidden}"' not in page
    assert "Simple caution: replaced by the adult two-tier framework" in page
    assert "which this force adopted on 1 April 2021" in page


def test_a_decision_before_the_force_adopted_the_two_tier_framework_offers_the_six_options(
    diversion_officer, today
):
    adult = OffenderFactory(date_of_birth=dt.date(1990, 1, 1))
    page = (
        signed_in(diversion_officer)
        .get(f"/disposals/new/{adult.pk}/?decided_on=2021-03-31")
        .content.decode()
    )
    for offered in [
        "conditional_caution",
        "community_resolution",
        "simple_caution",
        "penalty_notice",
    ]:
        assert f'value="{offered}"' in page
    assert 'data-testid="not-offered"' not in page


def test_an_adult_simple_caution_dated_today_is_refused_with_the_rule_named(
    diversion_officer, today
):
    adult = OffenderFactory(date_of_birth=dt.date(1990, 1, 1))
    data = decision_post(disposal_type="simple_caution", intervention="")
    response = signed_in(diversion_officer).post(f"/disposals/new/{adult.pk}/", data)
    assert response.status_code == 400
    assert 'href="#id_disposal_type"' in response.content.decode()
    assert not Disposal.objects.exists()
    # Behind the form, the service refuses it with the rule named (the API's path too).
    with pytest.raises(ValidationError, match="replaced by the adult two-tier framework"):
        make_disposal(
            by=diversion_officer,
            offender=adult,
            disposal_type="simple_caution",
            conditions=[],
            decided_on=today,
        )


def test_the_form_pre_chooses_no_offence_category_or_district(diversion_officer, today):
    adult = OffenderFactory(date_of_birth=dt.date(1990, 1, 1))
    page = signed_in(diversion_officer).get(f"/disposals/new/{adult.pk}/").content.decode()
    assert '<option value="" selected>Choose the offence category</option>' in page
    assert '<option value="" selected>Choose a district</option>' in page
    response = signed_in(diversion_officer).post(
        f"/disposals/new/{adult.pk}/", decision_post(offence_category="", district="")
    )
    assert response.status_code == 400
    assert "Choose the offence category" in response.content.decode()
    assert "Choose the district" in response.content.decode()


def test_the_form_offers_a_child_only_youth_options(diversion_officer, today):
    child = OffenderFactory(date_of_birth=dt.date(2012, 1, 1))
    page = signed_in(diversion_officer).get(f"/disposals/new/{child.pk}/").content.decode()
    for offered in [
        "youth_caution",
        "youth_conditional_caution",
        "community_resolution",
        "outcome_22",
    ]:
        assert f'value="{offered}"' in page
    assert 'value="conditional_caution"' not in page


def test_a_statutory_force_is_offered_the_part6_cautions(diversion_officer, today):
    ForceDisposalSettings.objects.filter(force=force("suffolk")).update(
        framework="statutory_two_tier", part6_commenced_on=dt.date(2026, 1, 1)
    )
    page = (
        signed_in(diversion_officer).get(f"/disposals/new/{OffenderFactory().pk}/").content.decode()
    )
    assert 'value="diversionary_caution"' in page
    assert 'value="community_caution"' in page
    assert 'value="conditional_caution"' not in page


def test_recording_a_community_resolution_with_a_course_goes_to_its_page(diversion_officer, today):
    person = OffenderFactory()
    response = signed_in(diversion_officer).post(f"/disposals/new/{person.pk}/", decision_post())
    disposal = Disposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/disposals/{disposal.pk}/"
    assert disposal.referrals.get().intervention.code == "shoplifting-awareness"
    assert disposal.outcome_code == "8"


def test_dates_typed_in_the_govuk_date_input_boxes_are_recorded(diversion_officer, today):
    person = OffenderFactory()
    data = decision_post()
    for name, (day, month, year) in {
        "decided_on": ("1", "March", "2026"),
        "offence_date": ("20", "2", "2026"),
        "c0-due_by": ("1", "4", "2026"),
    }.items():
        del data[name]
        data.update({f"{name}-day": day, f"{name}-month": month, f"{name}-year": year})
    response = signed_in(diversion_officer).post(f"/disposals/new/{person.pk}/", data)
    assert response.status_code == 302
    disposal = Disposal.objects.get()
    assert (disposal.decided_on, disposal.offence_date) == (
        dt.date(2026, 3, 1),
        dt.date(2026, 2, 20),
    )
    assert disposal.conditions.get().due_by == dt.date(2026, 4, 1)


def test_a_date_that_does_not_exist_comes_back_in_its_boxes_with_an_error(diversion_officer, today):
    person = OffenderFactory()
    data = decision_post()
    del data["offence_date"]
    data.update({"offence_date-day": "31", "offence_date-month": "2", "offence_date-year": "2026"})
    response = signed_in(diversion_officer).post(f"/disposals/new/{person.pk}/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_offence_date"' in page
    assert 'name="offence_date-day" type="text" inputmode="numeric" value="31"' in page
    assert not Disposal.objects.exists()


def test_a_refused_decision_shows_every_error_on_its_field(diversion_officer, today):
    person = OffenderFactory()
    data = decision_post(
        disposal_type="conditional_caution",
        offence_category="either_way",
        admitted="",
        consented="",
        victim_views_sought="",
        victim_views="",
        **{"c0-kind": "unpaid_work", "c0-hours": "25"},
    )
    response = signed_in(diversion_officer).post(f"/disposals/new/{person.pk}/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert 'href="#id_admitted"' in page
    assert 'href="#id_consented"' in page
    assert 'href="#id_victim_views"' in page
    assert "limit is 20" in page
    assert not Disposal.objects.exists()


def test_only_the_team_and_supervisors_may_record(investigator, today):
    assert signed_in(investigator).get(f"/disposals/new/{OffenderFactory().pk}/").status_code == 403
    assert signed_in(investigator).get("/disposals/new/").status_code == 403


def test_finding_a_person_is_logged_as_a_search(diversion_officer):
    person = OffenderFactory(last_name="Quillfeather")
    page = signed_in(diversion_officer).get("/disposals/new/?q=Quillfeather").content.decode()
    assert f"/disposals/new/{person.pk}/" in page
    assert AccessEvent.objects.filter(action="search", query="Quillfeather").exists()


# --- Queue and disposal page -------------------------------------------------------------------


def test_the_queue_shows_conditions_due_referrals_not_started_and_breaches_to_decide(
    diversion_officer, today
):
    due_soon = make_disposal(
        by=diversion_officer,
        offender=OffenderFactory(last_name="Duesoon"),
        decided_on=dt.date(2026, 2, 10),
        conditions=None,
        interventions=[course()],
    )
    overdue = make_disposal(
        by=diversion_officer,
        offender=OffenderFactory(last_name="Latecomer"),
        decided_on=dt.date(2026, 1, 5),
    )
    page = signed_in(diversion_officer).get("/disposals/").content.decode()
    conditions, rest = page.split('id="referrals-not-started"')
    referrals, breaches = rest.split('id="breaches-to-decide"')
    assert "Duesoon" in conditions and "Latecomer" in conditions
    assert "Duesoon" in referrals and "Latecomer" not in referrals
    assert "Latecomer" in breaches and "Duesoon" not in breaches
    assert due_soon.pk and overdue.pk


def test_the_queue_costs_the_same_queries_at_any_size(
    diversion_officer, today, django_assert_max_num_queries
):
    client = signed_in(diversion_officer)
    make_disposal(by=diversion_officer, decided_on=dt.date(2026, 1, 5), interventions=[course()])
    with django_assert_max_num_queries(14):
        client.get("/disposals/")
    for _ in range(8):
        make_disposal(
            by=diversion_officer, decided_on=dt.date(2026, 1, 5), interventions=[course()]
        )
    with django_assert_max_num_queries(14):
        assert client.get("/disposals/").status_code == 200


def test_the_disposal_page_shows_its_timeline_and_is_logged(diversion_officer, today):
    disposal = make_disposal(by=diversion_officer, interventions=[course()])
    referral = disposal.referrals.get()
    services.progress_referral(
        today=TODAY,
        referral=referral,
        status="booked",
        on=dt.date(2026, 2, 5),
        by=diversion_officer,
    )
    page = signed_in(diversion_officer).get(f"/disposals/{disposal.pk}/").content.decode()
    assert "moj-timeline" in page
    assert "Community resolution given" in page
    assert "Referred to Shoplifting awareness course" in page
    assert "Shoplifting awareness course: booked" in page
    assert AccessEvent.objects.filter(action="view", offender=disposal.offender).exists()


def test_a_breach_form_offers_only_what_the_law_allows(diversion_officer, today):
    disposal = make_disposal(by=diversion_officer)
    page = signed_in(diversion_officer).get(f"/disposals/{disposal.pk}/").content.decode()
    assert 'value="warning"' in page
    assert 'value="prosecute_original_offence"' not in page


def test_completing_through_the_pages(diversion_officer, today):
    disposal = make_disposal(by=diversion_officer, interventions=[course()])
    client = signed_in(diversion_officer)
    referral = disposal.referrals.get()
    refused = client.post(
        f"/disposals/{disposal.pk}/complete/",
        {"completed_on": "2026-03-01", "version": disposal.version},
    )
    assert refused.status_code == 400
    assert "Every condition must be completed first." in refused.content.decode()
    client.post(
        f"/disposals/{disposal.pk}/referrals/{referral.pk}/progress/",
        {f"r{referral.pk}-status": "completed", f"r{referral.pk}-on": "2026-02-20"},
    )
    response = client.post(
        f"/disposals/{disposal.pk}/complete/",
        {"completed_on": "2026-03-01", "version": disposal.version},
    )
    assert response.status_code == 302
    disposal.refresh_from_db()
    assert disposal.status == "completed"


def test_a_stale_page_is_told_so_and_nothing_changes(diversion_officer, today):
    disposal = make_disposal(by=diversion_officer, conditions=[])
    response = signed_in(diversion_officer).post(
        f"/disposals/{disposal.pk}/withdraw/",
        {"on": "2026-03-01", "reason": "Error", "version": disposal.version + 1},
    )
    assert response.status_code == 400
    assert "changed by someone else" in response.content.decode()
    disposal.refresh_from_db()
    assert disposal.status == "active"


# --- Dashboard, records, export --------------------------------------------------------------------


@pytest.fixture
def year_of_disposals(diversion_officer):
    make_disposal(by=diversion_officer, decided_on=dt.date(2026, 1, 10), interventions=[course()])
    breached = make_disposal(
        by=diversion_officer,
        decided_on=dt.date(2026, 2, 3),
        district_code="east",
        offender=OffenderFactory(gender="female", ethnicity="A1"),
    )
    services.record_breach(
        today=TODAY,
        disposal=breached,
        breached_on=dt.date(2026, 2, 25),
        details="x",
        action="no_further_action",
        by=diversion_officer,
    )
    done = make_disposal(by=diversion_officer, decided_on=dt.date(2026, 2, 4), conditions=[])
    services.complete(
        today=TODAY, disposal=done, completed_on=dt.date(2026, 2, 5), by=diversion_officer
    )
    return breached


def test_the_dashboard_computes_its_figures_and_links_each_to_its_records(
    supervisor, year_of_disposals, today
):
    client = signed_in(supervisor)
    page = client.get(
        "/disposals/dashboard/?date_from=2026-01-01&date_to=2026-03-01"
    ).content.decode()
    assert (
        'id="total-disposals"><a class="govuk-link" href="/disposals/records/?from=2026-01-01&amp;to=2026-03-01">3</a>'
        in page
    )
    assert ">50.0%<" in page  # one completed, one breached
    assert "breached=1&amp;ethnicity=A1" in page
    assert "breached=1&amp;gender=female" in page
    assert f"month=2026-02&amp;district={district('east').pk}&amp;type=community_resolution" in page
    records = client.get(
        "/disposals/records/?from=2026-01-01&to=2026-03-01&breached=1&gender=female"
    ).content.decode()
    assert "1 disposal" in records
    assert f"/disposals/{year_of_disposals.pk}/" in records


def test_analysts_see_the_dashboard_without_links_to_people(analyst, year_of_disposals, today):
    client = signed_in(analyst)
    page = client.get(
        "/disposals/dashboard/?date_from=2026-01-01&date_to=2026-03-01"
    ).content.decode()
    assert "/disposals/records/" not in page
    assert client.get("/disposals/records/").status_code == 403


def test_the_records_list_costs_the_same_queries_at_any_size(
    supervisor, diversion_officer, django_assert_max_num_queries
):
    client = signed_in(supervisor)
    make_disposal(by=diversion_officer)
    # The bulk-read access-log event and one bulk insert linking everyone listed.
    with django_assert_max_num_queries(13):
        client.get("/disposals/records/?status=active")
    for _ in range(8):
        make_disposal(by=diversion_officer)
    # The bulk-read access-log event and one bulk insert linking everyone listed.
    with django_assert_max_num_queries(13):
        assert "9 disposals" in client.get("/disposals/records/?status=active").content.decode()


def test_the_export_is_logged_with_its_purpose(supervisor, year_of_disposals):
    response = signed_in(supervisor).get(
        "/disposals/export.csv?date_from=2026-01-01&date_to=2026-03-01&purpose=Panel+report"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert len(response.getvalue().decode().strip().splitlines()) == 4
    event = AccessEvent.objects.get(action="export")
    assert event.justification == "Panel report"
    assert event.detail == {
        "export": "disposals",
        "purpose": "Panel report",
        "rows": 3,
        "people": 3,
    }
    assert event.purpose == "Panel report" and event.links.count() == 3


def test_an_export_without_a_purpose_is_refused(supervisor, year_of_disposals):
    response = signed_in(supervisor).get(
        "/disposals/export.csv?date_from=2026-01-01&date_to=2026-03-01"
    )
    assert response.status_code == 302
    assert not AccessEvent.objects.filter(action="export").exists()


# --- The scrutiny panel ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/disposals/",
        "/disposals/new/",
        "/disposals/dashboard/",
        "/disposals/records/",
        "/disposals/export.csv?purpose=x",
        "/disposals/{id}/",
        "/disposals/new/{offender}/",
    ],
)
def test_the_scrutiny_panel_sees_only_its_page(scrutiny_member, diversion_officer, path):
    disposal = make_disposal(by=diversion_officer)
    response = signed_in(scrutiny_member).get(
        path.format(id=disposal.pk, offender=disposal.offender_id)
    )
    assert response.status_code == 403


def test_the_navigation_offers_the_panel_only_its_page(scrutiny_member):
    page = signed_in(scrutiny_member).get("/disposals/scrutiny/").content.decode()
    assert 'href="/disposals/scrutiny/"' in page
    assert 'href="/disposals/"' not in page


def test_the_panel_page_shows_anonymised_cases_and_records_a_finding(
    scrutiny_member, diversion_officer, today
):
    person = OffenderFactory(first_name="Evangeline", last_name="Fotheringay")
    disposal = make_disposal(
        by=diversion_officer, offender=person, offence="Fotheringay stole a bicycle"
    )
    release_all()
    client = signed_in(scrutiny_member)
    page = client.get(
        "/disposals/scrutiny/?date_from=2026-01-01&date_to=2026-03-01&size=10"
    ).content.decode()
    assert f'id="case-{disposal.pk}"' in page
    assert "Fotheringay" not in page and "Evangeline" not in page and person.pnc_id not in page
    assert "[redacted] stole a bicycle" in page
    # Labels, never codes: no "W1", "(summary)", "Home Office outcome 8" alone or ISO dates.
    assert 'Decided</dt><dd class="govuk-summary-list__value">1 February 2026' in page
    assert "(summary only)" in page
    assert "Home Office outcome 8 – Community resolution" in page
    assert "Rehabilitative: " in page and " — outstanding" in page

    prefix = f"case{disposal.pk}"
    back = "date_from=2026-01-01&date_to=2026-03-01&size=10"
    refused = client.post(
        f"/disposals/scrutiny/{disposal.pk}/",
        {
            f"{prefix}-finding": "not_appropriate",
            f"{prefix}-reviewed_on": "2026-03-02",
            "back": back,
        },
    )
    assert refused.status_code == 400
    assert "why the disposal was not appropriate" in refused.content.decode()
    done = client.post(
        f"/disposals/scrutiny/{disposal.pk}/",
        {
            f"{prefix}-finding": "not_appropriate",
            f"{prefix}-learning": "Should have been charged",
            f"{prefix}-reviewed_on": "2026-03-02",
            "back": back,
        },
    )
    assert done.status_code == 302
    assert ScrutinyReview.objects.get().learning == "Should have been charged"


def test_only_the_panel_opens_the_panel_page(diversion_officer, supervisor):
    for user in (diversion_officer, supervisor):
        assert signed_in(user).get("/disposals/scrutiny/").status_code == 403


def test_a_breach_recorded_takes_the_disposal_off_the_breaches_to_decide(diversion_officer, today):
    disposal = make_disposal(
        by=diversion_officer,
        offender=OffenderFactory(last_name="Warnedonce"),
        decided_on=dt.date(2026, 1, 5),
    )
    client = signed_in(diversion_officer)
    assert (
        "Warnedonce"
        in client.get("/disposals/").content.decode().split('id="breaches-to-decide"')[1]
    )
    services.record_breach(
        today=TODAY,
        disposal=disposal,
        breached_on=dt.date(2026, 2, 10),
        details="Late",
        action="warning",
        by=diversion_officer,
    )
    assert (
        "Warnedonce"
        not in client.get("/disposals/").content.decode().split('id="breaches-to-decide"')[1]
    )


def test_the_persons_timeline_lists_their_disposals(diversion_officer):
    from offenders.timeline import timeline_for

    disposal = make_disposal(by=diversion_officer)
    entries = [
        e for e in timeline_for(disposal.offender, diversion_officer) if e.kind == "disposal"
    ]
    assert [e.title for e in entries] == ["Out-of-court disposal: Community resolution"]
    assert entries[0].url == f"/disposals/{disposal.pk}/"


def test_a_statutory_force_may_still_record_a_legacy_disposal_for_an_earlier_offence(
    diversion_officer, today
):
    ForceDisposalSettings.objects.filter(force=force("suffolk")).update(
        framework="statutory_two_tier", part6_commenced_on=dt.date(2026, 1, 1)
    )
    person = OffenderFactory()
    page = signed_in(diversion_officer).get(
        f"/disposals/new/{person.pk}/?decided_on=2026-02-01&offence_date=2025-12-01"
    )
    assert 'value="conditional_caution"' in page.content.decode()
    assert 'value="diversionary_caution"' not in page.content.decode()


def test_the_options_follow_the_age_on_the_day_of_the_decision(diversion_officer, today):
    turned_18 = OffenderFactory(date_of_birth=dt.date(2008, 1, 15))
    client = signed_in(diversion_officer)
    assert (
        'value="conditional_caution"'
        in client.get(f"/disposals/new/{turned_18.pk}/").content.decode()
    )
    earlier = client.get(f"/disposals/new/{turned_18.pk}/?decided_on=2025-12-01").content.decode()
    assert 'value="youth_caution"' in earlier
    assert 'value="conditional_caution"' not in earlier


@pytest.mark.parametrize(
    "path, data",
    [
        ("referrals/{rid}/progress/", {"r{rid}-status": "graduated", "r{rid}-on": "2026-02-10"}),
        ("referrals/{rid}/progress/", {"r{rid}-status": "booked", "r{rid}-on": "2030-02-10"}),
        ("conditions/{cid}/complete/", {"c{cid}-on": "not a date"}),
        ("conditions/{cid}/complete/", {"c{cid}-on": "2026-01-01"}),
        ("referrals/", {"intervention": "juggling", "referred_on": "2026-02-10"}),
        (
            "breach/",
            {
                "breached_on": "2026-02-10",
                "details": "x",
                "action": "prosecute_original_offence",
                "version": "1",
            },
        ),
        ("breach/", {}),
        ("complete/", {"completed_on": "2026-02-10", "version": "abc"}),
        ("withdraw/", {"on": "2026-02-10", "reason": "", "version": "1"}),
        ("restorative-justice/", {"referred_on": "2026-01-01"}),
    ],
)
def test_bad_page_input_is_shown_on_the_page_never_a_500(diversion_officer, today, path, data):
    disposal = make_disposal(by=diversion_officer, interventions=[course()])
    ids = {"rid": disposal.referrals.get().pk, "cid": disposal.conditions.get().pk}
    response = signed_in(diversion_officer).post(
        f"/disposals/{disposal.pk}/{path.format(**ids)}",
        {k.format(**ids): v for k, v in data.items()},
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_a_simple_caution_has_nothing_to_breach(diversion_officer, today):
    disposal = make_disposal(
        by=diversion_officer,
        disposal_type="simple_caution",
        conditions=[],
        decided_on=dt.date(2021, 3, 1),  # before the force adopted the two-tier framework
    )
    client = signed_in(diversion_officer)
    page = client.get(f"/disposals/{disposal.pk}/").content.decode()
    assert "A simple caution carries no conditions, so there is nothing to breach." in page
    response = client.post(
        f"/disposals/{disposal.pk}/breach/",
        {
            "breached_on": "2026-02-10",
            "details": "x",
            "action": "warning",
            "version": disposal.version,
        },
    )
    assert response.status_code == 400


def test_every_dashboard_figure_links_to_exactly_the_records_it_counts(
    supervisor, diversion_officer, year_of_disposals, today
):
    import re
    from html import unescape

    rj_case = make_disposal(
        by=diversion_officer,
        decided_on=dt.date(2026, 2, 6),
        rj_offered=True,
        rj_taken_up=True,
        interventions=[course("victim-awareness")],
    )
    referral = rj_case.rj_referral
    services.update_rj(
        today=TODAY,
        referral=referral,
        contact_made_on=dt.date(2026, 2, 8),
        outcome="indirect",
        outcome_on=dt.date(2026, 2, 20),
        victim_satisfaction="very_satisfied",
        version=referral.version,
        by=diversion_officer,
    )
    services.progress_referral(
        today=TODAY,
        referral=rj_case.referrals.get(),
        status="completed",
        on=dt.date(2026, 2, 20),
        by=diversion_officer,
    )
    client = signed_in(supervisor)
    page = client.get(
        "/disposals/dashboard/?date_from=2026-01-01&date_to=2026-03-01"
    ).content.decode()
    links = re.findall(
        r'<a class="govuk-link" href="(/disposals/records/\?[^"]+)"[^>]*>(\d+)( \w+)?</a>', page
    )
    assert len(links) > 20
    for href, count, _ in links:
        listed = client.get(unescape(href)).content.decode()
        shown = re.search(r'id="record-count">(\d+) disposal', listed).group(1)
        assert shown == count, href


def test_the_disposal_page_links_to_the_person_with_their_warning_markers(diversion_officer):
    from offenders.models import Marker

    disposal = make_disposal(by=diversion_officer)
    Marker.objects.create(offender=disposal.offender, kind="self_harm", added_on=TODAY)
    page = signed_in(diversion_officer).get(f"/disposals/{disposal.pk}/").content.decode()
    line = page[page.index('data-testid="person-line"') :]
    line = line[: line.index("</p>")]
    assert f'href="/people/{disposal.offender.pk}/"' in line
    assert "Warning marker: </span>Self-harm" in line
