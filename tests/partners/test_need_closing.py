"""Closing a person's need: the service, the page, the API and the gap map (issue 17)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from audit.models import AccessEvent
from core.concurrency import StaleVersion
from partners import selectors, services
from partners.models import PersonNeed
from tests.factories import OffenderFactory, force
from tests.partners.conftest import TODAY, area, make_service, need

pytestmark = pytest.mark.django_db
D = dt.date


def record(person, by, on=TODAY, code="accommodation", today=TODAY) -> PersonNeed:
    return services.record_need(
        offender=person,
        need=need(code),
        source_kind="iom",
        assessed_on=on,
        by=by,
        today=today,
    )


def test_closing_a_need_records_date_reason_and_purpose_and_bumps_the_version(iom_officer):
    row = record(OffenderFactory(), iom_officer, on=D(2026, 10, 1))
    closed = services.close_need(
        person_need=row,
        closed_on=D(2026, 11, 20),
        reason="moved_away",
        note=" Moved to Norfolk ",
        version=1,
        by=iom_officer,
        today=TODAY,
    )
    closed.refresh_from_db()
    assert (closed.closed_on, closed.closed_reason, closed.closed_note, closed.version) == (
        D(2026, 11, 20),
        "moved_away",
        "Moved to Norfolk",
        2,
    )
    event = AccessEvent.objects.filter(action="update").latest("pk")
    assert event.justification == "Need closed: person moved away"
    assert event.offender_id == row.offender_id


@pytest.mark.parametrize(
    ("closed_on", "reason", "field"),
    [
        (D(2026, 9, 30), "met", "closed_on"),  # before the need was recorded
        (D(2026, 11, 23), "met", "closed_on"),  # the future
        (D(2026, 11, 1), "", "reason"),
        (D(2026, 11, 1), "cured", "reason"),
    ],
)
def test_a_bad_closing_is_refused_on_its_field_and_changes_nothing(
    iom_officer, closed_on, reason, field
):
    row = record(OffenderFactory(), iom_officer, on=D(2026, 10, 1))
    with pytest.raises(ValidationError) as error:
        services.close_need(
            person_need=row,
            closed_on=closed_on,
            reason=reason,
            version=1,
            by=iom_officer,
            today=TODAY,
        )
    assert list(error.value.message_dict) == [field]
    row.refresh_from_db()
    assert (row.closed_on, row.closed_reason, row.version) == (None, "", 1)


def test_the_need_recorded_day_is_accepted_and_a_second_close_is_refused(iom_officer):
    row = record(OffenderFactory(), iom_officer, on=D(2026, 10, 1))
    kwargs = {"reason": "met", "by": iom_officer, "today": TODAY}
    services.close_need(person_need=row, closed_on=D(2026, 10, 1), version=1, **kwargs)
    with pytest.raises(ValidationError) as error:
        services.close_need(person_need=row, closed_on=D(2026, 11, 1), version=2, **kwargs)
    assert "already closed" in str(error.value.message_dict["closed_on"])


def test_a_stale_version_is_refused(iom_officer):
    row = record(OffenderFactory(), iom_officer)
    with pytest.raises(StaleVersion):
        services.close_need(
            person_need=row, closed_on=TODAY, reason="met", version=7, by=iom_officer, today=TODAY
        )
    row.refresh_from_db()
    assert row.closed_on is None


def test_a_closed_need_drops_out_of_the_gap_map_and_the_dashboard_count(iom_officer):
    make_service(places_free=1)
    south = area("south")
    rows = [record(OffenderFactory(home_area=south), iom_officer) for _ in range(3)]
    suffolk = force("suffolk").pk
    assert selectors.gap_map(suffolk).cell("south", "accommodation").people == 3
    assert selectors.open_need_people(suffolk) == 3
    services.close_need(
        person_need=rows[0], closed_on=TODAY, reason="met", version=1, by=iom_officer, today=TODAY
    )
    cell = selectors.gap_map(suffolk).cell("south", "accommodation")
    assert cell.people == 2
    assert selectors.open_need_people(suffolk) == 2
    merged = OffenderFactory(home_area=south)
    record(merged, iom_officer)
    merged.merged_into = OffenderFactory()
    merged.save(update_fields=["merged_into"])
    assert selectors.gap_map(suffolk).cell("south", "accommodation").people == 2
    assert selectors.open_need_people(suffolk) == 2  # as the gap map: merged records out
    listed = PersonNeed.objects.open().filter(
        offender__merged_into__isnull=True, offender__home_area=south, need__code="accommodation"
    )
    assert listed.values("offender").distinct().count() == cell.people


# --- The page ---------------------------------------------------------------------------


def test_an_officer_closes_a_need_from_the_persons_needs_page(client, iom_officer, supervisor):
    make_service(places_free=0)
    person = OffenderFactory(home_area=area("south"))
    today = timezone.localdate()
    row = record(person, iom_officer, on=today - dt.timedelta(days=10), today=today)
    client.force_login(iom_officer)
    page = client.get(f"/partners/people/{person.pk}/")
    url = f"/partners/needs/{row.pk}/close/"
    assert url.encode() in page.content and b"Close this need" in page.content
    form = client.get(url)
    assert form.status_code == 200
    assert b'name="closed_on-day"' in form.content  # the GOV.UK date input
    assert AccessEvent.objects.filter(justification="Closing a need").exists()

    before = (today - dt.timedelta(days=11)).isoformat()
    bad = client.post(url, {"version": 1, "closed_on": before, "reason": "met"})
    assert bad.status_code == 400
    assert bad.context["form"].errors["closed_on"] == [
        "The date cannot be before the need was recorded."
    ]
    assert b"govuk-error-summary" in bad.content
    future = client.post(
        url,
        {"version": 1, "closed_on": (today + dt.timedelta(days=1)).isoformat(), "reason": "met"},
    )
    assert future.status_code == 400 and "closed_on" in future.context["form"].errors
    no_reason = client.post(url, {"version": 1, "closed_on": today.isoformat()})
    assert no_reason.status_code == 400
    assert no_reason.context["form"].errors == {"reason": ["Choose why the need is closed."]}
    both = client.post(url, {"version": 1, "closed_on": before})  # every problem at once
    assert set(both.context["form"].errors) == {"reason", "closed_on"}
    nonsense = client.post(
        url,
        {
            "version": "x",
            "closed_on-day": "31",
            "closed_on-month": "2",
            "closed_on-year": "2026",
            "reason": "<script>",
        },
    )
    assert nonsense.status_code == 400
    row.refresh_from_db()
    assert (row.closed_on, row.version) == (None, 1)

    client.force_login(supervisor)
    gaps = client.get("/partners/gaps/")
    assert gaps.context["gaps"].cell("south", "accommodation").people == 1

    client.force_login(iom_officer)
    done = client.post(
        url,
        {
            "version": 1,
            "closed_on-day": str(today.day),
            "closed_on-month": str(today.month),
            "closed_on-year": str(today.year),
            "reason": "declined",
            "note": "Did not want housing support",
        },
    )
    assert done.status_code == 302 and done["Location"] == f"/partners/people/{person.pk}/"
    row.refresh_from_db()
    assert (row.closed_on, row.closed_reason, row.version) == (today, "declined", 2)
    page = client.get(f"/partners/people/{person.pk}/").content.decode()
    assert f"Closed {today:%-d %b %Y}" in page
    assert "Person declined support: Did not want housing support" in page
    assert url not in page  # no "Close this need" on a closed need
    assert client.get(url).status_code == 302  # already closed: back to the person

    client.force_login(supervisor)
    gaps = client.get("/partners/gaps/")
    assert gaps.context["gaps"].cell("south", "accommodation").people == 0


def test_a_stale_page_is_refused_with_a_message_and_nothing_changed(client, iom_officer):
    person = OffenderFactory()
    today = timezone.localdate()
    row = record(person, iom_officer, on=today, today=today)
    client.force_login(iom_officer)
    response = client.post(
        f"/partners/needs/{row.pk}/close/",
        {"version": 5, "closed_on": today.isoformat(), "reason": "met"},
        follow=True,
    )
    assert b"changed by someone else" in response.content
    row.refresh_from_db()
    assert row.closed_on is None


def test_another_forces_need_is_not_found(client, iom_officer, norfolk_sergeant):
    row = record(OffenderFactory(), iom_officer)
    client.force_login(norfolk_sergeant)
    assert client.get(f"/partners/needs/{row.pk}/close/").status_code in (403, 404)
    assert client.get("/partners/needs/99999999999999999999/close/").status_code == 404


# --- The API ----------------------------------------------------------------------------


def test_closing_a_need_through_the_api(iom_officer):
    api = APIClient()
    person = OffenderFactory()
    today = timezone.localdate()
    row = record(person, iom_officer, on=today, today=today)
    api.force_authenticate(iom_officer)
    url = f"/api/v1/partners/needs/{row.pk}/close/"
    bad = api.post(
        url,
        {"closed_on": (today + dt.timedelta(days=1)).isoformat(), "reason": "met", "version": 1},
        format="json",
    )
    assert bad.status_code == 400 and "closed_on" in bad.json()
    wrong = api.post(url, {"closed_on": today.isoformat(), "reason": "x"}, format="json")
    assert wrong.status_code == 400 and {"reason", "version"} <= set(wrong.json())
    ok = api.post(
        url, {"closed_on": today.isoformat(), "reason": "met", "version": 1}, format="json"
    )
    assert ok.status_code == 200, ok.json()
    body = ok.json()
    assert (body["closed_on"], body["closed_reason"], body["version"]) == (
        today.isoformat(),
        "met",
        2,
    )
    stale = api.post(
        url, {"closed_on": today.isoformat(), "reason": "met", "version": 1}, format="json"
    )
    assert stale.status_code == 409
    assert api.post("/api/v1/partners/needs/999999999/close/", {}, format="json").status_code == 404
