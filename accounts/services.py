"""Create and change user accounts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import ApiToken, Force, PolicingArea, Team, User
from accounts.ranks import Rank
from accounts.roles import Role


def check_create_user(
    *,
    username: str,
    roles: Iterable[str],
    rank: str,
    force_code: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    team_codes: Iterable[str] = (),
    area_codes: Iterable[str] = (),
) -> User:
    """Validate everything, then create the user. Raises ValidationError field by field."""
    errors: dict[str, list[str]] = {}
    roles = list(dict.fromkeys(roles))
    unknown_roles = [r for r in roles if r not in Role.__members__.values()]
    if not roles:
        errors["role"] = ["Give at least one role."]
    elif unknown_roles:
        errors["role"] = [f"Unknown role {r!r}. Roles: {', '.join(Role)}." for r in unknown_roles]
    if rank not in Rank.__members__.values():
        errors["rank"] = [f"Unknown rank {rank!r}. Ranks: {', '.join(Rank)}."]
    force = Force.objects.filter(code=force_code).first()
    if force is None:
        errors["force"] = [
            f"Unknown force {force_code!r}. Forces: {', '.join(Force.objects.values_list('code', flat=True))}."
        ]
    if User.objects.filter(username=username).exists():
        errors["username"] = [f"A user called {username!r} already exists."]
    if not username:
        errors["username"] = ["Give a username."]
    candidate = User(username=username, first_name=first_name, last_name=last_name, email=email)
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    teams = list(Team.objects.filter(force=force, code__in=list(team_codes))) if force else []
    areas = (
        list(PolicingArea.objects.filter(force=force, code__in=list(area_codes))) if force else []
    )
    if errors:
        raise ValidationError(errors)
    return do_create_user(
        username=username,
        roles=roles,
        rank=rank,
        force=force,
        password=password,
        first_name=first_name,
        last_name=last_name,
        email=email,
        teams=teams,
        areas=areas,
    )


@transaction.atomic
def do_create_user(
    *,
    username,
    roles,
    rank,
    force,
    password,
    first_name="",
    last_name="",
    email="",
    teams=(),
    areas=(),
) -> User:
    user = User(
        username=username,
        rank=rank,
        force=force,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_staff=Role.ADMIN in roles,
    )
    user.set_password(password)
    user.save()
    user.groups.set(Group.objects.filter(name__in=roles))
    user.teams.set(teams)
    user.policing_areas.set(areas)
    return user


def check_update_user(
    *,
    user: User,
    version: int | None,
    by: User,
    first_name: str,
    last_name: str,
    email: str,
    rank: str,
    roles: Iterable[str],
    teams,
    areas,
    password: str = "",
) -> User:
    """Change a user's details, rank, roles, teams and areas. Refuses a stale ``version``."""
    from audit.services import record_access
    from core.concurrency import bump_version, check_version

    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        check_version(locked, version)
        before = {"rank": locked.rank, "roles": sorted(locked.role_names())}
        locked.first_name, locked.last_name, locked.email, locked.rank = (
            first_name,
            last_name,
            email,
            rank,
        )
        locked.is_staff = Role.ADMIN in set(roles)
        fields = ["first_name", "last_name", "email", "rank", "is_staff"]
        if password:
            locked.set_password(password)
            fields.append("password")
            revoke_api_tokens(user=locked)  # a new password: every API token stops working
        bump_version(locked, fields)
        locked.groups.set(Group.objects.filter(name__in=list(roles)))
        locked.teams.set(teams)
        locked.policing_areas.set(areas)
        record_access(
            user=by,
            action="update",
            target=locked,
            detail={"before": before, "after": {"rank": rank, "roles": sorted(roles)}},
        )
        return locked


def set_active(*, user: User, active: bool, by: User) -> User:
    """Deactivate a leaver (they can no longer sign in) or reactivate them."""
    from audit.services import record_access

    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=active)
        if not active:
            revoke_api_tokens(user=user)  # API tokens stop working at once
        record_access(user=by, action="update", target=user, detail={"active": active})
    user.refresh_from_db()
    return user


def issue_api_token(*, user: User, client: str, second_factor: bool, now) -> tuple[ApiToken, str]:
    """A new API token for ``client``, replacing the user's previous token for that client.
    Answers the stored token and the secret (shown once: only its digest is kept)."""
    with transaction.atomic():
        ApiToken.objects.filter(user=user, client=client).delete()
        instance, secret = ApiToken.objects.create(
            user=user, client=client, second_factor=second_factor, expiry=None
        )
        instance.expiry = now + dt.timedelta(minutes=settings.API_TOKEN_TTL_MINUTES)
        instance.save(update_fields=["expiry"])
    return instance, secret


def revoke_api_tokens(*, user: User) -> int:
    """Delete every API token of the user (deactivation, password change, reset). Answers how many."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted
