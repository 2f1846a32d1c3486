"""The panel report as a PDF (WeasyPrint): it opens, has every section heading and its
tables, and its text is selectable (pypdf extracts it)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from core.calendar import LONDON
from dashboards import report
from dashboards.models import IssuedReport, StrategyAction
from tests.dashboards.test_report import cast  # noqa: F401  (the known cast)
from tests.factories import UserFactory, force

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(12), tzinfo=LONDON), tick=True):
        yield


def _text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) > 5
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_has_every_section_its_tables_and_selectable_text(cast, client):  # noqa: F811
    StrategyAction.objects.create(
        force=force("suffolk"),
        pillar="divert",
        action="Extend the shoplifting course to Lowestoft",
        owner="Head of Criminal Justice",
    )
    client.force_login(UserFactory(rank="staff", roles=["analyst"]))
    text = _text(client.get(reverse("panel-report-pdf"), {"from": "2026-10", "to": "2026-11"}))
    flat = " ".join(text.split()).replace("/ ", "/")  # a heading may wrap after a slash
    for number, (_key, title, _order) in enumerate(report.REPORT_SECTIONS, start=1):
        assert f"{number}. {' '.join(title.split())}" in flat, title
    assert "Managing offenders and reducing reoffending" in flat
    assert "Detentions per month per Police Investigation Centre" in flat
    assert "Disposals per district per month" in flat
    assert "The DAPU programme on" in flat
    assert "Appendix A. Managing Offenders strategy actions" in flat
    assert "Extend the shoplifting course to Lowestoft" in flat
    assert "Appendix B. HMICFRS recommendations" in flat


def test_an_issued_report_prints_as_it_was_issued(cast, client):  # noqa: F811
    author = UserFactory(rank="staff", roles=["analyst"])
    client.force_login(author)
    client.post(
        reverse("panel-narrative", args=["iom"]) + "?from=2026-10&to=2026-11",
        {"iom-text": "The cohort grew by two."},
    )
    client.post(reverse("panel-issue") + "?from=2026-10&to=2026-11", {"meeting_date": "2026-12-15"})
    issued = IssuedReport.objects.get()
    flat = " ".join(_text(client.get(reverse("panel-issued-pdf", args=[issued.pk]))).split())
    assert "15 December 2026" in flat
    assert "The cohort grew by two." in flat
