"""Who may do what with out-of-court disposals, and the only way to read them.

* Person-level disposal records: anyone who may see people (``offenders.access``), for the
  people they may see. Scrutiny-panel members and analysts never reach them.
* Writes (decide, refer, complete, breach, withdraw, restorative justice): the Offender
  Diversion Team and supervisors (and administrators).
* Figures (summary, dashboard): the team, supervisors, analysts and administrators.
* The anonymised scrutiny sample and findings: scrutiny-panel members (and administrators).
"""

from __future__ import annotations

from django.http import Http404

from disposals.models import Disposal
from offenders.access import visible_offenders


def visible_disposals(user):
    """Disposals of the people ``user`` may see, with what every list shows preloaded."""
    return Disposal.objects.filter(offender__in=visible_offenders(user)).select_related(
        "offender", "district", "decided_by", "force"
    )


def get_disposal_for_user(user, disposal_id) -> Disposal:
    try:
        return visible_disposals(user).get(pk=int(disposal_id))
    except (Disposal.DoesNotExist, ValueError, TypeError):
        raise Http404("No such disposal.") from None


def scrutiny_disposals(user):
    """The disposals a scrutiny panel may sample: its own force's (all forces for a superuser).

    Callers must only ever pass these through the anonymising serializer."""
    qs = Disposal.objects.all()
    if user.is_superuser:
        return qs
    return qs.filter(force_id=user.force_id)


def figure_disposals(user):
    """Disposals counted in the user's figures: the user's force (aggregates only)."""
    qs = Disposal.objects.all()
    if user.is_superuser:
        return qs
    return qs.filter(force_id=user.force_id)


def released_to_panel(user):
    """The disposals the panel may record findings on: sampled ones the Offender Diversion
    Team has prepared and released (``PanelRelease``)."""
    return scrutiny_disposals(user).filter(panel_release__isnull=False)
