"""Dashboard figures from the database, checked against hand-computed expectations.

The cast (Suffolk unless said), counted on 30 June 2026:

=====  ========  ==========  ==========  ======================================================
who    cohort    adopted     removed     offences (harm days; c = charged)
=====  ========  ==========  ==========  ======================================================
alan   fixed     5 Jan 2026  -           1 Jun 2025 burglary 365 c; 10 May 2026 shoplifting 2 c
beth   flexible  1 Oct 2025  15 May 2026 1 Mar 2025 burglary 365 c; 1 Dec 2025 shoplifting 2
cara   free      20 Apr 2026 -           none; in prison since 1 Jun 2026
dave   fixed     1 Apr 2025  31 Mar 2026 1 May 2024 shoplifting 2 c; 1 Aug 2025 burglary 365 c
norm   fixed     1 Jan 2026  -           (Norfolk: never counted for Suffolk)
=====  ========  ==========  ==========  ======================================================

On 30 Jun 2026: open alan (fixed), cara (free) → fixed 1, flexible 0, free 1, total 2;
managed in community: alan only (cara is in prison) → 1; since 1 Apr: adopted cara → 1,
removed beth → 1.

Deterrence, 1 Apr - 30 Jun 2026: active alan, beth (until 14 May), cara → 3; alan has a
charged offence on 10 May → deterred beth, cara → 2/3 = 66.7%.

Harm reduction, removed 1 Apr - 30 Jun 2026: beth only. Before: 1 Oct 2024 - 30 Sep 2025 →
365. After: her whole time on the scheme, 1 Oct 2025 - 14 May 2026 (shortened) → 2.
(365 - 2) / 365 = 99.452…% → 99.5. Removed 1 Jan - 30 Jun 2026: beth and dave. dave
before 1 Apr 2024 - 31 Mar 2025 → 2; after 1 Apr 2025 - 30 Mar 2026 → 365. Total
(367 - 367) / 367 → 0.0.

Month rows: end of Jan 2026 → alan, beth, dave open → fixed 2, flexible 1, total 3, one
adoption (alan); May 2026 (to 31 May) → alan, cara → fixed 1, free 1, community 2 (cara's
prison starts 1 Jun), one removal (beth).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cohorts import figures
from tests.cohorts.factories import MembershipFactory, burglary, offence, shoplifting
from tests.factories import OffenderFactory, UserFactory, force

D = dt.date
ON = D(2026, 6, 30)


@pytest.fixture
def cast(db):
    lead = UserFactory(roles=["iom_officer"])
    alan = OffenderFactory(first_name="Alan")
    beth = OffenderFactory(first_name="Beth")
    cara = OffenderFactory(first_name="Cara", in_prison_since=D(2026, 6, 1))
    dave = OffenderFactory(first_name="Dave")
    norm = OffenderFactory(first_name="Norm", force=force("norfolk"))
    offence(alan, D(2025, 6, 1), burglary())
    offence(alan, D(2026, 5, 10), shoplifting())
    offence(beth, D(2025, 3, 1), burglary())
    offence(beth, D(2025, 12, 1), shoplifting(), charged=False)
    offence(dave, D(2024, 5, 1), shoplifting())
    offence(dave, D(2025, 8, 1), burglary())
    offence(norm, D(2026, 2, 1), burglary())
    MembershipFactory(offender=alan, cohort="fixed", adopted_on=D(2026, 1, 5), lead_officer=lead)
    MembershipFactory(
        offender=beth,
        cohort="flexible",
        adopted_on=D(2025, 10, 1),
        removed_on=D(2026, 5, 15),
        removal_reason="reduced_risk",
        lead_officer=lead,
    )
    MembershipFactory(offender=cara, cohort="free", adopted_on=D(2026, 4, 20), lead_officer=lead)
    MembershipFactory(
        offender=dave,
        cohort="fixed",
        adopted_on=D(2025, 4, 1),
        removed_on=D(2026, 3, 31),
        removal_reason="end_of_supervision",
        lead_officer=lead,
    )
    MembershipFactory(offender=norm, cohort="fixed", adopted_on=D(2026, 1, 1), lead_officer=lead)
    return force("suffolk")


def test_the_counts_on_a_date_match_the_hand_count(cast):
    board = figures.dashboard(cast.pk, on=ON, deterrence_period=(D(2026, 4, 1), ON))
    now = board.now
    assert (now.fixed, now.flexible, now.free, now.total) == (1, 0, 1, 2)
    assert now.managed_in_community == 1
    assert (now.since, now.adoptions, now.removals) == (D(2026, 4, 1), 1, 1)


def test_the_deterrence_rate_matches_the_hand_count(cast):
    board = figures.dashboard(cast.pk, on=ON, deterrence_period=(D(2026, 4, 1), ON))
    assert (board.deterrence.numerator, board.deterrence.denominator) == (2, 3)
    assert board.deterrence.percent == Decimal("66.7")
    rate, rows = figures.deterrence_rows(cast.pk, D(2026, 4, 1), ON)
    assert rate == board.deterrence
    assert [(r.name.split()[0], r.deterred, r.charged_offences) for r in rows] == [
        ("Alan", False, 1),
        ("Beth", True, 0),
        ("Cara", True, 0),
    ]


def test_the_harm_reduction_matches_the_hand_count(cast):
    board = figures.dashboard(cast.pk, on=ON)
    assert (board.harm.harm_before, board.harm.harm_after) == (Decimal(365), Decimal(2))
    assert board.harm.percent == Decimal("99.5")
    assert board.shortened == 1
    wider = figures.dashboard(cast.pk, on=ON, harm_period=(D(2026, 1, 1), ON)).harm
    assert (wider.harm_before, wider.harm_after, wider.percent) == (
        Decimal(367),
        Decimal(367),
        Decimal("0.0"),
    )


def test_the_monthly_rows_match_the_hand_count(cast):
    months = {row.start: row for row in figures.dashboard(cast.pk, on=ON).months}
    assert len(months) == 12 and min(months) == D(2025, 7, 1)
    jan = months[D(2026, 1, 1)].counts
    assert (jan.fixed, jan.flexible, jan.free, jan.total, jan.adoptions, jan.removals) == (
        2,
        1,
        0,
        3,
        1,
        0,
    )
    may = months[D(2026, 5, 1)].counts
    assert (may.fixed, may.free, may.total, may.managed_in_community, may.removals) == (
        1,
        1,
        2,
        2,
        1,
    )


def test_each_dashboard_figure_links_to_exactly_its_records(client, cast, supervisor):
    client.force_login(supervisor)
    page = client.get(
        "/cohorts/iom/dashboard/",
        {"on": "2026-06-30", "deterrence_from": "2026-04-01", "deterrence_to": "2026-06-30"},
    )
    html = page.content.decode()
    board = page.context["b"]
    assert board.deterrence.percent == Decimal("66.7")
    assert "66.7%" in html and "99.5%" in html
    assert "Deterred (%) = " in html and "Reduction = (total harm before" in html

    def listed(**params):
        return client.get("/cohorts/iom/cohort/", params).context["count"]

    assert listed(on="2026-06-30", cohort="fixed") == board.now.fixed == 1
    assert listed(on="2026-06-30") == board.now.total == 2
    assert listed(on="2026-06-30", community="yes") == board.now.managed_in_community == 1
    assert listed(adopted_from="2026-04-01", adopted_to="2026-06-30") == board.now.adoptions == 1
    assert listed(removed_from="2026-04-01", removed_to="2026-06-30") == board.now.removals == 1
    assert listed(on="2026-01-31", cohort="fixed") == 2
    assert 'href="/cohorts/iom/cohort/?on=2026-01-31&amp;cohort=fixed">2<' in html
    deterrence = client.get(
        "/cohorts/iom/dashboard/deterrence/", {"from": "2026-04-01", "to": "2026-06-30"}
    )
    assert len(deterrence.context["rows"]) == 3
    harm = client.get("/cohorts/iom/dashboard/harm/", {"from": "2026-04-01", "to": "2026-06-30"})
    assert [m.offender.first_name for _r, m in harm.context["rows"]] == ["Beth"]


def test_the_dashboard_figures_export_as_csv_with_a_logged_purpose(client, cast, analyst):
    from audit.models import AccessEvent

    client.force_login(analyst)
    params = {"on": "2026-06-30", "deterrence_from": "2026-04-01", "deterrence_to": "2026-06-30"}
    assert client.get("/cohorts/iom/dashboard/export/", params).status_code == 302
    response = client.get("/cohorts/iom/dashboard/export/", {**params, "purpose": "PCC panel pack"})
    rows = [line.split(",") for line in response.getvalue().decode().strip().splitlines()]
    assert rows[1][:10] == ["cohort", "2026-04-01", "2026-06-30", "1", "0", "1", "2", "1", "1", "1"]
    assert rows[-2][0] == "deterrence" and rows[-2][-3:] == ["2", "3", "66.7"]
    assert rows[-1][0] == "harm_reduction" and rows[-1][-1] == "99.5"
    assert len(rows) == 1 + 1 + 12 + 4 + 2
    assert [r[0] for r in rows[14:18]] == ["deterrence_quarter"] * 4
    event = AccessEvent.objects.get(action="export")
    assert (event.justification, event.detail["export"]) == ("PCC panel pack", "iom-dashboard")


def test_the_last_four_quarters_each_have_their_own_rate(cast, client, supervisor):
    board = figures.dashboard(cast.pk, on=D(2026, 7, 1))
    assert [(q.start, q.end) for q in board.quarters] == [
        (D(2025, 7, 1), D(2025, 9, 30)),
        (D(2025, 10, 1), D(2025, 12, 31)),
        (D(2026, 1, 1), D(2026, 3, 31)),
        (D(2026, 4, 1), D(2026, 6, 30)),
    ]
    # Jul-Sep 2025: dave only (adopted Apr 2025), his burglary on 1 Aug 2025 was charged.
    assert (board.quarters[0].rate.numerator, board.quarters[0].rate.denominator) == (0, 1)
    assert board.quarters[-1].rate.percent == Decimal("66.7")
    client.force_login(supervisor)
    listed = client.get(
        "/cohorts/iom/cohort/", {"active_from": "2026-04-01", "active_to": "2026-06-30"}
    )
    assert listed.context["count"] == board.quarters[-1].rate.denominator == 3
