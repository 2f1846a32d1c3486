"""Benchmark data (``manage.py generate``, see ``core.generate``): the staff who own the
generated casework, per force and role, in the teams their work is routed to."""

from __future__ import annotations

from django.contrib.auth.models import Group

from accounts.models import Force, Team, User
from accounts.ranks import Rank
from accounts.roles import Role
from core.generate import Context

ORDER = 10

# role -> (rank, team codes, how many per force at national scale, at least)
STAFF = {
    Role.CUSTODY_OFFICER: (Rank.SERGEANT, [], 24, 2),
    Role.CUSTODY_INSPECTOR: (Rank.INSPECTOR, [], 6, 1),
    Role.INVESTIGATOR: (Rank.CONSTABLE, ["investigation"], 300, 3),
    Role.BAIL_MANAGEMENT: (Rank.STAFF, ["bail-management"], 12, 1),
    Role.OFFENDER_DIVERSION: (Rank.STAFF, ["offender-diversion"], 12, 1),
    Role.IOM_OFFICER: (Rank.CONSTABLE, ["iom"], 40, 2),
    Role.SUPERVISOR: (Rank.INSPECTOR, ["leadership", "bail-management", "iom"], 6, 1),
    Role.ANALYST: (Rank.STAFF, [], 4, 1),
    Role.SCRUTINY_PANEL: (Rank.STAFF, [], 6, 1),
}


def generate(ctx: Context) -> str:
    share = ctx.volumes["people"] / 1_000_000
    forces = list(Force.objects.order_by("code"))
    groups = {g.name: g for g in Group.objects.all()}
    for team in Team.objects.all():
        ctx.teams[team.force_id][team.code] = team.pk
    custody_teams = {
        force.pk: [pk for code, pk in ctx.teams[force.pk].items() if code.startswith("custody-")]
        for force in forces
    }
    users, memberships, team_links = [], [], []
    ids = iter(
        ctx.ids(User, sum(max(lo, round(n * share)) for _r, n, lo in _counts()) * len(forces))
    )
    for force in forces:
        for role, (rank, teams, national, least) in STAFF.items():
            for n in range(max(least, round(national * share))):
                pk = next(ids)
                users.append(
                    User(
                        pk=pk,
                        username=f"gen.{role}.{force.code}.{n + 1}",
                        first_name=role.replace("_", " ").title(),
                        last_name=f"{force.name} {n + 1}",
                        email=f"gen.{role}.{n + 1}@{force.code}.police.example",
                        rank=rank,
                        force=force,
                        password="!",  # unusable: bench/ signs in its own users
                    )
                )
                memberships.append(User.groups.through(user_id=pk, group_id=groups[role].pk))
                codes = list(teams)
                if (
                    role in (Role.CUSTODY_OFFICER, Role.CUSTODY_INSPECTOR)
                    and custody_teams[force.pk]
                ):
                    codes.append("")  # placeholder, replaced by the suite's team below
                for code in codes:
                    team_id = (
                        custody_teams[force.pk][n % len(custody_teams[force.pk])]
                        if code == ""
                        else ctx.teams[force.pk].get(code)
                    )
                    if team_id:
                        team_links.append(User.teams.through(user_id=pk, team_id=team_id))
                ctx.staff[str(role)].setdefault(force.pk, []).append(pk)
    User.objects.bulk_create(users, batch_size=1000)
    User.groups.through.objects.bulk_create(memberships, batch_size=1000)
    User.teams.through.objects.bulk_create(team_links, batch_size=1000)
    ctx._written.add(User)
    return f"{len(users)} staff users in {len(forces)} forces"


def _counts():
    return [(role, national, least) for role, (_rank, _t, national, least) in STAFF.items()]
