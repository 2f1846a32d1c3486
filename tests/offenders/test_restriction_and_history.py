"""Restricted people, the change history on the person's page, and concurrent edits."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from core.concurrency import StaleVersion
from offenders import services
from offenders.models import Offender
from tests.factories import OffenderFactory, UserFactory


@pytest.fixture
def staff_nominal(supervisor, investigator):
    """A member of staff who is also a nominal: restricted to the supervisor."""
    person = OffenderFactory(first_name="Dana", last_name="Quill")
    services.restrict_offender(
        offender=person, users=[supervisor], reason="Member of staff", by=supervisor
    )
    return person


@pytest.mark.django_db
def test_a_restricted_person_does_not_appear_in_another_officers_search(
    client, investigator, staff_nominal
):
    client.force_login(investigator)
    api = client.get("/api/v1/offenders/", {"search": "dana quill"}).json()
    assert staff_nominal.pk not in [r["id"] for r in api["results"]]
    page = client.get("/people/", {"q": "dana quill"}).content.decode()
    assert "Quill" not in page
    assert client.get(f"/people/{staff_nominal.pk}/").status_code == 404
    assert client.get(f"/api/v1/offenders/{staff_nominal.pk}/").status_code == 404


@pytest.mark.django_db
def test_not_even_an_admin_outside_the_list_can_find_them(client, admin_user, staff_nominal):
    client.force_login(admin_user)
    assert client.get(f"/people/{staff_nominal.pk}/").status_code == 404
    assert staff_nominal.pk not in [
        r["id"] for r in client.get("/api/v1/offenders/", {"search": "quill"}).json()["results"]
    ]


@pytest.mark.django_db
def test_a_named_user_still_finds_the_restricted_person(client, supervisor, staff_nominal):
    client.force_login(supervisor)
    assert staff_nominal.pk in [
        r["id"]
        for r in client.get("/api/v1/offenders/", {"search": "dana quill"}).json()["results"]
    ]
    # A restricted person's page asks why first (issue 12 item 3), then shows the record.
    assert "Why are you looking?" in client.get(f"/people/{staff_nominal.pk}/").content.decode()
    page = client.get(f"/people/{staff_nominal.pk}/", {"purpose": "Vetting"}).content.decode()
    assert "Restricted" in page and "Member of staff" in page


@pytest.mark.django_db
def test_a_supervisor_restricts_a_person_from_the_page(client, supervisor, investigator):
    person = OffenderFactory()
    client.force_login(supervisor)
    response = client.post(
        f"/people/{person.pk}/restriction/",
        {
            "action": "restrict",
            "usernames": f"{supervisor.username}\n",
            "reason": "Witness protection",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.restricted and list(person.restricted_to.all()) == [supervisor]
    client.force_login(investigator)
    assert client.get(f"/people/{person.pk}/").status_code == 404


@pytest.mark.django_db
def test_restriction_refuses_unknown_users_and_saves_nothing(client, supervisor):
    person = OffenderFactory()
    client.force_login(supervisor)
    response = client.post(
        f"/people/{person.pk}/restriction/",
        {"action": "restrict", "usernames": "nobody.here", "reason": "x"},
    )
    assert (
        response.status_code == 200
        and b"No active user in this force called: nobody.here" in response.content
    )
    person.refresh_from_db()
    assert not person.restricted


@pytest.mark.django_db
def test_only_supervisors_and_admins_may_restrict(client, investigator):
    person = OffenderFactory()
    client.force_login(investigator)
    assert client.get(f"/people/{person.pk}/restriction/").status_code == 403


@pytest.mark.django_db
def test_lifting_the_restriction_makes_the_person_findable_again(
    client, supervisor, investigator, staff_nominal
):
    client.force_login(supervisor)
    client.post(f"/people/{staff_nominal.pk}/restriction/", {"action": "lift"})
    client.force_login(investigator)
    assert client.get(f"/people/{staff_nominal.pk}/").status_code == 200


@pytest.mark.django_db
def test_the_persons_page_shows_what_changed_when_and_by_whom(client, supervisor, investigator):
    person = OffenderFactory(last_name="Smyth")
    services.update_offender(
        today=timezone.localdate(),
        offender=person,
        by=investigator,
        version=person.version,
        last_name="Smith",
    )
    client.force_login(supervisor)
    changes = client.get(f"/people/{person.pk}/").context["changes"]
    assert [f["label"] for f in changes[0]["fields"]] == ["Last name"]
    assert (changes[0]["fields"][0]["old"], changes[0]["fields"][0]["new"]) == ("Smyth", "Smith")
    assert changes[-1]["created"] is True


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_edits_never_silently_overwrite_each_other():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks to run two edits truly at once")
    person = OffenderFactory(first_name="Original")
    editors = [UserFactory(roles=["investigator"]), UserFactory(roles=["investigator"])]
    barrier = threading.Barrier(2)
    outcome = {}

    def edit(editor, name):
        try:
            barrier.wait()
            services.update_offender(
                today=timezone.localdate(), offender=person, by=editor, version=1, first_name=name
            )
            outcome[name] = "saved"
        except StaleVersion:
            outcome[name] = "refused"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=edit, args=(e, n))
        for e, n in zip(editors, ["Alpha", "Bravo"], strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(outcome.values()) == ["refused", "saved"]  # one wins, the other is told
    winner = next(name for name, result in outcome.items() if result == "saved")
    final = Offender.objects.get(pk=person.pk)
    assert (final.first_name, final.version) == (winner, 2)


def test_a_dated_fact_heads_its_day_newest_first_above_that_days_timed_events():
    import datetime as dt

    from django.utils import timezone

    from offenders.extensions import TimelineEntry

    day = dt.date(2026, 11, 18)
    at = timezone.make_aware(dt.datetime(2026, 11, 18, 14, 5))
    entries = [
        TimelineEntry(at=day - dt.timedelta(days=1), title="day before", kind="x"),
        TimelineEntry(at=at, title="timed", kind="x"),
        TimelineEntry(at=day, title="dated", kind="x"),
        TimelineEntry(at=at + dt.timedelta(days=1), title="next day", kind="x"),
    ]
    ordered = sorted(entries, key=lambda e: e.sort_key, reverse=True)
    assert [e.title for e in ordered] == ["next day", "dated", "timed", "day before"]
