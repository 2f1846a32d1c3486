"""The supervisors' home: each figure equals the rows of the list it opens, item by item, in
both scopes; the switch to the whole force; who may open it; its query count is pinned."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import resolve
from django.utils import timezone

from accounts.models import PolicingArea, Team
from bail import services as bail_services
from deadlines import services as deadline_services
from deadlines.models import Kind
from tests.factories import OffenderFactory, UserFactory, force

pytestmark = pytest.mark.django_db

H = dt.timedelta(hours=1)
D = dt.timedelta(days=1)


def rows_behind(client, url: str) -> int:
    """How many records the list at ``url`` shows, read from the page the figure opens."""
    response = client.get(url)
    assert response.status_code == 200, url
    parts = urlsplit(url)
    name = resolve(parts.path).url_name
    context = response.context
    if name == "custody-detentions":
        return context["total"]
    if name == "custody-board":
        return context["free_cells"]
    if name == "bail-queue":
        return len(context["sections"][parts.fragment])
    if name == "disposals-queue":
        return len(
            {
                "conditions-due": context["conditions_due"],
                "breaches-to-decide": context["to_decide"],
            }[parts.fragment]
        )
    if name == "supervisors-home-clocks":
        return len(context["deadlines"])
    raise AssertionError(f"no list known for {url}")


def figures(client, scope: str = "") -> dict[str, dict]:
    response = client.get("/dashboards/home/" + (f"?scope={scope}" if scope else ""))
    assert response.status_code == 200
    return {f["key"]: f for s in response.context["sections"] for f in s["figures"]}


def clock(kind, offender, team, due_at, title="Due"):
    return deadline_services.open_deadline(
        kind=kind,
        title=title,
        force=offender.force,
        offender=offender,
        due_at=due_at,
        owner_team=Team.objects.get(force=offender.force, code=team),
        as_of=due_at - 10 * D,
    )


@pytest.fixture
def demo(db):
    """The demo (small), plus DVPO hearings (the domestic-abuse app opens those elsewhere)."""
    call_command("load_demo", "--small", "--quiet-logins", verbosity=0)
    now = timezone.now()
    people = OffenderFactory.create_batch(2)
    clock(Kind.DVPN_HEARING, people[0], "dapu", now + 20 * H)
    clock(Kind.DVPN_HEARING, people[1], "ppu", now + 30 * H)
    return now


@pytest.mark.parametrize("scope", ["", "force"])
def test_every_figure_opens_a_list_with_exactly_as_many_rows(client, demo, scope):
    from accounts.models import User

    client.force_login(User.objects.get(username="supervisor"))
    shown = figures(client, scope)
    wrong = {
        key: (f["count"], rows_behind(client, f["url"]))
        for key, f in shown.items()
        if f["count"] != rows_behind(client, f["url"])
    }
    assert wrong == {}
    # Every item the issue names is there, and the demo gives most of them something to count.
    for key in [
        "custody:in-custody-martlesham",
        "custody:children-martlesham",
        "custody:cells-free-martlesham",
        "custody-clocks:reviews-within-hour",
        "custody-clocks:limits-within-hour",
        "custody-clocks:golden-hour-running",
        "bail:ending",
        "bail:lapsed",
        "bail:rui-reviews",
        "disposals:conditions-due",
        "disposals:breaches",
        "iom:iom-reviews-overdue",
        "protection:rso-notifications-overdue",
        "protection:rso-visits-overdue",
        "protection:mappa-reviews-due",
        "dvpn:dvpn-hearings",
        "wanted:wanted-reviews-overdue",
        "wanted:suspect-reviews-overdue",
        "wanted:warrant-reviews-overdue",
    ]:
        assert key in shown
    assert sum(1 for f in shown.values() if f["count"]) >= 10
    assert shown["dvpn:dvpn-hearings"]["count"] == (1 if scope == "" else 2)


@pytest.fixture
def cast(db):
    """Two districts, two teams: what is the supervisor's, and what is someone else's."""
    south = PolicingArea.objects.get(force=force(), code="south")
    west = PolicingArea.objects.get(force=force(), code="west")
    supervisor = UserFactory(
        username="supervisor.sara", rank="inspector", roles=["supervisor"], teams=["iom"]
    )
    supervisor.policing_areas.set([south])
    return {"south": south, "west": west, "supervisor": supervisor}


def test_the_switch_counts_the_whole_force_and_the_default_only_the_users_areas_and_teams(
    client, cast
):
    now = timezone.now()
    at_home = OffenderFactory(home_area=cast["south"])
    elsewhere = OffenderFactory(home_area=cast["west"])
    clock(Kind.IOM_REVIEW, at_home, "iom", now - D)  # mine: my area, my team
    clock(Kind.IOM_REVIEW, at_home, "ppu", now - D)  # another team's
    clock(Kind.IOM_REVIEW, elsewhere, "iom", now - D)  # another area's
    clock(Kind.IOM_REVIEW, at_home, "iom", now + D)  # not overdue yet
    investigator = UserFactory(roles=["investigator"], teams=["iom"])
    for person, district in ((at_home, cast["south"]), (elsewhere, cast["west"])):
        bail_services.open_case(
            offender=person,
            arrested_on=timezone.localdate() - dt.timedelta(days=85),
            status="bail",
            by=investigator,
            now=now,
            officer_in_case=investigator,
            offence="Theft",
            district=district,
        )
    client.force_login(cast["supervisor"])

    mine, whole = figures(client), figures(client, "force")

    assert mine["iom:iom-reviews-overdue"]["count"] == 1
    assert whole["iom:iom-reviews-overdue"]["count"] == 3
    assert mine["bail:ending"]["count"] == 1
    assert whole["bail:ending"]["count"] == 2
    for shown in (mine, whole):
        for f in shown.values():
            assert rows_behind(client, f["url"]) == f["count"], f["key"]
    response = client.get(mine["iom:iom-reviews-overdue"]["url"])
    assert [d.offender for d in response.context["deadlines"]] == [at_home]
    assert b"Narrowed to your areas and teams" in response.content


def test_a_user_without_area_or_team_sees_the_whole_force_without_a_switch(client, db):
    client.force_login(UserFactory(rank="inspector", roles=["supervisor"]))
    response = client.get("/dashboards/home/")
    assert response.status_code == 200
    assert b'data-scope="force"' in response.content
    assert b"Whole force</a>" not in response.content


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("supervisor", 200),
        ("custody_inspector", 200),
        ("admin_user", 200),
        ("custody_sergeant", 403),
        ("investigator", 403),
        ("bail_officer", 403),
        ("iom_officer", 403),
        ("analyst", 403),
        ("no_access", 403),
    ],
)
def test_only_supervisors_and_senior_leaders_open_the_home(client, request, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/dashboards/home/").status_code == status
    assert client.get("/dashboards/home/iom/iom-reviews-overdue/").status_code in {status, 404}


def test_a_senior_leader_by_rank_sees_only_what_their_roles_may_open(client, db):
    client.force_login(UserFactory(rank="chief_inspector", roles=["iom_officer"], teams=["iom"]))
    response = client.get("/dashboards/home/")
    # An IOM officer may open the disposals queue and the wanted lists too; not custody.
    assert [s["key"] for s in response.context["sections"]] == ["disposals", "iom", "wanted"]
    # The public-protection list exists, but not for this user: the same 404 as no list.
    assert client.get("/dashboards/home/protection/rso-visits-overdue/").status_code == 404
    assert client.get("/dashboards/home/iom/no-such-figure/").status_code == 404


def test_an_analyst_of_senior_rank_is_still_refused(client, db):
    client.force_login(UserFactory(rank="superintendent", roles=["analyst"]))
    assert client.get("/dashboards/home/").status_code == 403


def test_a_custody_inspector_sees_custody_and_bail_but_not_public_protection(
    client, custody_inspector
):
    client.force_login(custody_inspector)
    keys = [s["key"] for s in client.get("/dashboards/home/").context["sections"]]
    assert keys[:2] == ["custody", "custody-clocks"]
    assert "protection" not in keys and "dvpn" not in keys and "iom" not in keys


def test_the_home_is_in_the_navigation_of_those_who_may_open_it(
    client, supervisor, custody_sergeant
):
    client.force_login(supervisor)
    labels = {
        i["label"]: i["active"] for i in client.get("/dashboards/home/").context["navigation"]
    }
    assert labels["Supervisors' home"] is True
    assert labels["Dashboards"] is False
    client.force_login(custody_sergeant)
    labels = [i["label"] for i in client.get("/").context["navigation"]]
    assert "Supervisors' home" not in labels


# One or two queries per item (three for custody, whatever the number of suites), the user's
# areas and teams, the session and the page.
MINE_QUERIES, FORCE_QUERIES = 24, 20


def _home_queries(client, django_assert_num_queries):
    with django_assert_num_queries(MINE_QUERIES):
        assert client.get("/dashboards/home/").status_code == 200
    with django_assert_num_queries(FORCE_QUERIES):
        assert client.get("/dashboards/home/?scope=force").status_code == 200


def test_the_query_count_does_not_grow_with_the_records(client, cast, django_assert_num_queries):
    client.force_login(cast["supervisor"])
    client.get("/dashboards/home/")  # sessions, first-request caches
    _home_queries(client, django_assert_num_queries)

    now = timezone.now()
    for _ in range(5):
        person = OffenderFactory(home_area=cast["south"])
        clock(Kind.IOM_REVIEW, person, "iom", now - D)
        clock(Kind.RSO_VISIT, person, "ppu", now - D)
        clock(Kind.DVPN_HEARING, person, "dapu", now + H)
    _home_queries(client, django_assert_num_queries)


def test_a_custody_inspector_sees_their_suite_its_children_for_how_long_and_its_clocks(client, db):
    from django.apps import apps as django_apps

    from custody.models import CustodySuite
    from tests.custody.conftest import book, load_custody_reference

    load_custody_reference(django_apps)
    martlesham = CustodySuite.objects.get(code="martlesham")
    bury = CustodySuite.objects.get(code="bury-st-edmunds")
    officer = UserFactory(rank="sergeant", roles=["custody_officer"], teams=["custody-martlesham"])
    inspector = UserFactory(
        rank="inspector", roles=["custody_inspector"], teams=["custody-martlesham"]
    )
    now = timezone.now().replace(second=0, microsecond=0)
    child = OffenderFactory(date_of_birth=timezone.localdate() - dt.timedelta(days=15 * 365))
    book(child, martlesham, officer, arrived_at=now - 2 * H - 10 * dt.timedelta(minutes=1))
    # Detention authorised five and a half hours ago: the first review is due in half an hour.
    book(
        OffenderFactory(),
        martlesham,
        officer,
        arrived_at=now - 5 * H - 40 * dt.timedelta(minutes=1),
        detention_authorised_at=now - 5 * H - 30 * dt.timedelta(minutes=1),
        cell_number="1",
    )
    book(OffenderFactory(), bury, officer, arrived_at=now - H)
    client.force_login(inspector)

    shown = figures(client)

    assert "custody:in-custody-bury-st-edmunds" not in shown  # not the inspector's suite
    assert shown["custody:in-custody-martlesham"]["count"] == 2
    assert shown["custody:children-martlesham"]["count"] == 1
    assert shown["custody:children-martlesham"]["detail"].startswith("longest 2 h 10 min")
    assert shown["custody-clocks:reviews-within-hour"]["count"] == 1
    assert shown["custody-clocks:golden-hour-running"]["count"] == 1  # overdue, still running
    table = client.get("/dashboards/home/").context["sections"][0]["table"]
    assert table["columns"] == ["In custody", "Children", "Cells free"]
    assert [row["group"] for row in table["rows"]] == ["Martlesham PIC"]
    whole = figures(client, "force")
    assert whole["custody:in-custody-bury-st-edmunds"]["count"] == 1
    for shown_ in (shown, whole):
        for f in shown_.values():
            assert rows_behind(client, f["url"]) == f["count"], f["key"]


CLOCK_LIST_QUERIES = 12


def test_a_clock_list_costs_the_same_queries_for_one_row_as_for_six(
    client, cast, django_assert_num_queries
):
    now = timezone.now()
    client.force_login(cast["supervisor"])
    client.get("/dashboards/home/")
    url = "/dashboards/home/iom/iom-reviews-overdue/?scope=mine"
    for size in (1, 6):
        while len(client.get(url).context["deadlines"]) < size:
            clock(Kind.IOM_REVIEW, OffenderFactory(home_area=cast["south"]), "iom", now - D)
        with django_assert_num_queries(CLOCK_LIST_QUERIES):
            response = client.get(url)
        assert len(response.context["deadlines"]) == size
