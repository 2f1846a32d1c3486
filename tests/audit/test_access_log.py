import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import AccessEvent
from audit.services import record_access
from tests.factories import OffenderFactory, force


@pytest.fixture
def looked_at(offender, investigator):
    record_access(user=investigator, action="view", offender=offender, purpose="Case 7 review")
    record_access(user=investigator, action="search", query="smith 1990", purpose="Case 7")
    return offender


@pytest.mark.django_db
def test_a_supervisor_reads_who_looked_at_a_person(client, supervisor, investigator, looked_at):
    client.force_login(supervisor)
    body = client.get(f"/api/v1/offenders/{looked_at.pk}/access-log/").json()
    assert [(r["user"], r["action"]) for r in body["results"]] == [("investigator.tom", "view")]


@pytest.mark.django_db
def test_an_investigator_may_not_read_the_access_log(client, investigator, looked_at):
    client.force_login(investigator)
    assert client.get(f"/api/v1/offenders/{looked_at.pk}/access-log/").status_code == 403
    assert client.get(f"/people/{looked_at.pk}/access-log/").status_code == 403


@pytest.mark.django_db
def test_a_person_of_another_force_answers_404(client, supervisor):
    stranger = OffenderFactory(force=force("norfolk"))
    client.force_login(supervisor)
    assert client.get(f"/api/v1/offenders/{stranger.pk}/access-log/").status_code == 404
    assert client.get("/api/v1/offenders/999999/access-log/").status_code == 404


@pytest.mark.django_db
def test_the_access_log_page_and_its_csv_export_are_themselves_logged(
    client, supervisor, investigator, looked_at
):
    client.force_login(supervisor)
    page = client.get(f"/people/{looked_at.pk}/access-log/")
    assert page.status_code == 200
    assert investigator.display_name in page.content.decode()
    csv = client.get(f"/people/{looked_at.pk}/access-log/", {"format": "csv"})
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert "investigator.tom,view" in csv.getvalue().decode()
    exports = AccessEvent.objects.filter(user=supervisor, action="export", offender=looked_at)
    assert exports.count() == 1 and exports.get().recipients == supervisor.username


@pytest.mark.django_db
def test_a_supervisor_sees_what_a_user_looked_at_over_a_period(
    client, supervisor, investigator, looked_at
):
    client.force_login(supervisor)
    page = client.get(
        f"/users/{investigator.pk}/activity/", {"since": "2000-01-01", "until": "2100-01-01"}
    )
    assert page.status_code == 200
    assert "smith 1990" in page.content.decode()
    bad = client.get(
        f"/users/{investigator.pk}/activity/", {"since": "2026-12-01", "until": "2026-01-01"}
    )
    assert bad.status_code == 200 and b"must be on or after" in bad.content
    csv = client.get(f"/users/{investigator.pk}/activity/", {"format": "csv"}).getvalue().decode()
    assert "smith 1990" in csv


@pytest.mark.django_db
def test_the_admin_offers_no_way_to_change_or_delete_the_log(client, admin_user, looked_at):
    admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    event = AccessEvent.objects.first()
    assert client.get("/admin/audit/accessevent/").status_code == 200
    assert (
        client.post(f"/admin/audit/accessevent/{event.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert AccessEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_the_database_refuses_to_update_or_delete_the_log(looked_at):
    event = AccessEvent.objects.first()
    original = event.query
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessEvent.objects.filter(pk=event.pk).update(query="tampered")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessEvent.objects.filter(pk=event.pk).delete()
    assert AccessEvent.objects.get(pk=event.pk).query == original


@pytest.mark.django_db
def test_the_access_log_csv_writes_hostile_search_text_inert(client, supervisor, investigator):
    import csv as csv_module
    import io

    from tests.core.test_exports import HOSTILE

    for text in HOSTILE:
        record_access(user=investigator, action="search", query=text, justification=text)
    client.force_login(supervisor)
    response = client.get(f"/users/{investigator.pk}/activity/", {"format": "csv"})
    rows = list(csv_module.DictReader(io.StringIO(response.getvalue().decode(), newline="")))
    searches = [r for r in rows if r["action"] == "search"]
    assert sorted(r["query"] for r in searches) == sorted(f"'{text}" for text in HOSTILE)
    assert sorted(r["justification"] for r in searches) == sorted(f"'{text}" for text in HOSTILE)


@pytest.mark.django_db
def test_the_refusal_holds_for_raw_sql_too(looked_at):
    event = AccessEvent.objects.first()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_accessevent SET query = 'x' WHERE id = %s", [event.pk])
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_accessevent")
    assert AccessEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_can_still_write_the_log(investigator):
    # Its flush afterwards must not be refused by the trigger (tests/conftest.py).
    record_access(user=investigator, action="search", query="anything", purpose="Test")
    assert AccessEvent.objects.count() == 1


@pytest.mark.django_db
def test_the_trigger_is_back_after_a_transactional_test(looked_at):
    event = AccessEvent.objects.first()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessEvent.objects.filter(pk=event.pk).delete()
