"""The Bail Management Team's pages, used as a signed-in officer would."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from audit.models import AccessEvent
from bail import services
from bail.choices import CaseStatus
from deadlines.models import Deadline
from tests.bail.conftest import NOW, TODAY, arrested_for_end, open_bail
from tests.factories import OffenderFactory, UserFactory, force

pytestmark = pytest.mark.django_db

d = dt.date


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def signed_in(client, bail_officer):
    client.force_login(bail_officer)
    return client


def queue_section(response, kind):
    """The case references listed in one section of the queue."""
    html = response.content.decode()
    start = html.find(f'data-queue="{kind}"')
    if start == -1:
        return []
    table = html[start : html.find("</table>", start)]
    return sorted(part.split("<")[0] for part in table.split('">BC-')[1:])


# --- Queue -------------------------------------------------------------------------------------


def test_the_queue_lists_ending_soon_lapsed_and_rui_reviews_due(signed_in, bail_officer):
    soon = open_bail(
        OffenderFactory(), bail_officer, arrested_on=arrested_for_end(TODAY + dt.timedelta(days=9))
    )
    open_bail(
        OffenderFactory(), bail_officer, arrested_on=arrested_for_end(TODAY + dt.timedelta(days=40))
    )
    lapsed = open_bail(
        OffenderFactory(), bail_officer, arrested_on=arrested_for_end(TODAY - dt.timedelta(days=2))
    )
    review = open_bail(
        OffenderFactory(), bail_officer, status="rui", arrested_on=TODAY - dt.timedelta(days=80)
    )
    open_bail(
        OffenderFactory(), bail_officer, status="rui", arrested_on=TODAY - dt.timedelta(days=5)
    )
    open_bail(
        OffenderFactory(force=force("norfolk")),
        bail_officer,
        arrested_on=arrested_for_end(TODAY + dt.timedelta(days=3)),
    )

    response = signed_in.get(reverse("bail-queue"))
    assert response.status_code == 200
    assert queue_section(response, "ending") == [soon.reference[3:]]
    assert queue_section(response, "lapsed") == [lapsed.reference[3:]]
    assert queue_section(response, "reviews") == [review.reference[3:]]
    assert "On bail until" in response.content.decode()


def test_the_queue_filters_by_area_officer_and_offence(signed_in, bail_officer, investigator):
    from accounts.models import PolicingArea

    south = PolicingArea.objects.get(force__code="suffolk", code="south")
    ends = arrested_for_end(TODAY + dt.timedelta(days=5))
    theft = open_bail(
        OffenderFactory(),
        bail_officer,
        arrested_on=ends,
        district=south,
        offence="Theft from a shop",
        officer_in_case=investigator,
    )
    open_bail(OffenderFactory(), bail_officer, arrested_on=ends, offence="Criminal damage")

    assert queue_section(signed_in.get(reverse("bail-queue"), {"area": south.pk}), "ending") == [
        theft.reference[3:]
    ]
    assert queue_section(
        signed_in.get(reverse("bail-queue"), {"officer": investigator.pk}), "ending"
    ) == [theft.reference[3:]]
    assert queue_section(signed_in.get(reverse("bail-queue"), {"offence": "theft"}), "ending") == [
        theft.reference[3:]
    ]
    assert queue_section(signed_in.get(reverse("bail-queue"), {"area": "nonsense"}), "ending") == []


@pytest.mark.parametrize("count", [2, 10])
def test_the_queue_costs_the_same_however_many_cases(
    signed_in, bail_officer, investigator, count, django_assert_max_num_queries
):
    for i in range(count):
        open_bail(
            OffenderFactory(),
            bail_officer,
            arrested_on=arrested_for_end(TODAY + dt.timedelta(days=i % 10)),
            officer_in_case=investigator,
        )
        open_bail(
            OffenderFactory(), bail_officer, status="rui", arrested_on=TODAY - dt.timedelta(days=85)
        )
    # The bulk-read access-log event and one bulk insert linking everyone listed.
    with django_assert_max_num_queries(17):
        response = signed_in.get(reverse("bail-queue"))
    assert len(queue_section(response, "ending")) == count


def test_roles_without_bail_work_cannot_see_the_queue(client, iom_officer):
    client.force_login(iom_officer)
    assert client.get(reverse("bail-queue")).status_code == 403


def test_the_csv_export_needs_a_purpose_and_is_logged(signed_in, bail_officer):
    case = open_bail(
        OffenderFactory(last_name="Fenwick"),
        bail_officer,
        arrested_on=arrested_for_end(TODAY + dt.timedelta(days=4)),
    )
    refused = signed_in.get(reverse("bail-queue-export"))
    assert refused.status_code == 302
    assert not AccessEvent.objects.filter(action="export").exists()

    response = signed_in.get(
        reverse("bail-queue-export"), {"purpose": "Weekly bail review meeting"}
    )
    assert response["Content-Type"].startswith("text/csv")
    body = response.getvalue().decode()
    assert case.reference in body and "Fenwick" in body
    event = AccessEvent.objects.get(action="export")
    assert event.justification == "Weekly bail review meeting"
    assert event.detail["rows"] == 1


# --- Case page ---------------------------------------------------------------------------------


def test_the_case_page_shows_the_charging_status_the_reminder_and_the_timeline(
    signed_in, bail_officer, offender
):
    case = open_bail(
        offender,
        bail_officer,
        arrested_on=d(2026, 11, 12),
        conditions=[{"text": "Curfew 9pm to 6am"}],
    )
    response = signed_in.get(reverse("bail-case", args=[case.pk]))
    html = response.content.decode()
    assert "On bail until 12 Feb 2027" in html
    assert "12 February 2027, 23:59" in html  # the reminder's due time
    assert "Curfew 9pm to 6am" in html
    assert "Bail started" in html
    assert AccessEvent.objects.filter(
        action="view", offender=offender, object_id=str(case.pk)
    ).exists()


def test_another_forces_case_page_is_not_found(client, bail_officer, offender):
    case = open_bail(offender, bail_officer)
    client.force_login(UserFactory(force=force("norfolk"), roles=["bail_management"]))
    assert client.get(reverse("bail-case", args=[case.pk])).status_code == 404


# --- Workflow forms -------------------------------------------------------------------------------


def test_the_extend_form_says_who_may_authorise_and_extends(
    client, bail_officer, inspector, offender
):
    case = open_bail(offender, bail_officer, arrested_on=d(2026, 11, 12))
    client.force_login(inspector)
    page = client.get(reverse("bail-extend", args=[case.pk]))
    assert "an inspector or above can extend it to 6 months" in page.content.decode().lower()

    response = client.post(
        reverse("bail-extend", args=[case.pk]),
        {
            "version": case.version,
            "authority": "inspector",
            "decided_on": "2026-11-22",
            "authorised_by_name": "Ian Moss",
            "authorised_by_rank": "inspector",
        },
        follow=True,
    )
    assert "It now ends on 12 May 2027" in response.content.decode()
    assert "12 May 2027, 23:59" in response.content.decode()


def test_the_extend_form_shows_a_rank_refusal_on_the_rank(client, bail_officer, offender):
    case = open_bail(offender, bail_officer, arrested_on=d(2026, 11, 12))
    client.force_login(bail_officer)
    response = client.post(
        reverse("bail-extend", args=[case.pk]),
        {
            "version": case.version,
            "authority": "inspector",
            "decided_on": "2026-11-22",
            "authorised_by_name": "Sam Okafor",
            "authorised_by_rank": "sergeant",
        },
    )
    assert response.status_code == 200
    assert "inspector or above" in response.context["form"].errors["authorised_by_rank"][0]
    assert 'href="#id_authorised_by_rank"' in response.content.decode()


def test_a_stale_extend_form_is_refused_with_the_current_values(client, bail_officer, offender):
    case = open_bail(offender, bail_officer, arrested_on=d(2026, 11, 12))
    services.extend_bail(
        case=case,
        authority="inspector",
        decided_on=TODAY,
        authorised_by_name="I",
        authorised_by_rank="inspector",
        by=bail_officer,
        now=NOW,
    )
    client.force_login(bail_officer)
    response = client.post(
        reverse("bail-extend", args=[case.pk]),
        {
            "version": 1,
            "authority": "superintendent",
            "decided_on": "2026-11-22",
            "authorised_by_name": "S",
            "authorised_by_rank": "superintendent",
        },
    )
    assert "changed by someone else" in response.content.decode()
    assert "On bail until 12 May 2027" in response.content.decode()
    case.refresh_from_db()
    assert case.extensions.count() == 1


def test_varying_a_victim_condition_without_views_shows_the_rule(signed_in, bail_officer, offender):
    case = open_bail(offender, bail_officer)
    response = signed_in.post(
        reverse("bail-vary", args=[case.pk]),
        {
            "version": case.version,
            "varied_on": "2026-11-22",
            "add_text": "Not to contact the complainant",
            "add_protects_victim": "on",
        },
    )
    assert "reasonably practicable" in response.context["form"].errors["victim_views"][0]

    response = signed_in.post(
        reverse("bail-vary", args=[case.pk]),
        {
            "version": case.version,
            "varied_on": "2026-11-22",
            "add_text": "Not to contact the complainant",
            "add_protects_victim": "on",
            "victim_sought": "on",
            "victim_views": "Feels unsafe",
            "victim_told": "yes",
        },
    )
    assert response.status_code == 302
    assert case.conditions.get().protects_victim


def test_a_lapsed_case_is_assessed_from_its_page(signed_in, bail_officer, offender):
    case = open_bail(
        offender, bail_officer, arrested_on=arrested_for_end(TODAY - dt.timedelta(days=4))
    )
    page = signed_in.get(reverse("bail-case", args=[case.pk]))
    assert "Record the lapse assessment" in page.content.decode()
    response = signed_in.post(
        reverse("bail-lapse", args=[case.pk]),
        {
            "version": case.version,
            "decision": "close",
            "outcome": "",
            "decided_on": "2026-11-22",
            "rationale": "No evidence",
        },
    )
    assert "outcome" in response.context["form"].errors
    response = signed_in.post(
        reverse("bail-lapse", args=[case.pk]),
        {
            "version": case.version,
            "decision": "close",
            "outcome": "nfa",
            "decided_on": "2026-11-22",
            "rationale": "No evidence",
        },
    )
    case.refresh_from_db()
    assert (case.status, case.outcome) == (CaseStatus.ENDED, "nfa")
    # One decision, one timeline entry (not the assessment and its end twice).
    page = signed_in.get(reverse("bail-case", args=[case.pk])).content.decode()
    titles = re.findall(r'moj-timeline__title">([^<]*)<', page)
    assert titles.count("Lapse assessed: close with an outcome: No further action") == 1, titles
    assert "No further action" not in titles
    assert page.count("No evidence") == 1


def test_ending_bail_from_its_page_closes_the_reminder(signed_in, bail_officer, offender):
    case = open_bail(offender, bail_officer)
    signed_in.post(
        reverse("bail-end", args=[case.pk]),
        {"version": case.version, "reason": "charged", "ended_on": "2026-11-22", "rationale": ""},
    )
    assert Deadline.objects.get().status == "met"


def test_an_rui_review_from_its_page_moves_the_review(signed_in, bail_officer, offender):
    case = open_bail(offender, bail_officer, status="rui", arrested_on=d(2026, 9, 1))
    signed_in.post(
        reverse("bail-rui-review", args=[case.pk]),
        {"version": case.version, "reviewed_on": "2026-11-22", "notes": "Lab results chased"},
    )
    case.refresh_from_db()
    assert case.next_rui_review_due == d(2027, 2, 19)


def test_a_form_for_the_wrong_state_sends_you_back_to_the_case(signed_in, bail_officer, offender):
    case = open_bail(offender, bail_officer, status="rui")
    response = signed_in.get(reverse("bail-extend", args=[case.pk]))
    assert response.status_code == 302
    assert response.url == reverse("bail-case", args=[case.pk])


# --- Supervisor figures ----------------------------------------------------------------------------


def test_the_supervisor_view_computes_the_figures_and_links_to_the_cases(
    client, supervisor, bail_officer
):
    from offenders.models import OffenceType

    burglary = OffenceType.objects.order_by("pk").first()
    on_bail = open_bail(
        OffenderFactory(), bail_officer, arrested_on=d(2026, 11, 2), offence_type=burglary
    )
    open_bail(OffenderFactory(), bail_officer, status="rui", arrested_on=d(2026, 10, 20))
    lapsed = open_bail(
        OffenderFactory(), bail_officer, arrested_on=arrested_for_end(TODAY - dt.timedelta(days=3))
    )
    services.assess_lapse(
        case=lapsed,
        decision="continue_rui",
        decided_on=TODAY,
        rationale="Awaiting lab",
        by=bail_officer,
        now=NOW,
    )

    client.force_login(supervisor)
    response = client.get(reverse("bail-figures"))
    assert response.status_code == 200
    context = response.context
    assert context["now_counts"] == {"bail": 1, "rui": 2, "lapsed": 0}
    assert context["lapses"] == {"awaiting": 0, "continue_rui": 1, "close": 0}
    november = next(row for row in context["months"] if row["month"] == d(2026, 11, 1))
    assert november["bail"]["opened"] == 1 and november["rui"]["opened"] == 1
    assert november["bail"]["closed"] == 1  # the lapse
    if burglary is not None:
        (group,) = [g for g in context["lengths"]["bail"]["offence_type"] if g.key == burglary.pk]
        assert group.days == [(TODAY - on_bail.bail_start_date).days + 1]

    listed = client.get(reverse("bail-cases"), {"lapse": "continue_rui"})
    assert [c.pk for c in listed.context["cases"]] == [lapsed.pk]
    listed = client.get(reverse("bail-cases"), {"state": "bail"})
    assert [c.pk for c in listed.context["cases"]] == [on_bail.pk]
    listed = client.get(reverse("bail-cases"), {"bail_opened": "2026-11"})
    assert on_bail.pk in [c.pk for c in listed.context["cases"]]
    assert client.get(reverse("bail-cases"), {"bail_opened": "Nov"}).context["cases"] == []


def test_analysts_see_the_figures_but_no_links_to_cases(client, analyst, bail_officer):
    open_bail(OffenderFactory(), bail_officer)
    client.force_login(analyst)
    page = client.get(reverse("bail-figures"))
    assert page.status_code == 200
    assert reverse("bail-cases") not in page.content.decode()
    assert client.get(reverse("bail-cases")).status_code == 403


@pytest.mark.parametrize("count", [2, 8])
def test_the_figures_cost_the_same_however_many_cases(
    client, supervisor, bail_officer, count, django_assert_max_num_queries
):
    for _ in range(count):
        case = open_bail(OffenderFactory(), bail_officer)
        services.end_case(case=case, ended_on=TODAY, reason="charged", by=bail_officer, now=NOW)
    client.force_login(supervisor)
    with django_assert_max_num_queries(21):
        client.get(reverse("bail-figures"))


# --- Recording a release ------------------------------------------------------------------------


def test_a_release_on_bail_is_recorded_from_the_page(signed_in, offender, investigator):
    response = signed_in.post(
        reverse("bail-open"),
        {
            "pnc_id": offender.pnc_id,
            "arrested_on": "2026-11-12",
            "status": "bail",
            "agency": "police",
            "offence": "Burglary",
            "officer_in_case": investigator.pk,
            "conditions": "Curfew 21:00 to 06:00\n\nReside at home address",
            "victim_conditions": "Not to contact the complainant",
            "victim_sought": "on",
            "victim_views": "Wants no contact",
        },
    )
    case = offender.bail_cases.get()
    assert response.url == reverse("bail-case", args=[case.pk])
    assert case.bail_period_ends == d(2027, 2, 12)
    assert case.officer_in_case == investigator
    assert [(c.text, c.protects_victim) for c in case.conditions.all()] == [
        ("Curfew 21:00 to 06:00", False),
        ("Reside at home address", False),
        ("Not to contact the complainant", True),
    ]


def test_recording_a_release_shows_the_rules_on_the_fields(signed_in, offender):
    norfolk_person = OffenderFactory(force=force("norfolk"))
    response = signed_in.post(
        reverse("bail-open"),
        {
            "pnc_id": norfolk_person.pnc_id,
            "arrested_on": "2026-11-12",
            "status": "bail",
            "agency": "police",
        },
    )
    assert "No person you can see" in response.context["form"].errors["pnc_id"][0]
    response = signed_in.post(
        reverse("bail-open"),
        {
            "pnc_id": offender.pnc_id,
            "arrested_on": "2026-11-12",
            "status": "bail",
            "agency": "police",
            "victim_conditions": "Not to contact the complainant",
        },
    )
    assert "reasonably practicable" in response.context["form"].errors["victim_views"][0]
    assert not offender.bail_cases.exists()


def test_odd_query_strings_match_nothing_rather_than_fail(signed_in, bail_officer, offender):
    open_bail(offender, bail_officer)
    for params in (
        {"district": str(10**20)},
        {"offence_type": "x"},
        {"bail_opened": "2026-13"},
        {"state": "gone"},
    ):
        response = signed_in.get(reverse("bail-cases"), params)
        assert response.status_code == 200
        assert response.context["cases"] == []
    assert signed_in.get(reverse("bail-case", args=[10**20])).status_code == 404


def test_the_case_list_is_paginated_keeping_its_filters(client, supervisor, bail_officer):
    for _ in range(53):
        open_bail(OffenderFactory(), bail_officer, offence="Theft")
    client.force_login(supervisor)
    first = client.get(reverse("bail-cases"), {"state": "bail"})
    assert len(first.context["cases"]) == 50
    page = first.content.decode()
    assert "53 cases." in page
    assert 'href="?state=bail&amp;page=2" rel="next"' in page
    second = client.get(reverse("bail-cases"), {"state": "bail", "page": "2"})
    assert len(second.context["cases"]) == 3
    assert not {c.pk for c in first.context["cases"]} & {c.pk for c in second.context["cases"]}


@pytest.mark.parametrize("count", [2, 10])
def test_the_case_list_costs_the_same_however_many_cases(
    client, supervisor, bail_officer, count, django_assert_max_num_queries
):
    for _ in range(count):
        open_bail(OffenderFactory(), bail_officer, offence="Theft")
    client.force_login(supervisor)
    with django_assert_max_num_queries(13):  # 12 + the paginator's count
        response = client.get(reverse("bail-cases"), {"state": "bail"})
    assert len(response.context["cases"]) == count


@pytest.mark.parametrize("variations", [1, 5])
def test_the_case_page_costs_the_same_however_long_its_history(
    signed_in, bail_officer, offender, variations, django_assert_max_num_queries
):
    case = open_bail(
        offender, bail_officer, arrested_on=d(2026, 11, 12), conditions=[{"text": "Curfew"}]
    )
    for authority, rank in (("inspector", "inspector"), ("superintendent", "superintendent")):
        services.extend_bail(
            case=case,
            authority=authority,
            decided_on=TODAY,
            authorised_by_name="X",
            authorised_by_rank=rank,
            by=bail_officer,
            now=NOW,
        )
    for number in range(variations):
        services.vary_conditions(
            case=case,
            varied_on=TODAY,
            add=[{"text": f"Condition {number}"}],
            by=bail_officer,
            now=NOW,
        )
    # + the person's badges (orders in force: issue 15), one query per badge provider
    with django_assert_max_num_queries(33):
        response = signed_in.get(reverse("bail-case", args=[case.pk]))
    assert "Bail extended to 12 Aug 2027" in response.content.decode()


def test_the_court_can_give_the_longer_first_extension_from_the_page(
    signed_in, bail_officer, offender
):
    case = open_bail(offender, bail_officer, arrested_on=d(2026, 11, 12))
    for authority, rank in (("inspector", "inspector"), ("superintendent", "superintendent")):
        services.extend_bail(
            case=case,
            authority=authority,
            decided_on=TODAY,
            authorised_by_name="X",
            authorised_by_rank=rank,
            by=bail_officer,
            now=NOW,
        )
    case.refresh_from_db()
    signed_in.post(
        reverse("bail-extend", args=[case.pk]),
        {
            "version": case.version,
            "authority": "court",
            "decided_on": "2026-11-22",
            "authorised_by_name": "Ipswich Magistrates' Court",
            "section_47zf7_case": "on",
        },
    )
    case.refresh_from_db()
    assert case.bail_period_ends == d(2028, 5, 12)  # 18 months beginning with 13 Nov 2026


def test_the_queue_export_writes_hostile_names_and_offences_inert(signed_in, bail_officer):
    import csv
    import io

    from tests.core.test_exports import HOSTILE

    for n, text in enumerate(HOSTILE):
        open_bail(
            OffenderFactory(first_name=text, last_name=f"Hostile{n}"),
            bail_officer,
            arrested_on=arrested_for_end(TODAY + dt.timedelta(days=4)),
        )
    response = signed_in.get(reverse("bail-queue-export"), {"purpose": "Formula check"})
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode(), newline="")))
    assert sorted(r["person"] for r in rows) == sorted(
        f"'{text} Hostile{n}" for n, text in enumerate(HOSTILE)
    )


def test_the_case_page_links_to_the_person_with_their_warning_markers(
    signed_in, bail_officer, offender
):
    from offenders.models import Marker

    Marker.objects.create(offender=offender, kind="weapons", added_on=TODAY)
    case = open_bail(offender, bail_officer)
    html = signed_in.get(reverse("bail-case", args=[case.pk])).content.decode()
    line = html[html.index('data-testid="person-line"') :]
    line = line[: line.index("</dd>")]
    assert f'href="/people/{offender.pk}/"' in line
    assert "Warning marker: </span>Weapons" in line
    assert "On bail" not in line  # the case page says so itself
