from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from knox.models import AbstractAuthToken

from accounts.ranks import RANK_LABELS, Rank
from accounts.roles import Role


class Force(models.Model):
    """A police force. Every person-level row carries its force (docs/scaling.md)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PolicingArea(models.Model):
    """A policing area or district of a force (e.g. Suffolk South, reported as Ipswich)."""

    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="areas")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=100)
    report_name = models.CharField(
        max_length=100, blank=True, help_text="The name the force's reports use, if different."
    )

    class Meta:
        ordering = ["force__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["force", "code"], name="unique_area_code_per_force")
        ]

    def __str__(self) -> str:
        return self.report_name or self.name


class Team(models.Model):
    """A team that owns work: deadlines are routed to a team's members."""

    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="teams")
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["force__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["force", "code"], name="unique_team_code_per_force")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.force.name})"


class UserQuerySet(models.QuerySet):
    def with_role(self, role: str) -> UserQuerySet:
        return self.filter(groups__name=role, is_active=True).distinct()


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    pass


class User(AbstractUser):
    rank = models.CharField(
        max_length=30, choices=[(r.value, RANK_LABELS[r]) for r in Rank], default=Rank.STAFF
    )
    force = models.ForeignKey(
        Force, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    policing_areas = models.ManyToManyField(PolicingArea, blank=True, related_name="users")
    teams = models.ManyToManyField(Team, blank=True, related_name="members")
    version = models.PositiveIntegerField(default=1)

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        name = self.get_full_name() or self.username
        return f"{Rank(self.rank).label} {name}" if self.rank != Rank.STAFF else name

    def role_names(self) -> set[str]:
        """The user's roles; cached on the instance (one query per request at most)."""
        if not hasattr(self, "_role_names"):
            self._role_names = set(self.groups.values_list("name", flat=True))
        return self._role_names

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_names() & {str(r) for r in roles})

    @property
    def is_admin_role(self) -> bool:
        return self.is_superuser or self.has_role(Role.ADMIN)


class ApiToken(AbstractAuthToken):
    """An API token (django-rest-knox, stored as a digest): one per user and client name.

    It expires (``expiry``), is revoked by signing out through the API, by deactivation and
    by a password change, and records whether it was issued after a second factor.
    """

    client = models.CharField(max_length=64)
    second_factor = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "client"], name="one_api_token_per_client")
        ]

    def __str__(self) -> str:
        return f"{self.user} / {self.client}"
