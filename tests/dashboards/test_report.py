"""The Accountability and Performance Panel report (issue 18): a known cast across the apps,
each figure checked against a hand count, each figure's drill-down list checked against the
figure, issued reports frozen, access, CSV, the API."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
import time_machine
from django.core.paginator import Page
from django.urls import reverse

from core.calendar import LONDON, london_datetime
from core.extensions import panel_sections
from custody import services as custody_services
from dashboards import report
from dashboards.models import IssuedReport
from disposals import rules as disposal_rules
from disposals import services as disposal_services
from domestic.rules import FIGURE_LABELS, FIGURES
from partners import services as partner_services
from tests.bail.conftest import open_bail
from tests.cohorts.factories import MembershipFactory
from tests.custody.conftest import book
from tests.disposals.conftest import district
from tests.factories import OffenderFactory, UserFactory, force
from tests.partners.conftest import make_service
from tests.wanted.conftest import circulate

TODAY = dt.date(2026, 11, 22)
PERIOD = {"from": "2026-10", "to": "2026-11"}


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(12), tzinfo=LONDON), tick=True):
        yield


def _decide(by, *, decided_on, district_code="south", disposal_type="community_resolution"):
    return disposal_services.decide(
        today=TODAY,
        offender=OffenderFactory(),
        disposal_type=disposal_type,
        decided_on=decided_on,
        offence="Theft from a shop",
        offence_date=decided_on - dt.timedelta(days=3),
        offence_category="summary",
        district=district(district_code),
        admitted=True,
        consented=True,
        dpp_consent=None,
        conditions=[
            disposal_rules.Condition(
                kind="rehabilitative",
                description="Attend a shoplifting awareness course",
                due_by=decided_on + dt.timedelta(days=30),
            )
        ],
        victim_views_sought=True,
        victim_views="Wants a course.",
        by=by,
        interventions=(),
    )


@pytest.fixture
def cast(db):
    """Three detentions (one a child), two bail cases and one RUI, three disposals, two
    wanted circulations, two IOM members, one partner referral: Suffolk, October and November
    2026."""
    from custody.models import CustodySuite

    custody = UserFactory(rank="sergeant", roles=["custody_officer"])
    martlesham = CustodySuite.objects.get(code="martlesham")
    bury = CustodySuite.objects.get(code="bury-st-edmunds")
    at = lambda day: london_datetime(day, dt.time(10))  # noqa: E731
    remanded = book(OffenderFactory(), martlesham, custody, arrived_at=at(dt.date(2026, 11, 10)))
    book(OffenderFactory(), martlesham, custody, arrived_at=at(dt.date(2026, 10, 5)))
    child = OffenderFactory(date_of_birth=dt.date(2011, 1, 1))
    protected = book(child, bury, custody, arrived_at=at(dt.date(2026, 11, 12)))
    custody_services.record_police_protection(
        detention=protected, started_at=at(dt.date(2026, 11, 12)), by=custody
    )
    custody_services.record_court_transport(
        detention=remanded,
        due_at=london_datetime(dt.date(2026, 11, 11), dt.time(8)),
        left_at=london_datetime(dt.date(2026, 11, 11), dt.time(10)),
        delay_cause="no_court_cell_capacity",
        by=custody,
    )

    bail = UserFactory(rank="staff", roles=["bail_management"], teams=["bail-management"])
    now = london_datetime(TODAY, dt.time(12))
    for _ in range(2):
        open_bail(OffenderFactory(), bail, arrested_on=dt.date(2026, 11, 12), now=now)
    open_bail(OffenderFactory(), bail, arrested_on=dt.date(2026, 11, 12), now=now, status="rui")

    diversion = UserFactory(rank="staff", roles=["offender_diversion"])
    _decide(diversion, decided_on=dt.date(2026, 11, 2))
    _decide(diversion, decided_on=dt.date(2026, 11, 3))
    _decide(diversion, decided_on=dt.date(2026, 10, 20), district_code="east")

    wanted = UserFactory(rank="sergeant", roles=["investigator"])
    for _ in range(2):
        circulate(
            OffenderFactory(),
            wanted,
            circulated_on=dt.date(2026, 11, 12),
            district=district("south"),
            now=now,
        )

    iom = UserFactory(roles=["iom_officer"], teams=["iom"])
    MembershipFactory(cohort="fixed", adopted_on=dt.date(2026, 10, 15), lead_officer=iom)
    MembershipFactory(cohort="flexible", adopted_on=dt.date(2026, 11, 1), lead_officer=iom)

    service = make_service()
    partner_services.refer(
        offender=OffenderFactory(),
        service=service,
        referred_on=dt.date(2026, 11, 5),
        by=bail,
        today=TODAY,
    )


def _build():
    period = report.report_period(PERIOD, TODAY)
    return report.build(force("suffolk"), period, now=london_datetime(TODAY, dt.time(12)))


def _headline(content, key):
    return {f["label"]: f for f in report.section(content, key)["headline"]}


def _table(content, key, table):
    found = next(t for t in report.section(content, key)["tables"] if t["key"] == table)
    return {label: {c["label"]: c for c in cells} for label, cells in found["rows"]}


# --- figure by figure against the hand count ---------------------------------------------------


def test_every_section_of_the_contract_is_in_the_report_in_order(cast):
    content = _build()
    assert [s["key"] for s in content["sections"]] == [
        key for key, _t, _o in report.REPORT_SECTIONS
    ]
    assert content["period"] == {
        "from": "2026-10-01",
        "to": "2026-11-30",
        "label": "1 October 2026 to 30 November 2026",
    }
    assert content["previous"]["from"] == "2026-08-01" and content["previous"]["to"] == "2026-09-30"
    assert content["year_before"]["from"] == "2025-10-01"


def test_the_domestic_abuse_section_comes_from_the_dapu_programme(cast):
    section = report.section(_build(), "domestic_abuse")
    assert section["recorded"] is True
    labels = [f["label"] for f in section["headline"]]
    assert labels[:4] == [
        FIGURE_LABELS[key] for key in ("total_on_list", "signed_up", "active", "completed")
    ]
    assert "DVPNs given" in labels and "DAPOs made" in labels
    funnel, _notices = section["tables"]
    assert funnel["title"] == "The DAPU programme on 30 November 2026"
    assert len(funnel["rows"]) == len(FIGURES)
    total = section["headline"][0]
    assert total["url"] == "/domestic-abuse/?figure=total_on_list&on=2026-11-30"
    assert any("domestic-abuse flag" in text for text in section["not_recorded"])


def test_custody_figures_match_the_hand_count(cast):
    content = _build()
    head = _headline(content, "custody")
    assert head["Detentions"]["value"] == 3
    assert head["Detentions"]["previous"] == 0 and head["Detentions"]["year_before"] == 0
    assert head["Children detained"]["value"] == 1
    throughput = _table(content, "custody", "throughput")
    assert throughput["Nov 2026"]["Martlesham PIC"]["value"] == 1
    assert throughput["Nov 2026"]["Bury St Edmunds PIC"]["value"] == 1
    assert throughput["Nov 2026"]["All suites"]["value"] == 2
    assert throughput["Oct 2026"]["All suites"]["value"] == 1
    children = _table(content, "custody", "children")
    assert children["Nov 2026"]["Children detained"]["value"] == 1
    assert children["Oct 2026"]["Children detained"]["value"] == 0
    assert head["Children in police protection brought to custody"]["value"] == 1
    assert head["Transport to court recorded"]["value"] == 1
    assert head["Late leaving for court"]["value"] == 1
    assert head["Late: no court cell capacity"]["value"] == 1
    assert head["Late: transport not available"]["value"] == 0
    assert not report.section(content, "custody")["not_recorded"]


def test_bail_figures_match_the_hand_count(cast):
    content = _build()
    head = _headline(content, "bail_and_rui")
    assert head["On pre-charge bail now"]["value"] == 2
    assert head["Released under investigation now"]["value"] == 1
    assert head["Bail opened in the period"]["value"] == 2
    assert head["RUI opened in the period"]["value"] == 1
    # A figure of today is the same whatever the period: it is not compared.
    assert head["On pre-charge bail now"]["previous"] == ""
    assert head["Bail opened in the period"]["previous"] == 0
    trend = _table(content, "bail_and_rui", "trend")
    assert trend["Nov 2026"]["Bail opened"]["value"] == 2
    assert trend["Oct 2026"]["Bail opened"]["value"] == 0


def test_disposal_figures_match_the_hand_count(cast):
    content = _build()
    head = _headline(content, "out_of_court_disposals")
    assert head["Disposals decided"]["value"] == 3
    by_district = _table(content, "out_of_court_disposals", "by_district")
    assert by_district["Nov 2026"]["All districts"]["value"] == 2
    assert by_district["Oct 2026"]["All districts"]["value"] == 1
    assert sum(c["value"] for c in by_district["Nov 2026"].values()) == 4  # 2 + total 2


def test_wanted_iom_and_partner_figures_match_the_hand_count(cast):
    content = _build()
    wanted = _headline(content, "wanted_and_outstanding")
    assert wanted["Wanted persons circulated"]["value"] == 2
    assert wanted["Wanted persons circulated now"]["value"] == 2
    iom = _headline(content, "iom")
    assert (iom["Fixed"]["value"], iom["Flexible"]["value"], iom["Total"]["value"]) == (1, 1, 2)
    assert iom["Adoptions since 01 April 2026"]["value"] == 2
    partners = _headline(content, "partners")
    assert partners["Referrals made, now awaiting a response"]["value"] == 1


# --- each figure's drill-down lists exactly what it counts -------------------------------------

LIST_KEYS = ("page", "detentions", "cases", "rows", "records", "registrations", "orders", "items")


def _listed(response) -> int:
    for key in LIST_KEYS:
        if key in response.context:
            value = response.context[key]
            if isinstance(value, Page):
                return value.paginator.count
            if isinstance(value, list | tuple) or hasattr(value, "count"):
                return len(value)
    raise AssertionError(f"no list in {response.request['PATH_INFO']}")


def _figures_with_links(content):
    for section in content["sections"]:
        for figure in section["headline"]:
            yield section["key"], figure
        for table in section["tables"]:
            for _label, cells in table["rows"]:
                for figure in cells:
                    yield section["key"], figure


def test_every_figure_equals_the_number_of_records_its_link_lists(cast, client):
    reader = UserFactory(
        username="panel.reader",
        rank="inspector",
        roles=[
            "custody_officer",
            "bail_management",
            "offender_diversion",
            "investigator",
            "iom_officer",
            "ppu_officer",
            "supervisor",
        ],
        teams=["bail-management", "iom", "investigation", "ppu"],
    )
    client.force_login(reader)
    checked = 0
    for key, figure in _figures_with_links(_build()):
        if not figure["url"] or isinstance(figure["value"], bool):
            continue
        if not isinstance(figure["value"], int):
            continue
        assert panel_sections[key].may_open(reader), key
        response = client.get(figure["url"])
        assert response.status_code == 200, figure["url"]
        assert _listed(response) == figure["value"], (key, figure["label"], figure["url"])
        checked += 1
    assert checked > 100  # every section's tables, not a token few


# --- the page, narrative, issuing and freezing --------------------------------------------------


@pytest.fixture
def author(db):
    return UserFactory(username="analyst.kim", rank="staff", roles=["analyst"])


def test_an_analyst_sees_every_section_without_links_to_records(cast, client, author):
    client.force_login(author)
    response = client.get(reverse("panel-report"), PERIOD)
    assert response.status_code == 200
    page = response.content.decode()
    for _key, title, _order in report.REPORT_SECTIONS:
        assert title in page
    assert "The DAPU programme on 30 November 2026" in page
    assert reverse("custody-detentions") not in page
    assert reverse("disposals-records") not in page
    assert 'src="data:image/svg+xml;base64,' in page


def test_a_supervisor_who_may_open_the_lists_gets_the_links(cast, client):
    boss = UserFactory(rank="inspector", roles=["supervisor", "custody_officer"])
    client.force_login(boss)
    page = client.get(reverse("panel-report"), PERIOD).content.decode()
    assert reverse("custody-detentions") + "?" in page


def test_a_bad_period_is_a_field_error_not_a_500(client, author):
    client.force_login(author)
    response = client.get(reverse("panel-report"), {"from": "2026-13", "to": "2026-11"})
    assert response.status_code == 400
    assert "Enter a real month" in response.content.decode()


def test_the_narrative_is_saved_beside_the_figures_and_a_stale_edit_is_refused(
    cast, client, author
):
    client.force_login(author)
    url = reverse("panel-narrative", args=["custody"]) + "?from=2026-10&to=2026-11"
    response = client.post(url, {"custody-text": "Throughput fell.", "custody-version": ""})
    assert response.status_code == 302
    page = client.get(reverse("panel-report"), PERIOD).content.decode()
    assert "Throughput fell." in page
    stale = client.post(url, {"custody-text": "Overwrite", "custody-version": "0"})
    assert stale.status_code == 409
    assert "changed by someone else" in stale.content.decode()


def test_an_issued_report_does_not_change_when_the_records_do(cast, client, author):
    from custody.models import CustodySuite

    client.force_login(author)
    client.post(
        reverse("panel-narrative", args=["custody"]) + "?from=2026-10&to=2026-11",
        {"custody-text": "As issued."},
    )
    response = client.post(
        reverse("panel-issue") + "?from=2026-10&to=2026-11", {"meeting_date": "2026-12-15"}
    )
    issued = IssuedReport.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{issued.pk}/")
    assert issued.issued_by == author and issued.meeting_date == dt.date(2026, 12, 15)
    frozen = issued.content

    # The records change: another detention, and the narrative is rewritten.
    book(
        OffenderFactory(),
        CustodySuite.objects.get(code="martlesham"),
        UserFactory(roles=["custody_officer"]),
        arrived_at=london_datetime(dt.date(2026, 11, 20), dt.time(9)),
    )
    client.post(
        reverse("panel-narrative", args=["custody"]) + "?from=2026-10&to=2026-11",
        {"custody-text": "Rewritten later.", "custody-version": "1"},
    )

    issued.refresh_from_db()
    assert issued.content == frozen
    assert _headline(issued.content, "custody")["Detentions"]["value"] == 3
    page = client.get(reverse("panel-issued", args=[issued.pk])).content.decode()
    assert "As issued." in page and "Rewritten later." not in page

    # The next report shows what changed since the issued one.
    live = client.get(reverse("panel-report"), PERIOD)
    detentions = next(
        f for f in live.context["doc"]["sections"][0]["headline"] if f["label"] == "Detentions"
    )
    assert (detentions["value"], detentions["last_issued"], detentions["change"]) == (4, 3, 1)


def test_issuing_needs_a_meeting_date(cast, client, author):
    client.force_login(author)
    response = client.post(reverse("panel-issue") + "?from=2026-10&to=2026-11", {})
    assert response.status_code == 400
    assert "Enter the date of the panel meeting" in response.content.decode()
    assert not IssuedReport.objects.exists()


# --- who sees what -------------------------------------------------------------------------------


def test_the_scrutiny_panel_and_officers_without_the_role_cannot_open_the_live_report(db, client):
    for roles in (["scrutiny_panel"], ["custody_officer"], []):
        client.force_login(UserFactory(roles=roles))
        assert client.get(reverse("panel-report")).status_code == 403


def test_the_public_sees_only_a_published_report_with_small_numbers_suppressed(
    cast, client, author
):
    client.force_login(author)
    client.post(reverse("panel-issue") + "?from=2026-10&to=2026-11", {"meeting_date": "2026-12-15"})
    issued = IssuedReport.objects.get()
    client.logout()
    # Not published: the same answer as an address that does not exist (sign in).
    hidden = client.get(reverse("panel-published", args=[issued.pk]))
    assert hidden.status_code == 302 and hidden["Location"].startswith("/login/")
    assert (
        "No report has been published"
        in client.get(reverse("panel-published-list")).content.decode()
    )

    # An analyst may not publish; a supervisor may.
    client.force_login(author)
    assert (
        client.post(reverse("panel-publish", args=[issued.pk]), {"version": 1}).status_code == 403
    )
    client.force_login(UserFactory(rank="inspector", roles=["supervisor"]))
    assert (
        client.post(reverse("panel-publish", args=[issued.pk]), {"version": 1}).status_code == 302
    )

    client.logout()
    response = client.get(reverse("panel-published", args=[issued.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "fewer than 5" in page
    assert reverse("custody-detentions") not in page
    custody = _headline(response.context["doc"], "custody")
    assert custody["Detentions"]["value"] == "fewer than 5"
    assert custody["Detentions"]["previous"] == 0


# --- CSV and API ---------------------------------------------------------------------------------


def test_the_csv_has_every_table_and_escapes_formulas(cast, client, author):
    client.force_login(author)
    client.post(
        reverse("panel-narrative", args=["custody"]) + "?from=2026-10&to=2026-11",
        {"custody-text": "x"},
    )
    response = client.get(reverse("panel-report-csv"), PERIOD)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["section", "table", "row", "column", "value"]
    tables = {(r[0], r[1]) for r in rows[1:]}
    assert ("Custody", "Detentions per month per Police Investigation Centre") in tables
    assert ("Out-of-court disposals", "Disposals per district per month") in tables
    assert any(
        r[0].startswith("Domestic abuse") and r[1].startswith("The DAPU programme") for r in rows
    )
    assert ["Custody", "Summary", "Detentions", "This period", "3"] in rows


def test_the_api_answers_one_object_per_section(cast, client, author):
    client.force_login(author)
    response = client.get("/api/v1/reports/panel/", {"from": "2026-10-01", "to": "2026-11-30"})
    assert response.status_code == 200
    body = response.json()
    for key, _title, _order in report.REPORT_SECTIONS:
        assert key in body
    assert body["period"]["from"] == "2026-10-01"
    custody = {f["label"]: f for f in body["custody"]["headline"]}
    assert custody["Detentions"]["value"] == 3
    assert re.match(r"^/custody/detentions/\?", custody["Detentions"]["url"])


def test_the_api_refuses_a_bad_period_and_other_roles(client, author):
    client.force_login(author)
    bad = client.get("/api/v1/reports/panel/", {"from": "2026-11", "to": "2026-01"})
    assert bad.status_code == 400 and "to" in bad.json()
    client.force_login(UserFactory(roles=["investigator"]))
    assert client.get("/api/v1/reports/panel/").status_code == 403


def test_a_force_the_user_does_not_belong_to_is_not_found(client, author):
    client.force_login(author)
    assert client.get("/api/v1/reports/panel/", {"force": "norfolk"}).status_code == 404


def test_the_number_of_queries_does_not_grow_with_the_records(cast, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        _build()
    from custody.models import CustodySuite

    custody = UserFactory(rank="sergeant", roles=["custody_officer"])
    for day in (3, 4, 5, 6):
        book(
            OffenderFactory(),
            CustodySuite.objects.get(code="martlesham"),
            custody,
            arrived_at=london_datetime(dt.date(2026, 11, day), dt.time(9)),
        )
    diversion = UserFactory(rank="staff", roles=["offender_diversion"])
    for day in (6, 7, 8):
        _decide(diversion, decided_on=dt.date(2026, 11, day))
    with django_assert_max_num_queries(len(first.captured_queries)):
        _build()


def test_what_changed_since_the_last_report_matches_figures_by_label():
    def live(*labels_values):
        return {
            "sections": [
                {
                    "key": "custody",
                    "headline": [{"label": lb, "value": v} for lb, v in labels_values],
                }
            ]
        }

    # The issued report predates a figure Desist added since: the rest still line up.
    issued = live(("Detentions", 3), ("Children detained", 1))
    now = report.with_last_issued(
        live(("Detentions", 5), ("Late leaving for court", 2), ("Children detained", 1)), issued
    )
    got = [(f["label"], f["last_issued"], f["change"]) for f in now["sections"][0]["headline"]]
    assert got == [
        ("Detentions", 3, 2),
        ("Late leaving for court", None, None),
        ("Children detained", 1, 0),
    ]


def test_a_published_row_total_is_withheld_when_one_of_its_cells_is_suppressed():
    cell = lambda label, value: {"label": label, "value": value, "url": "/x"}  # noqa: E731
    content = {
        "sections": [
            {
                "headline": [],
                "tables": [
                    {
                        "columns": ["Bury", "Martlesham", "All suites"],
                        "rows": [
                            ["Nov", [cell("Bury", 3), cell("Martlesham", 55), cell("All", 58)]],
                            ["Oct", [cell("Bury", 6), cell("Martlesham", 0), cell("All", 6)]],
                        ],
                    }
                ],
            }
        ]
    }
    rows = report.suppressed(content, 5)["sections"][0]["tables"][0]["rows"]
    assert [f["value"] for f in rows[0][1]] == ["fewer than 5", 55, "withheld"]
    assert [f["value"] for f in rows[1][1]] == [6, 0, 6]
    assert all(f["url"] == "" for _label, cells in rows for f in cells)
