"""The access log required by the Data Protection Act 2018 s.62 (DOMAIN.md §9.1).

Append-only: rows are written in the same transaction as what they record and never
changed (on PostgreSQL a trigger refuses UPDATE and DELETE).
"""

from __future__ import annotations

from django.apps import apps as django_apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Action(models.TextChoices):
    VIEW = "view", "Viewed a record (consultation)"
    SEARCH = "search", "Searched"
    LIST = "list", "Listed people (consultation)"
    EXPORT = "export", "Exported or downloaded (disclosure)"
    CREATE = "create", "Created (collection)"
    UPDATE = "update", "Changed (alteration)"
    DELETE = "delete", "Deleted (erasure)"
    MERGE = "merge", "Merged records (combination)"
    LOGIN = "login", "Signed in"
    LOGOUT = "logout", "Signed out"
    LOGIN_FAILED = "login_failed", "Failed sign-in"


class AccessEvent(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_events",
    )
    username = models.CharField(
        max_length=150, blank=True, help_text="As typed, for failed sign-ins."
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    offender = models.ForeignKey(
        "offenders.Offender",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_events",
    )
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    query = models.CharField(max_length=500, blank=True)
    justification = models.CharField(max_length=500, blank=True)
    purpose = models.CharField(
        max_length=300,
        help_text="Why (DPA 2018 s.62(2)): the case, task or page it was done for, or the reason "
        "the user typed. Never empty.",
    )
    people = models.ManyToManyField(
        "offenders.Offender",
        through="AccessEventPerson",
        related_name="bulk_access_events",
        blank=True,
        help_text="Everyone a list, search or export returned (one event, many people).",
    )
    recipients = models.CharField(max_length=500, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    path = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["offender", "-at"], name="access_offender_idx"),
            models.Index(fields=["user", "-at"], name="access_user_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(purpose=""), name="access_event_has_purpose"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username or self.user_id} {self.action}"

    @property
    def object_label(self) -> str:
        """The record as officers name it ("Wanted circulation 11", "Person 19"), not its
        storage name ("wanted.wantedcirculation 11"); blank when the event names no record."""
        if not self.object_type:
            return f"Person {self.offender_id}" if self.offender_id else ""
        try:
            model = django_apps.get_model(self.object_type)
        except (LookupError, ValueError):
            return f"{self.object_type} {self.object_id}"
        name = "person" if model._meta.model_name == "offender" else model._meta.verbose_name
        return f"{str(name)[:1].upper()}{str(name)[1:]} {self.object_id}"


class AccessEventPerson(models.Model):
    """One person returned by one bulk read (a list, search or export). Append-only too.

    Written by ``audit.services.record_bulk_read`` in one bulk INSERT with its event, so a
    person's access log (``audit.selectors.events_for_offender``) finds every list they
    appeared in through the (offender, event) index.
    """

    event = models.ForeignKey(AccessEvent, on_delete=models.PROTECT, related_name="links")
    offender = models.ForeignKey("offenders.Offender", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offender", "event"], name="one_link_per_person"),
        ]

    def __str__(self) -> str:
        return f"event {self.event_id} -> person {self.offender_id}"
