"""What every cohort membership has: the shared cohort mechanism (issue 14, "The cohort, not a
fourth copy").

IOM, MAPPA and RSO (and DAPU next) are each "a person managed in a cohort by a lead officer,
with a review cadence, a caseload and need-to-know". A concrete membership model inherits
:class:`CohortMembership` and names its start and end columns (IOM keeps its historic
``adopted_on``/``removed_on``/``removal_reason``; newer cohorts use ``started_on``/``ended_on``
/``end_reason``), so the shared queries, the caseload, the hand-over and the ending of a
membership (``cohorts.membership``) work on all of them alike. Each concrete model keeps its
own ``history = HistoricalRecords()`` and its one-open-per-person constraint.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class CohortMembershipQuerySet(models.QuerySet):
    """Queries every cohort membership answers, whatever its column names."""

    def _end(self) -> str:
        return self.model.END_FIELD  # type: ignore[attr-defined]

    def _start(self) -> str:
        return self.model.START_FIELD  # type: ignore[attr-defined]

    def open(self):
        return self.filter(**{f"{self._end()}__isnull": True})

    def open_on(self, day: dt.date):
        """In the cohort that day: started on or before, not ended on or before."""
        end = self._end()
        return self.filter(
            Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": day}),
            **{f"{self._start()}__lte": day},
        )

    def for_force(self, force_id):
        return self.filter(force_id=force_id)

    def led_by(self, user):
        return self.filter(lead_officer=user)

    def with_people(self):
        return self.select_related("offender", "lead_officer", "force")


class CohortMembership(models.Model):
    """One person's time in a cohort, led by one officer of the force.

    Subclasses override ``offender`` and ``lead_officer`` only to give them their own
    ``related_name``, and set the three column names below.
    """

    START_FIELD: ClassVar[str] = "started_on"
    END_FIELD: ClassVar[str] = "ended_on"
    END_REASON_FIELD: ClassVar[str] = "end_reason"
    # The cohort kind's key in ``cohorts.kinds`` ("iom", "rso", "mappa").
    COHORT_KIND: ClassVar[str] = ""

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    offender = models.ForeignKey("offenders.Offender", on_delete=models.PROTECT, related_name="+")
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def start_date(self) -> dt.date:
        return getattr(self, self.START_FIELD)

    @property
    def end_date(self) -> dt.date | None:
        return getattr(self, self.END_FIELD)

    @property
    def end_reason_value(self) -> str:
        return getattr(self, self.END_REASON_FIELD)

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class TeamLedMembership(CohortMembership):
    """A membership owned by a team as well as a lead officer (the newer cohorts), with the
    shared ``started_on``/``ended_on``/``end_reason``/``end_note`` columns."""

    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=40, blank=True)
    end_note = models.CharField(max_length=1000, blank=True)

    class Meta:
        abstract = True
