"""The IOM cohort list filters and pages in the database, whatever the size of the cohort."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cohorts.models import CohortMove, IomMembership
from core.paging import PAGE_SIZE
from tests.cohorts.factories import MembershipFactory
from tests.factories import OffenderFactory, UserFactory

D = dt.date


def membership_reads(queries) -> list[str]:
    """The queries that read membership rows (not counts)."""
    return [
        q["sql"]
        for q in queries
        if 'FROM "cohorts_iommembership"' in q["sql"] and "COUNT(" not in q["sql"]
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("size", [3, PAGE_SIZE + 10])
def test_the_cohort_list_pages_in_the_database_at_any_size(
    client, supervisor, django_assert_max_num_queries, size
):
    lead = UserFactory(roles=["iom_officer"])
    MembershipFactory.create_batch(size, lead_officer=lead, cohort="fixed")
    client.force_login(supervisor)
    for params in [{}, {"cohort": "fixed", "community": "yes"}, {"page": "2"}]:
        # 15: the access-log event and one bulk insert linking everyone on the page.
        with django_assert_max_num_queries(15):
            response = client.get("/cohorts/iom/cohort/", params)
        assert response.context["count"] == size
        shown = len(response.context["page"].object_list)
        on_page_two = size - PAGE_SIZE if size > PAGE_SIZE else size  # page 2 of 1: the last
        assert shown == (on_page_two if params.get("page") == "2" else min(size, PAGE_SIZE))
    with CaptureQueriesContext(connection) as ctx:
        client.get("/cohorts/iom/cohort/", {"cohort": "fixed", "community": "yes"})
    reads = membership_reads(ctx.captured_queries)
    assert reads and all("LIMIT" in sql for sql in reads), reads
    with django_assert_max_num_queries(12):
        response = client.get(
            "/cohorts/iom/cohort/export/", {"purpose": "Panel", "cohort": "fixed"}
        )
        assert len(response.getvalue().decode().strip().splitlines()) == size + 1


@pytest.mark.django_db
def test_the_cohort_and_community_filters_agree_with_the_models_on_every_date(client, supervisor):
    lead = UserFactory(roles=["iom_officer"])
    moved = MembershipFactory(lead_officer=lead, cohort="free", adopted_on=D(2026, 1, 5))
    CohortMove.objects.create(
        membership=moved,
        from_cohort="fixed",
        to_cohort="flexible",
        moved_on=D(2026, 2, 1),
        reason="x",
    )
    CohortMove.objects.create(
        membership=moved,
        from_cohort="flexible",
        to_cohort="free",
        moved_on=D(2026, 3, 1),
        reason="y",
    )
    MembershipFactory(lead_officer=lead, cohort="fixed", adopted_on=D(2026, 1, 5))
    MembershipFactory(
        lead_officer=lead,
        cohort="flexible",
        adopted_on=D(2026, 1, 5),
        offender=OffenderFactory(in_prison_since=D(2026, 2, 15)),
    )
    MembershipFactory(
        lead_officer=lead,
        cohort="flexible",
        adopted_on=D(2026, 1, 5),
        offender=OffenderFactory(in_prison_since=D(2026, 2, 15)),
        managed_in_community_override=True,
    )
    MembershipFactory(
        lead_officer=lead,
        cohort="fixed",
        adopted_on=D(2026, 1, 5),
        managed_in_community_override=False,
    )
    client.force_login(supervisor)
    members = list(IomMembership.objects.prefetch_related("moves").select_related("offender"))
    for day in [D(2026, 1, 20), D(2026, 2, 1), D(2026, 2, 20), D(2026, 3, 1), D(2026, 4, 1)]:
        for cohort in ["fixed", "flexible", "free"]:
            for community in ["yes", "no"]:
                page = client.get(
                    "/cohorts/iom/cohort/",
                    {"on": day.isoformat(), "cohort": cohort, "community": community},
                ).context["page"]
                expected = {
                    m.pk
                    for m in members
                    if m.cohort_on(day) == cohort
                    and m.managed_in_community_on(day) == (community == "yes")
                }
                assert {row.m.pk for row in page.object_list} == expected, (day, cohort, community)
                for row in page.object_list:
                    assert (row.cohort, row.community) == (cohort, community == "yes")
