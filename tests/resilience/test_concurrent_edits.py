"""Issue 20 item 6: two people save the same version of a record at the same moment, on
PostgreSQL. Exactly one wins; the other is told (409 in the API, the conflict message with the
current values on the page) and nothing of theirs is saved.

Every record type whose service checks ``core.concurrency.check_version`` is raced once through
the API and once through its page (tests/resilience/race.py: each request on its own
connection, each row lock held long enough that the other request is waiting on it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from core.calendar import london_datetime
from tests.factories import OffenderFactory, UserFactory
from tests.resilience.race import race

pytestmark = [pytest.mark.resilience, pytest.mark.django_db(transaction=True)]


def api_client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def page_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@dataclass
class Edit:
    """Two edits of one record from the same version, and how to read the record back."""

    clients: tuple[Any, Any]
    send: Any  # (client, which: 0 | 1) -> response
    current: Any  # () -> (version, what the winner wrote, loser's value) read back
    values: tuple[Any, Any]
    shown: Any = None  # () -> text of the current record the refused page must show


def _race(edit: Edit):
    return race(*(lambda i=i: edit.send(edit.clients[i], i) for i in (0, 1)))


# --- The API: 2xx for one, 409 for the other ---------------------------------------------


def api_offender():
    from tests.offenders.factories import person

    sergeant = UserFactory(roles=["custody_officer"], rank="sergeant")
    someone = person("Amelia", "Hart")
    names = ("Harte", "Heart")
    return Edit(
        clients=(api_client(sergeant), api_client(sergeant)),
        send=lambda c, i: c.patch(
            f"/api/v1/offenders/{someone.pk}/",
            {"version": 1, "last_name": names[i]},
            format="json",
        ),
        current=lambda: _read(someone, "last_name"),
        values=names,
    )


def api_bail_extension():
    from tests.bail.conftest import open_bail

    officer = UserFactory(roles=["bail_management"], teams=["bail-management"], rank="staff")
    case = open_bail(OffenderFactory(), officer, arrested_on=dt.date(2026, 11, 12))
    by = ("Ian Moss", "Ann Lee")
    return Edit(
        clients=(api_client(officer), api_client(officer)),
        send=lambda c, i: c.post(
            f"/api/v1/bail/cases/{case.pk}/extensions/",
            {
                "decided_on": "2026-11-22",
                "authority": "inspector",
                "authorised_by": {"name": by[i], "rank": "inspector"},
                "version": 1,
            },
            format="json",
        ),
        current=lambda: (
            _version(case),
            list(case.extensions.values_list("authorised_by_name", flat=True)),
        ),
        values=by,
    )


def api_wanted_review():
    from tests.wanted.conftest import circulate

    officer = UserFactory(roles=["investigator"], teams=["investigation"])
    circulation = circulate(OffenderFactory(), officer)
    notes = ("Still outstanding", "Seen in Ipswich")
    return Edit(
        clients=(api_client(officer), api_client(officer)),
        send=lambda c, i: c.post(
            f"/api/v1/wanted/{circulation.pk}/reviews/",
            {"held_on": "2026-11-20", "note": notes[i], "version": 1},
            format="json",
        ),
        current=lambda: (
            _version(circulation),
            list(circulation.reviews.values_list("note", flat=True)),
        ),
        values=notes,
    )


def api_iom_membership():
    officer = UserFactory(roles=["iom_officer"], teams=["iom"])
    client = api_client(officer)
    membership_id = client.post(
        "/api/v1/cohorts/iom/memberships/",
        {
            "offender": OffenderFactory().pk,
            "cohort": "flexible",
            "adopted_on": "2026-09-01",
            "reason": "Prolific shoplifting",
        },
        format="json",
    ).json()["id"]
    from cohorts.models import IomMembership

    membership = IomMembership.objects.get(pk=membership_id)
    contacts = ("PO Reid", "PO Khan")
    return Edit(
        clients=(client, api_client(officer)),
        send=lambda c, i: c.patch(
            f"/api/v1/cohorts/iom/memberships/{membership_id}/",
            {"version": 1, "probation_contact": contacts[i]},
            format="json",
        ),
        current=lambda: _read(membership, "probation_contact"),
        values=contacts,
    )


def api_disposal_breach():
    from tests.disposals.conftest import make_disposal

    officer = UserFactory(roles=["offender_diversion"], teams=["offender-diversion"], rank="staff")
    disposal = make_disposal(by=officer)
    details = ("Missed the course", "Did not pay")
    return Edit(
        clients=(api_client(officer), api_client(officer)),
        send=lambda c, i: c.post(
            f"/api/v1/disposals/{disposal.pk}/breach/",
            {
                "breached_on": "2026-02-20",
                "details": details[i],
                "action": "warning",
                "version": disposal.version,
            },
            format="json",
        ),
        current=lambda: (
            _version(disposal),
            list(disposal.breaches.values_list("details", flat=True)),
        ),
        values=details,
    )


def api_partner_service():
    from tests.partners.conftest import make_service

    admin = UserFactory(roles=["admin"], rank="staff", is_staff=True)
    service = make_service()
    places = (2, 3)
    return Edit(
        clients=(api_client(admin), api_client(admin)),
        send=lambda c, i: c.patch(
            f"/api/v1/partners/services/{service.code}/",
            {"version": service.version, "places_free": places[i]},
            format="json",
        ),
        current=lambda: _read(service, "places_free"),
        values=places,
    )


def api_rso_risk():
    officer = UserFactory(roles=["ppu_officer"], teams=["ppu"])
    client = api_client(officer)
    registration = client.post(
        "/api/v1/public-protection/rso/",
        {
            "offender": OffenderFactory().pk,
            "relevant_date": "2026-11-02",
            "disposal": "imprisonment",
            "sentence_months": 12,
        },
        format="json",
    ).json()
    from protection.models import RsoRegistration

    reg = RsoRegistration.objects.get(pk=registration["id"])
    levels = ("high", "low")
    return Edit(
        clients=(client, api_client(officer)),
        send=lambda c, i: c.post(
            f"/api/v1/public-protection/rso/{reg.pk}/risk/",
            {"level": levels[i], "assessed_on": "2026-11-05", "version": 1},
            format="json",
        ),
        current=lambda: (_version(reg), list(reg.risk_assessments.values_list("level", flat=True))),
        values=levels,
    )


# Each case runs on the clock its app's own tests use.
BAIL_NOW = london_datetime(dt.date(2026, 11, 22), dt.time(12))
WANTED_NOW = london_datetime(dt.date(2026, 11, 20), dt.time(10))
DISPOSALS_NOW = london_datetime(dt.date(2026, 3, 2), dt.time(12))
PROTECTION_NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)

API_EDITS = [
    pytest.param(api_offender, None, id="offender"),
    pytest.param(api_bail_extension, BAIL_NOW, id="bail-case"),
    pytest.param(api_wanted_review, WANTED_NOW, id="wanted-circulation"),
    pytest.param(api_iom_membership, None, id="iom-membership"),
    pytest.param(api_disposal_breach, DISPOSALS_NOW, id="disposal"),
    pytest.param(api_partner_service, None, id="partner-service"),
    pytest.param(api_rso_risk, PROTECTION_NOW, id="rso-registration"),
]


def _version(record) -> int:
    record.refresh_from_db()
    return record.version


def _read(record, field: str):
    record.refresh_from_db()
    return record.version, getattr(record, field)


@pytest.mark.parametrize(("make", "clock"), API_EDITS)
def test_two_api_clients_saving_the_same_version_at_once_one_wins_one_gets_409(make, clock):
    with time_machine.travel(clock or timezone.now(), tick=True):
        edit = make()
        before = _version_of(edit)
        answers = _race(edit)
        codes = sorted(a.status_code for a in answers)
        assert codes[1] == 409 and codes[0] in (200, 201), [
            (a.status_code, a.content[:300]) for a in answers
        ]
        winner = 0 if answers[0].status_code < 300 else 1
        loser = answers[1 - winner]
        version, written = edit.current()
        assert version == before + 1  # one change, not two
        assert loser.json()["current_version"] == version
        expected = edit.values[winner]
        assert written in (expected, [expected]), written  # the loser's not saved


def _version_of(edit: Edit) -> int:
    return edit.current()[0]


# --- The pages: one saved, the other shown the conflict and the current values ------------------


def page_offender():
    from tests.offenders.factories import person

    sergeant = UserFactory(roles=["custody_officer"], rank="sergeant")
    john = person("John", "Smith")
    names = ("Smithson", "Smythe")

    def send(c, i):
        return c.post(
            f"/people/{john.pk}/edit/",
            {
                "first_name": "John",
                "last_name": names[i],
                "date_of_birth": "17/05/1990",
                "gender": "male",
                "pnc_id": john.pnc_id,
                "ethnicity": "NS",
                "officer_ethnicity": "IC0",
                "version": "1",
            },
        )

    return Edit(
        (page_client(sergeant), page_client(sergeant)),
        send,
        lambda: _read(john, "last_name"),
        names,
    ), "Someone else changed this record"


def page_bail_extension():
    from django.urls import reverse

    from tests.bail.conftest import open_bail

    officer = UserFactory(roles=["bail_management"], teams=["bail-management"], rank="staff")
    case = open_bail(OffenderFactory(), officer, arrested_on=dt.date(2026, 11, 12))
    by = ("Ian Moss", "Ann Lee")

    def send(c, i):
        return c.post(
            reverse("bail-extend", args=[case.pk]),
            {
                "version": 1,
                "authority": "inspector",
                "decided_on": "2026-11-22",
                "authorised_by_name": by[i],
                "authorised_by_rank": "inspector",
            },
        )

    return Edit(
        (page_client(officer), page_client(officer)),
        send,
        lambda: (
            _version(case),
            list(case.extensions.values_list("authorised_by_name", flat=True)),
        ),
        by,
        shown=lambda: case.charging_file_status(timezone.localdate()),
    ), "changed by someone else"


def page_wanted_end():
    from tests.wanted.conftest import circulate

    officer = UserFactory(roles=["investigator"], teams=["investigation"])
    circulation = circulate(OffenderFactory(), officer)
    outcomes = ("surrendered", "arrested")

    def send(c, i):
        return c.post(
            f"/wanted/{circulation.pk}/end/",
            {"outcome": outcomes[i], "ended_on": "2026-11-20", "version": 1},
        )

    return Edit(
        (page_client(officer), page_client(officer)),
        send,
        lambda: _read(circulation, "outcome"),
        outcomes,
    ), "changed by someone else"


def page_iom_details():
    from cohorts import services

    officer = UserFactory(roles=["iom_officer"], teams=["iom"])
    membership = services.adopt_iom_member(
        offender=OffenderFactory(),
        cohort="flexible",
        adopted_on=timezone.localdate(),
        reason="x",
        lead_officer=officer,
        by=officer,
        today=timezone.localdate(),
    )
    contacts = ("PO Reid", "PO Khan")

    def send(c, i):
        return c.post(
            f"/cohorts/iom/members/{membership.pk}/details/",
            {
                "version": 1,
                "lead_officer": officer.pk,
                "probation_contact": contacts[i],
                "managed_in_community": "no",
            },
        )

    return Edit(
        (page_client(officer), page_client(officer)),
        send,
        lambda: _read(membership, "probation_contact"),
        contacts,
    ), "changed by someone else"


def page_disposal_withdraw():
    from tests.disposals.conftest import make_disposal

    officer = UserFactory(roles=["offender_diversion"], teams=["offender-diversion"], rank="staff")
    disposal = make_disposal(by=officer, conditions=[])
    reasons = ("Error", "Recorded twice")

    def send(c, i):
        return c.post(
            f"/disposals/{disposal.pk}/withdraw/",
            {"on": "2026-03-01", "reason": reasons[i], "version": disposal.version},
        )

    return Edit(
        (page_client(officer), page_client(officer)),
        send,
        lambda: _read(disposal, "withdrawn_reason"),
        reasons,
    ), "changed by someone else"


def page_partner_service():
    from tests.partners.conftest import make_service

    admin = UserFactory(roles=["admin"], rank="staff", is_staff=True)
    service = make_service()
    places = ("1", "2")

    def send(c, i):
        return c.post(
            f"/partners/services/{service.code}/edit/",
            {
                "name": service.name,
                "provider": service.provider or "Provider",
                "needs": ["accommodation"],
                "districts": ["south"],
                "gender": "any",
                "capacity": "10",
                "places_free": places[i],
                "active": "on",
                "version": service.version,
            },
        )

    return Edit(
        (page_client(admin), page_client(admin)),
        send,
        lambda: _read(service, "places_free"),
        (1, 2),
    ), "changed by someone else"


def page_rso_visit():
    officer = UserFactory(roles=["ppu_officer"], teams=["ppu"])
    reg_id = (
        api_client(officer)
        .post(
            "/api/v1/public-protection/rso/",
            {
                "offender": OffenderFactory().pk,
                "relevant_date": "2026-11-02",
                "disposal": "imprisonment",
                "sentence_months": 12,
            },
            format="json",
        )
        .json()["id"]
    )
    from protection.models import RsoRegistration

    reg = RsoRegistration.objects.get(pk=reg_id)
    outcomes = ("seen", "not_seen")

    def send(c, i):
        return c.post(
            f"/public-protection/rso/{reg.pk}/visit/",
            {"version": reg.version, "visited_on": "2026-11-19", "outcome": outcomes[i]},
        )

    return Edit(
        (page_client(officer), page_client(officer)),
        send,
        lambda: (_version(reg), list(reg.visits.values_list("outcome", flat=True))),
        outcomes,
    ), "changed by someone else"


def page_user():
    admin = UserFactory(roles=["admin"], rank="staff", is_staff=True, username="admin.alex")
    officer = UserFactory(username="investigator.tom", roles=["investigator"])
    ranks = ("sergeant", "inspector")

    def send(c, i):
        return c.post(
            f"/users/{officer.pk}/",
            {
                "username": officer.username,
                "first_name": "Nia",
                "last_name": "Jones",
                "email": "nia@police.example",
                "rank": ranks[i],
                "roles": ["investigator"],
                "password": "",
                "version": officer.version,
            },
        )

    return Edit(
        (page_client(admin), page_client(admin)), send, lambda: _read(officer, "rank"), ranks
    ), "Someone else changed this user"


PAGE_EDITS = [
    pytest.param(page_offender, None, id="offender"),
    pytest.param(page_bail_extension, BAIL_NOW, id="bail-case"),
    pytest.param(page_wanted_end, WANTED_NOW, id="wanted-circulation"),
    pytest.param(page_iom_details, None, id="iom-membership"),
    pytest.param(page_disposal_withdraw, DISPOSALS_NOW, id="disposal"),
    pytest.param(page_partner_service, None, id="partner-service"),
    pytest.param(page_rso_visit, PROTECTION_NOW, id="rso-registration"),
    pytest.param(page_user, None, id="user"),
]


@pytest.mark.parametrize(("make", "clock"), PAGE_EDITS)
def test_two_people_saving_the_same_form_at_once_one_saves_the_other_sees_the_conflict(make, clock):
    with time_machine.travel(clock or timezone.now(), tick=True):
        edit, conflict = make()
        before = _version_of(edit)
        answers = _race(edit)
        version, written = edit.current()
        assert version == before + 1, [(a.status_code, a.content[:300]) for a in answers]
        winner = edit.values.index(written[0] if isinstance(written, list) else written)
        assert written in (edit.values[winner], [edit.values[winner]])  # the loser's not saved
        assert answers[winner].status_code == 302
        loser = answers[1 - winner]
        if loser.status_code == 302:  # IOM: back to the member's page, which says why
            loser = edit.clients[1 - winner].get(loser.url)
        page = loser.content.decode()
        assert loser.status_code in (200, 400, 409), (loser.status_code, page[:300])
        assert conflict in page
        assert "govuk-error-summary" in page or "govuk-notification-banner" in page
        if edit.shown:
            assert edit.shown() in page  # the current values are shown
        else:
            shown = edit.values[winner]
            assert str(shown) in page or _label(shown) in page


def _label(value) -> str:
    return str(value).replace("_", " ").capitalize()
