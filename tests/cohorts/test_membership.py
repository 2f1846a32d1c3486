"""The shared cohort mechanism: IOM, RSO and MAPPA through one path."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.work import transfer_work
from cohorts.membership import caseload
from protection import services
from tests.cohorts.factories import MembershipFactory
from tests.factories import OffenderFactory, UserFactory

TODAY = dt.date(2026, 11, 20)


@pytest.mark.django_db
def test_a_leavers_caseload_moves_in_every_cohort(iom_officer, ppu_officer, supervisor):
    iom = MembershipFactory(lead_officer=iom_officer)
    rso = services.register_rso(
        offender=OffenderFactory(),
        relevant_date=dt.date(2026, 11, 2),
        disposal="caution",
        lead_officer=ppu_officer,
        by=ppu_officer,
        today=TODAY,
    )
    moved = transfer_work(from_user=ppu_officer, to_user=supervisor, by=supervisor)
    assert moved["registered sex offenders as lead officer"] == 1
    assert moved["IOM members as lead officer"] == 0
    rso.refresh_from_db()
    assert rso.lead_officer == supervisor
    assert rso.version == 2
    iom.refresh_from_db()
    assert iom.lead_officer == iom_officer


@pytest.mark.django_db
def test_the_caseload_lists_only_the_cohorts_the_user_may_manage(ppu_officer):
    services.register_rso(
        offender=OffenderFactory(),
        relevant_date=dt.date(2026, 11, 2),
        disposal="caution",
        lead_officer=ppu_officer,
        by=ppu_officer,
        today=TODAY,
    )
    assert [m.COHORT_KIND for m in caseload(ppu_officer)] == ["rso"]
    assert caseload(UserFactory(username="nobody.x")) == []


@pytest.mark.django_db
def test_the_shared_queries_work_on_ioms_historic_columns(iom_officer):
    from cohorts.models import IomMembership

    m = MembershipFactory(lead_officer=iom_officer)
    assert IomMembership.objects.open().led_by(iom_officer).get() == m
    assert m.start_date == m.adopted_on and m.is_open
