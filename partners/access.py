"""The only way to read partners records for a user (STYLE.md "Do" 5).

Person-level rows build on ``offenders.access.visible_offenders`` (force isolation,
restriction, merged records); needs and referrals recorded in a DAPU case are seen only by
DAPU roles. Services are force-scoped: a user sees their own force's directory.
"""

from __future__ import annotations

from django.http import Http404

from offenders.access import visible_offenders
from partners.choices import CaseKind
from partners.models import PersonNeed, Referral, Service
from partners.permissions import can_read_directory, can_refer, can_see_dapu_pathways


def directory(user):
    """The services of the user's force (every force for a superuser)."""
    if not can_read_directory(user):
        return Service.objects.none()
    qs = Service.objects.with_lists()
    return qs if user.is_superuser else qs.filter(force_id=user.force_id)


def get_service_for_user(user, code) -> Service:
    try:
        return directory(user).get(code=str(code)[:60])
    except (Service.DoesNotExist, Service.MultipleObjectsReturned):
        raise Http404("No such service.") from None


def _need_to_know(qs, user):
    if not can_see_dapu_pathways(user):
        qs = qs.exclude(source_kind=CaseKind.DAPU)
    return qs


def visible_referrals(user):
    if not can_refer(user):
        return Referral.objects.none()
    qs = Referral.objects.filter(offender__in=visible_offenders(user)).with_people()
    return _need_to_know(qs, user)


def get_referral_for_user(user, referral_id) -> Referral:
    try:
        pk = int(referral_id)
        if not 0 < pk < 2**63:
            raise ValueError(pk)
        return visible_referrals(user).get(pk=pk)
    except (Referral.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such referral.") from None


def visible_needs(user):
    if not can_refer(user):
        return PersonNeed.objects.none()
    qs = PersonNeed.objects.filter(offender__in=visible_offenders(user)).select_related(
        "need", "assessed_by", "offender"
    )
    return _need_to_know(qs, user)


def get_need_for_user(user, need_id) -> PersonNeed:
    try:
        pk = int(need_id)
        if not 0 < pk < 2**63:
            raise ValueError(pk)
        return visible_needs(user).get(pk=pk)
    except (PersonNeed.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such need.") from None


def figures_force_id(user):
    return user.force_id
