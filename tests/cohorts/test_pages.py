"""IOM pages as a user sees them: caseload, cohort, adopt/move/review/remove, member, export."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from audit.models import AccessEvent
from cohorts.models import IomMembership
from deadlines.models import Deadline
from tests.cohorts.factories import MembershipFactory, offence, shoplifting
from tests.factories import OffenderFactory, UserFactory, force

D = dt.date


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.mark.django_db
def test_the_iom_entry_is_in_the_navigation_for_iom_officers_and_supervisors(
    client, iom_officer, supervisor, custody_sergeant
):
    for user, shown in [(iom_officer, True), (supervisor, True), (custody_sergeant, False)]:
        client.force_login(user)
        assert ('href="/cohorts/iom/"' in client.get("/").content.decode()) is shown


@pytest.mark.django_db
def test_iom_pages_are_refused_to_other_roles(client, custody_sergeant, analyst):
    client.force_login(custody_sergeant)
    for url in [
        "/cohorts/iom/",
        "/cohorts/iom/cohort/",
        "/cohorts/iom/adopt/",
        "/cohorts/iom/dashboard/",
    ]:
        assert client.get(url).status_code == 403
    client.force_login(analyst)
    assert client.get("/cohorts/iom/cohort/").status_code == 403
    page = client.get("/cohorts/iom/dashboard/")
    assert page.status_code == 200
    assert "/cohorts/iom/cohort/?" not in page.content.decode()  # figures, no links to people


@pytest.mark.django_db
def test_an_officer_finds_a_person_and_adopts_them_with_warnings_shown(client, iom_officer, today):
    person = OffenderFactory(first_name="Dean", last_name="Quarrie")
    client.force_login(iom_officer)
    found = client.get("/cohorts/iom/adopt/", {"q": "quarrie"}).content.decode()
    assert f"/cohorts/iom/adopt/?offender={person.pk}" in found
    assert AccessEvent.objects.filter(action="search", query="quarrie").exists()

    form = client.get(f"/cohorts/iom/adopt/?offender={person.pk}").content.decode()
    assert "Adopt into IOM" in form
    response = client.post(
        "/cohorts/iom/adopt/",
        {
            "offender": person.pk,
            "cohort": "fixed",
            "adopted_on": today.isoformat(),
            "reason": "Burglary series",
            "lead_officer": iom_officer.pk,
            "statutory_supervision": "no",
            "managed_in_community": "",
        },
    )
    membership = IomMembership.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/cohorts/iom/members/{membership.pk}/"
    )
    page = client.get(response["Location"]).content.decode()
    assert "Outside the selection criteria" in page
    assert "not under statutory supervision" in page


@pytest.mark.django_db
def test_the_adopt_form_shows_field_errors_and_the_second_membership_refusal(
    client, iom_officer, today
):
    person = OffenderFactory()
    MembershipFactory(offender=person, lead_officer=iom_officer)
    client.force_login(iom_officer)
    page = client.post(
        "/cohorts/iom/adopt/",
        {
            "offender": person.pk,
            "cohort": "flexible",
            "adopted_on": "2026-13-01",
            "reason": "",
            "lead_officer": iom_officer.pk,
            "statutory_supervision": "no",
        },
    ).content.decode()
    assert "There is a problem" in page
    assert 'href="#id_adopted_on"' in page
    page = client.post(
        "/cohorts/iom/adopt/",
        {
            "offender": person.pk,
            "cohort": "flexible",
            "adopted_on": today.isoformat(),
            "reason": "x",
            "lead_officer": iom_officer.pk,
            "statutory_supervision": "no",
        },
    ).content.decode()
    assert "already on the IOM scheme" in page
    assert IomMembership.objects.count() == 1


@pytest.mark.django_db
def test_another_forces_person_is_a_404_on_the_adopt_page(client, iom_officer):
    norfolk_person = OffenderFactory(force=force("norfolk"))
    client.force_login(iom_officer)
    assert client.get(f"/cohorts/iom/adopt/?offender={norfolk_person.pk}").status_code == 404
    assert client.get("/cohorts/iom/adopt/?offender=abc").status_code == 404


@pytest.mark.django_db
def test_the_member_page_shows_offending_before_and_each_quarter_since_and_is_logged(
    client, iom_officer, today
):
    person = OffenderFactory()
    adopted = today - dt.timedelta(days=100)
    offence(person, adopted - dt.timedelta(days=30))
    offence(person, adopted - dt.timedelta(days=400))  # outside the 12 months before
    offence(person, adopted + dt.timedelta(days=5), charged=False)
    membership = MembershipFactory(offender=person, lead_officer=iom_officer, adopted_on=adopted)
    client.force_login(iom_officer)
    response = client.get(f"/cohorts/iom/members/{membership.pk}/")
    profile = response.context["profile"]
    assert (profile.before.offences, profile.before.harm) == (1, 2)
    assert (profile.since[0].offences, profile.since[0].charged) == (1, 0)
    assert len(profile.since) == 2 and profile.since[-1].partial
    assert "Quarter 2" in response.content.decode()
    assert AccessEvent.objects.filter(action="view", offender=person).count() == 1


@pytest.mark.django_db
def test_move_review_and_remove_through_the_pages(client, iom_officer, today):
    from cohorts import services

    person = OffenderFactory()
    membership = services.adopt_iom_member(
        offender=person,
        cohort="flexible",
        adopted_on=today - dt.timedelta(days=30),
        reason="x",
        lead_officer=iom_officer,
        by=iom_officer,
        today=today,
    )
    client.force_login(iom_officer)
    base = f"/cohorts/iom/members/{membership.pk}"
    assert (
        client.post(
            f"{base}/move/",
            {
                "version": 1,
                "cohort": "free",
                "moved_on": today.isoformat(),
                "reason": "Female pathway",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"{base}/review/", {"reviewed_on": today.isoformat(), "notes": "Engaging"}
        ).status_code
        == 302
    )
    stale = client.post(
        f"{base}/remove/",
        {"version": 1, "removed_on": today.isoformat(), "reason": "reduced_risk"},
        follow=True,
    )
    assert "changed by someone else" in stale.content.decode()
    assert IomMembership.objects.get().removed_on is None
    bad = client.post(
        f"{base}/remove/", {"version": 3, "removed_on": today.isoformat(), "reason": "other"}
    )
    assert "Say why" in bad.content.decode()
    done = client.post(
        f"{base}/remove/", {"version": 3, "removed_on": today.isoformat(), "reason": "reduced_risk"}
    )
    assert done.status_code == 302
    membership.refresh_from_db()
    assert (membership.cohort, membership.removed_on, membership.version) == ("free", today, 4)
    assert Deadline.objects.get().status == "cancelled"


@pytest.mark.django_db
def test_the_caseload_lists_the_officers_open_members_with_review_and_custody(
    client, iom_officer, today
):
    from cohorts import services

    mine = OffenderFactory(last_name="Mine", in_prison_since=today - dt.timedelta(days=3))
    offence(mine, today - dt.timedelta(days=10), shoplifting())
    services.adopt_iom_member(
        offender=mine,
        cohort="fixed",
        adopted_on=today - dt.timedelta(days=60),
        reason="x",
        lead_officer=iom_officer,
        by=iom_officer,
        today=today,
    )
    MembershipFactory(
        lead_officer=UserFactory(roles=["iom_officer"]),
        offender=OffenderFactory(last_name="Theirs"),
    )
    client.force_login(iom_officer)
    page = client.get("/cohorts/iom/").content.decode()
    assert "Mine" in page and "Theirs" not in page
    assert "In prison" in page
    assert "Test shoplifting" in page
    assert (today - dt.timedelta(days=60) + dt.timedelta(weeks=12)).strftime("%-d %b %Y") in page


@pytest.mark.django_db
@pytest.mark.parametrize("size", [3, 15])
def test_list_pages_cost_the_same_queries_at_any_size(
    client, iom_officer, django_assert_max_num_queries, size
):
    for _ in range(size):
        membership = MembershipFactory(lead_officer=iom_officer)
        offence(membership.offender, timezone.localdate() - dt.timedelta(days=3))
    client.force_login(iom_officer)
    with django_assert_max_num_queries(
        19
    ):  # one per badge provider; + content types on a cold cache
        assert client.get("/cohorts/iom/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get("/cohorts/iom/cohort/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get("/cohorts/iom/dashboard/").status_code == 200
    for url in ["/cohorts/iom/dashboard/deterrence/", "/cohorts/iom/dashboard/harm/"]:
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_the_cohort_page_filters(client, supervisor):
    lead = UserFactory(roles=["iom_officer"])
    MembershipFactory(cohort="fixed", lead_officer=lead, adopted_on=D(2026, 1, 5))
    MembershipFactory(cohort="free", lead_officer=lead, adopted_on=D(2026, 2, 5))
    MembershipFactory(
        cohort="fixed",
        lead_officer=lead,
        adopted_on=D(2025, 1, 5),
        removed_on=D(2026, 1, 10),
        removal_reason="died",
    )
    MembershipFactory(
        cohort="fixed", lead_officer=lead, offender=OffenderFactory(in_prison_since=D(2026, 3, 1))
    )
    client.force_login(supervisor)

    def count(**params):
        return client.get("/cohorts/iom/cohort/", params).context["count"]

    assert count() == 3
    assert count(cohort="fixed") == 2
    assert count(status="removed") == 1
    assert count(on="2026-01-09") == 3  # removed on the 10th: still on the scheme on the 9th
    assert count(community="no") == 1
    assert count(adopted_from="2026-02-01", adopted_to="2026-02-28") == 1
    assert count(reason="died") == 1
    page = client.get("/cohorts/iom/cohort/", {"on": "not-a-date"}).content.decode()
    assert "Enter a real date" in page
    assert AccessEvent.objects.filter(
        action="search", query="cohort=fixed", detail__results=2
    ).exists()


@pytest.mark.django_db
def test_a_csv_export_needs_a_purpose_and_is_logged(client, supervisor):
    lead = UserFactory(roles=["iom_officer"])
    MembershipFactory(cohort="fixed", lead_officer=lead)
    MembershipFactory(cohort="free", lead_officer=lead)
    client.force_login(supervisor)
    refused = client.get("/cohorts/iom/cohort/export/", {"cohort": "fixed"})
    assert refused.status_code == 302
    assert not AccessEvent.objects.filter(action="export").exists()
    response = client.get(
        "/cohorts/iom/cohort/export/", {"cohort": "fixed", "purpose": "Panel report"}
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = response.getvalue().decode().strip().splitlines()
    assert len(lines) == 2 and ",fixed," in lines[1]
    event = AccessEvent.objects.get(action="export")
    assert event.justification == "Panel report"
    assert event.detail["rows"] == 1
    assert event.query == "cohort=fixed"


@pytest.mark.django_db
def test_the_caseload_shows_warning_markers_police_custody_and_bail(client, iom_officer, today):
    from offenders.models import Marker

    person = OffenderFactory(last_name="Marked")
    Marker.objects.create(offender=person, kind="weapons", added_on=today)
    Marker.objects.create(offender=person, kind="drugs", added_on=today, removed_on=today)
    MembershipFactory(offender=person, lead_officer=iom_officer)
    client.force_login(iom_officer)
    page = client.get("/cohorts/iom/").content.decode()
    assert "Weapons" in page
    assert "Drugs" not in page


@pytest.mark.django_db
def test_odd_dates_on_the_pages_never_give_a_500(client, supervisor):
    MembershipFactory(lead_officer=UserFactory(roles=["iom_officer"]))
    client.force_login(supervisor)
    for url, params in [
        ("/cohorts/iom/dashboard/", {"on": "0001-01-01", "since": "9999-12-31", "harm_from": "x"}),
        (
            "/cohorts/iom/dashboard/",
            {"deterrence_from": "2026-06-30", "deterrence_to": "2026-01-01"},
        ),
        ("/cohorts/iom/dashboard/deterrence/", {"from": "0001-01-01", "to": "9999-12-31"}),
        ("/cohorts/iom/dashboard/harm/", {"from": "1900-01-01", "to": "2999-12-31"}),
        ("/cohorts/iom/cohort/", {"on": "0001-01-01", "adopted_from": "2026-99-01", "page": "x"}),
        ("/cohorts/iom/members/999999/", {}),
    ]:
        assert client.get(url, params).status_code in {200, 400, 404}, (url, params)


@pytest.mark.django_db
def test_huge_ids_are_a_404_not_a_500(client, iom_officer):
    client.force_login(iom_officer)
    huge = str(10**30)
    assert client.get(f"/cohorts/iom/adopt/?offender={huge}").status_code == 404
    assert client.get(f"/cohorts/iom/members/{huge}/").status_code == 404
    assert client.get(f"/cohorts/iom/members/{huge}/remove/").status_code == 404


@pytest.mark.django_db
def test_the_caseload_shows_police_custody_and_bail_from_their_apps(
    client, iom_officer, custody_sergeant
):
    from django.apps import apps as django_apps

    from bail import services as bail
    from custody import services as custody
    from custody.models import CustodySuite
    from custody.reference import load_custody_reference

    load_custody_reference(django_apps)
    held, bailed = OffenderFactory(last_name="Held"), OffenderFactory(last_name="Bailed")
    for person in (held, bailed):
        MembershipFactory(offender=person, lead_officer=iom_officer)
    now = timezone.now().replace(microsecond=0)
    custody.book_in(
        offender=held,
        suite=CustodySuite.objects.get(code="martlesham"),
        arrested_at=now - dt.timedelta(hours=2),
        arrived_at=now - dt.timedelta(hours=1),
        detention_authorised_at=now - dt.timedelta(minutes=50),
        offence="Burglary dwelling",
        indictable=True,
        by=custody_sergeant,
    )
    bail.open_case(
        offender=bailed,
        arrested_on=timezone.localdate() - dt.timedelta(days=5),
        status="rui",
        by=iom_officer,
        now=now,
    )
    client.force_login(iom_officer)
    page = client.get("/cohorts/iom/").content.decode()
    assert "In police custody" in page and "Martlesham" in page
    assert "Released under investigation" in page
    assert "IOM flexible" not in page  # the Cohort column already says it


@pytest.mark.django_db
def test_details_change_through_the_page_and_a_stale_form_is_refused(
    client, iom_officer, supervisor, today
):
    from cohorts import services

    membership = services.adopt_iom_member(
        offender=OffenderFactory(),
        cohort="flexible",
        adopted_on=today,
        reason="x",
        lead_officer=iom_officer,
        by=iom_officer,
        today=today,
    )
    client.force_login(iom_officer)
    url = f"/cohorts/iom/members/{membership.pk}/details/"
    form = client.get(url).content.decode()
    assert "Change membership details" in form and 'value="1"' in form
    done = client.post(
        url,
        {
            "version": 1,
            "lead_officer": supervisor.pk,
            "probation_contact": "PO Reid",
            "managed_in_community": "no",
        },
    )
    assert done.status_code == 302
    membership.refresh_from_db()
    assert (
        membership.lead_officer,
        membership.probation_contact,
        membership.managed_in_community_override,
    ) == (supervisor, "PO Reid", False)
    stale = client.post(
        url, {"version": 1, "lead_officer": iom_officer.pk, "managed_in_community": ""}, follow=True
    )
    assert "changed by someone else" in stale.content.decode()
    membership.refresh_from_db()
    assert membership.lead_officer == supervisor


@pytest.mark.django_db
def test_the_adopt_form_checks_the_criteria_as_it_is_filled_in(client, iom_officer, today):
    person = OffenderFactory()
    client.force_login(iom_officer)
    url = "/cohorts/iom/adopt/check/"
    params = {
        "offender": person.pk,
        "cohort": "fixed",
        "adopted_on": today.isoformat(),
        "statutory_supervision": "no",
    }
    fixed = client.get(url, params, HTTP_HX_REQUEST="true").content.decode()
    assert "neighbourhood-crime offenders" in fixed and "not under statutory supervision" in fixed
    flexible = client.get(
        url, {**params, "cohort": "flexible"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Within this force's selection criteria" in flexible
    assert (
        "checked as you fill in"
        in client.get(url, {"offender": person.pk, "cohort": "bad"}).content.decode()
    )
    assert client.get(url, {"offender": "x"}).status_code == 404
    form = client.get(f"/cohorts/iom/adopt/?offender={person.pk}").content.decode()
    assert 'hx-get="/cohorts/iom/adopt/check/"' in form


@pytest.mark.django_db
def test_the_cohort_export_writes_hostile_names_inert(client, supervisor):
    import csv
    import io

    from tests.core.test_exports import HOSTILE

    lead = UserFactory(roles=["iom_officer"])
    for n, text in enumerate(HOSTILE):
        MembershipFactory(
            offender=OffenderFactory(first_name=text, last_name=f"Hostile{n}"),
            lead_officer=lead,
            removed_on=D(2026, 2, 1),
            removal_reason="reduced_risk",
        )
    client.force_login(supervisor)
    response = client.get(
        "/cohorts/iom/cohort/export/", {"status": "removed", "purpose": "Formula check"}
    )
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode(), newline="")))
    assert sorted(r["name"] for r in rows) == sorted(
        f"'{text} Hostile{n}" for n, text in enumerate(HOSTILE)
    )
