"""Bulk reads are logged (issue 12, item 2): every response that returns people writes one
access-log event, in the same transaction, linked to everyone it returned, so each
person's access log shows the list, search or export they appeared in."""

from __future__ import annotations

import math

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from audit.models import AccessEvent, AccessEventPerson
from audit.selectors import events_for_offender
from audit.services import MissingPurpose, record_access, record_bulk_read
from cohorts.models import IomMembership
from tests.bail.conftest import open_bail
from tests.cohorts.factories import MembershipFactory
from tests.factories import OffenderFactory, force


def _people(n, **kwargs):
    return OffenderFactory.create_batch(n, **kwargs)


def _latest(user) -> AccessEvent:
    return AccessEvent.objects.filter(user=user).order_by("-pk").first()


def _linked(event) -> set[int]:
    return set(event.links.values_list("offender_id", flat=True))


# --- The mechanism ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 20, 500])
def test_a_bulk_read_is_one_event_insert_and_one_bulk_insert_of_links(investigator, size):
    people = [p.pk for p in _people(size)]
    # SQLite takes at most 999 parameters a statement: 499 links a batch. PostgreSQL: one.
    batch = connection.ops.bulk_batch_size(["event", "offender"], people) or size
    with CaptureQueriesContext(connection) as ctx:
        event = record_bulk_read(user=investigator, people=people, purpose="Weekly tasking")
    inserts = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("INSERT")]
    assert len(ctx.captured_queries) == 1 + math.ceil(size / batch)
    assert len(inserts) == len(ctx.captured_queries)
    assert sum("audit_accesseventperson" in sql for sql in inserts) == math.ceil(size / batch)
    assert _linked(event) == set(people)
    assert event.detail["people"] == size and event.action == "list"


@pytest.mark.django_db
def test_a_bulk_read_of_nobody_still_records_that_the_user_looked(investigator):
    event = record_bulk_read(user=investigator, people=[], purpose="Weekly tasking")
    assert event.pk and not _linked(event) and event.detail["people"] == 0


@pytest.mark.django_db
def test_an_event_without_a_purpose_cannot_be_written(investigator, offender):
    with pytest.raises(MissingPurpose):
        record_access(user=investigator, action="view", offender=offender)
    with pytest.raises(MissingPurpose):
        record_bulk_read(user=investigator, people=[offender], purpose="  ")
    assert not AccessEvent.objects.exists()
    # The database refuses it too, whoever writes the row.
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessEvent.objects.create(user=investigator, action="view", purpose="")


@pytest.mark.django_db
def test_the_purpose_comes_from_the_record_when_the_caller_names_none(investigator, offender):
    event = record_access(user=investigator, action="view", offender=offender, target=offender)
    assert event.purpose == f"Offender {offender.pk}"


@pytest.mark.django_db
def test_links_are_append_only_like_the_events(investigator, offender):
    event = record_bulk_read(user=investigator, people=[offender], purpose="Tasking")
    link = AccessEventPerson.objects.get(event=event)
    other = OffenderFactory()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessEventPerson.objects.filter(pk=link.pk).update(offender=other)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_accesseventperson WHERE id = %s", [link.pk])
    assert AccessEventPerson.objects.filter(pk=link.pk).exists()


@pytest.mark.django_db
def test_a_person_log_shows_views_and_the_lists_they_appeared_in(investigator, offender):
    others = _people(3)
    view = record_access(user=investigator, action="view", offender=offender, purpose="Case 1")
    listed = record_bulk_read(user=investigator, people=[offender, *others], purpose="Tasking")
    not_in_it = record_bulk_read(user=investigator, people=others, purpose="Tasking")
    assert list(events_for_offender(offender)) == [listed, view]
    assert not_in_it in events_for_offender(others[0])


# --- People: list, search, possible duplicates (API and pages) --------------------------------


@pytest.mark.django_db
def test_the_offenders_api_list_logs_one_event_linked_to_everyone_on_the_page(
    client, investigator, supervisor
):
    people = _people(7)
    stranger = OffenderFactory(force=force("norfolk"))
    client.force_login(investigator)
    body = client.get("/api/v1/offenders/", {"page_size": 5}).json()
    event = _latest(investigator)
    assert event.action == "list" and event.purpose == "People list"
    assert _linked(event) == {r["id"] for r in body["results"]} and len(_linked(event)) == 5
    assert stranger.pk not in _linked(event)

    # The supervisor reads a listed person's log: the list is there, with its purpose.
    listed = next(p for p in people if p.pk in _linked(event))
    client.force_login(supervisor)
    log = client.get(f"/api/v1/offenders/{listed.pk}/access-log/").json()["results"]
    entry = next(e for e in log if e["id"] == event.pk)
    assert entry["user"] == "investigator.tom" and entry["action"] == "list"
    assert entry["purpose"] == "People list" and entry["people_returned"] == 5


@pytest.mark.django_db
def test_an_api_search_records_the_declared_purpose_and_whom_it_returned(client, investigator):
    smith = OffenderFactory(first_name="John", last_name="Smith")
    OffenderFactory(first_name="Alice", last_name="Brown")
    client.force_login(investigator)
    body = client.get(
        "/api/v1/offenders/", {"search": "john smith", "purpose": "Burglary 37/1234/26"}
    ).json()
    assert smith.pk in {r["id"] for r in body["results"]}
    event = _latest(investigator)
    assert (event.action, event.query, event.purpose) == (
        "search",
        "john smith",
        "Burglary 37/1234/26",
    )
    assert smith.pk in _linked(event)
    # The X-Purpose header works as well as the parameter.
    client.get("/api/v1/offenders/", headers={"X-Purpose": "Tasking meeting"})
    assert _latest(investigator).purpose == "Tasking meeting"


@pytest.mark.django_db
@pytest.mark.parametrize("size", [3, 30])
def test_the_offenders_api_list_costs_the_same_queries_at_any_size(
    client, investigator, size, django_assert_max_num_queries
):
    _people(size)
    client.force_login(investigator)
    with django_assert_max_num_queries(14):
        assert client.get("/api/v1/offenders/").status_code == 200
    assert len(_linked(_latest(investigator))) == size


@pytest.mark.django_db
def test_possible_duplicates_are_logged_with_the_people_offered(client, investigator):
    john = OffenderFactory(first_name="John", last_name="Smith")
    jon = OffenderFactory(first_name="Jon", last_name="Smith", date_of_birth=john.date_of_birth)
    client.force_login(investigator)
    found = client.get(f"/api/v1/offenders/{john.pk}/possible-duplicates/").json()
    assert jon.pk in {d["offender"]["id"] for d in found}
    event = _latest(investigator)
    assert event.purpose == f"Possible duplicates of person {john.pk}"
    assert jon.pk in _linked(event)


@pytest.mark.django_db
def test_the_people_page_logs_the_list_and_a_search_links_its_results(
    client, investigator, supervisor
):
    people = _people(4)
    client.force_login(investigator)
    assert client.get("/people/").status_code == 200
    event = _latest(investigator)
    assert event.action == "list" and _linked(event) == {p.pk for p in people}
    smith = OffenderFactory(first_name="Zebedee", last_name="Quartermaine")
    client.get("/people/", {"q": "zebedee quartermaine"})
    search = _latest(investigator)
    assert search.action == "search" and smith.pk in _linked(search)
    assert search.purpose == "People search"

    client.force_login(supervisor)
    page = client.get(f"/people/{people[0].pk}/access-log/").content.decode()
    assert "a list of 4 people" in page and "People list" in page


# --- The other lists ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_iom_cohort_page_and_memberships_api_are_logged(client, iom_officer, supervisor):
    members = [MembershipFactory(lead_officer=iom_officer) for _ in range(3)]
    client.force_login(iom_officer)
    assert client.get("/cohorts/iom/cohort/").status_code == 200
    page_event = _latest(iom_officer)
    assert page_event.purpose == "IOM cohort"
    assert _linked(page_event) == {m.offender_id for m in members}
    body = client.get("/api/v1/cohorts/iom/memberships/", {"purpose": "Monthly panel"}).json()
    api_event = _latest(iom_officer)
    assert api_event.purpose == "Monthly panel" and api_event.action == "list"
    assert _linked(api_event) == {
        IomMembership.objects.get(pk=r["id"]).offender_id for r in body["results"]
    }
    client.force_login(supervisor)
    log = client.get(f"/api/v1/offenders/{members[0].offender_id}/access-log/").json()
    assert {"IOM cohort", "Monthly panel"} <= {e["purpose"] for e in log["results"]}


@pytest.mark.django_db
def test_the_bail_queue_cases_list_api_and_export_are_logged(client, bail_officer):
    ending = open_bail(OffenderFactory(), bail_officer)
    client.force_login(bail_officer)
    assert client.get("/bail/").status_code == 200
    assert _latest(bail_officer).purpose == "Bail Management Team work queue"
    assert client.get("/bail/cases/").status_code == 200
    assert ending.offender_id in _linked(_latest(bail_officer))
    client.get("/api/v1/bail/cases/")
    assert ending.offender_id in _linked(_latest(bail_officer))
    csv = client.get("/bail/queue.csv", {"purpose": "Weekly review with CPS"})
    b"".join(csv.streaming_content)
    export = _latest(bail_officer)
    assert export.action == "export" and export.purpose == "Weekly review with CPS"


@pytest.mark.django_db
def test_the_custody_detentions_api_is_logged_with_everyone_listed(client, custody_sergeant):
    client.force_login(custody_sergeant)
    assert client.get("/api/v1/custody/detentions/").status_code == 200
    event = _latest(custody_sergeant)
    assert event.action == "list" and event.purpose == "Custody detentions"
