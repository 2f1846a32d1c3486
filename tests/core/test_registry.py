import pytest
from django.core.exceptions import ImproperlyConfigured

from core.registry import Registry


def test_it_keeps_contributions_in_registration_order():
    tiles: Registry[str] = Registry("tiles")
    tiles.register("custody", "Custody")
    tiles.register("bail", "Bail")
    assert list(tiles) == ["Custody", "Bail"]
    assert tiles.items() == [("custody", "Custody"), ("bail", "Bail")]
    assert "bail" in tiles and len(tiles) == 2 and tiles["custody"] == "Custody"


def test_it_refuses_a_second_registration_under_the_same_key():
    tiles: Registry[str] = Registry("tiles")
    tiles.register("custody", "Custody")
    with pytest.raises(ImproperlyConfigured, match="custody"):
        tiles.register("custody", "Custody again")
    assert list(tiles) == ["Custody"]


def test_every_app_registers_its_contributions_at_start_up():
    from accounts.work import handover
    from offenders import extensions

    assert [key for key, _ in extensions.summary.items()] == [
        "deadlines",
        "custody",
        "bail",
        "cohorts",
        "wanted",
    ]
    assert {"custody", "bail", "iom", "disposals", "offenders.offences"} <= {
        k for k, _ in extensions.timeline.items()
    }
    assert [key for key, _ in extensions.badges.items()] == ["custody", "bail", "cohorts", "wanted"]
    assert [label for label, _ in handover.items()] == [
        "open deadlines",
        "bail and RUI cases as officer in the case",
        "IOM members as lead officer",
        "registered sex offenders as lead officer",
        "MAPPA cases as lead officer",
        "DAPU programme entries as lead officer",
    ]
    assert [key for key, _ in extensions.restricted_badges.items()] == ["protection", "domestic"]
    from cohorts.kinds import kinds

    assert [key for key, _ in kinds.items()] == ["iom", "rso", "mappa", "dapu"]


def test_each_domain_app_puts_its_dashboard_on_the_index():
    from core import extensions

    assert [key for key, _ in extensions.dashboards.items()] == [
        "custody",
        "bail",
        "disposals",
        "iom",
        "protection",
        "partners",
        "wanted",
        "domestic",
        "panel_report",
        "panel_report_published",
    ]
