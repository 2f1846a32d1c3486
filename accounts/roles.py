"""Roles are Django groups with these names (API.md "Roles")."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    CUSTODY_OFFICER = "custody_officer"
    CUSTODY_INSPECTOR = "custody_inspector"
    INVESTIGATOR = "investigator"
    BAIL_MANAGEMENT = "bail_management"
    OFFENDER_DIVERSION = "offender_diversion"
    IOM_OFFICER = "iom_officer"
    DAPU_OFFICER = "dapu_officer"
    PPU_OFFICER = "ppu_officer"
    MAPPA_COORDINATOR = "mappa_coordinator"
    SUPERVISOR = "supervisor"
    ANALYST = "analyst"
    SCRUTINY_PANEL = "scrutiny_panel"
    ADMIN = "admin"


ROLE_LABELS: dict[Role, str] = {
    Role.CUSTODY_OFFICER: "Custody officer",
    Role.CUSTODY_INSPECTOR: "Custody inspector",
    Role.INVESTIGATOR: "Investigator",
    Role.BAIL_MANAGEMENT: "Bail Management Team",
    Role.OFFENDER_DIVERSION: "Offender Diversion Team",
    Role.IOM_OFFICER: "IOM officer",
    Role.DAPU_OFFICER: "DAPU officer",
    Role.PPU_OFFICER: "Public Protection Unit officer",
    Role.MAPPA_COORDINATOR: "MAPPA coordinator",
    Role.SUPERVISOR: "Supervisor",
    Role.ANALYST: "Analyst",
    Role.SCRUTINY_PANEL: "Scrutiny panel member",
    Role.ADMIN: "Administrator",
}
