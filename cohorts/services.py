"""The only place IOM records are written: adopt, move, review, remove (STYLE.md "Do" 4).

Each function locks what it depends on, writes, records the access-log row, then opens,
moves or closes the member's ``iom_review`` deadline, all in one transaction.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from accounts.roles import Role
from audit.models import Action
from audit.services import record_access
from cohorts import membership as cohort_membership
from cohorts import rules
from cohorts.models import CohortMove, IomCohortCriteria, IomMembership, IomReview
from cohorts.selectors import neighbourhood_offences_before
from core.calendar import end_of_day
from core.concurrency import bump_version
from deadlines import services as deadlines
from deadlines.models import Kind
from offenders.models import Offender

REVIEW_TITLE = "IOM review due"  # no personal names: deadline titles go into emails
REVIEW_WARNING_LEADS = [dt.timedelta(days=7)]
REVIEW_ESCALATION_AFTER = dt.timedelta(days=7)
LEAD_OFFICER_ROLES = {Role.IOM_OFFICER, Role.SUPERVISOR}
OPEN_MEMBERSHIP_MESSAGE = (
    "This person is already on the IOM scheme (an open membership). Move them between "
    "cohorts or remove them first."
)


def _check_not_future(field: str, day: dt.date, today: dt.date) -> None:
    if day > today:
        raise ValidationError({field: ["The date cannot be in the future."]})


def _review_due_at(last: dt.date, weeks: int) -> dt.datetime:
    return end_of_day(rules.iom_review_due(last, weeks))


def _open_review_deadline(
    membership: IomMembership, due_at: dt.datetime, as_of: dt.datetime | None = None
) -> None:
    """The member's next review, to the lead officer and the IOM team; a week overdue it
    escalates to supervisors (the shared cohort path)."""
    cohort_membership.schedule_review(
        membership,
        due_at=due_at,
        title=REVIEW_TITLE,
        warning_leads=REVIEW_WARNING_LEADS,
        escalate_after=REVIEW_ESCALATION_AFTER,
        as_of=as_of,
    )


LEAD_OFFICER_RULE = "The lead officer must be an active IOM officer or supervisor of this force."


def _check_lead_officer(lead_officer: User, force) -> None:
    if (
        not lead_officer.is_active
        or lead_officer.force_id != force.pk
        or not lead_officer.has_role(*LEAD_OFFICER_ROLES)
    ):
        raise ValidationError({"lead_officer": [LEAD_OFFICER_RULE]})


def adopt_iom_member(
    *,
    offender: Offender,
    cohort: str,
    adopted_on: dt.date,
    reason: str,
    lead_officer: User,
    by: User,
    today: dt.date,
    ogrs_score: int | None = None,
    statutory_supervision: bool = False,
    probation_contact: str = "",
    managed_in_community: bool | None = None,
    request=None,
) -> IomMembership:
    """Adopt a person into a cohort. Selection warnings are recorded, never refused.

    Refused (field-level ValidationError): a second open membership (``offender``), a
    future date, an OGRS score outside 0-100, a lead officer outside the force.
    """
    cohort = rules.Cohort(cohort)
    _check_not_future("adopted_on", adopted_on, today)
    if adopted_on < offender.date_of_birth:
        raise ValidationError(
            {"adopted_on": ["The adoption date is before the person's date of birth."]}
        )
    if ogrs_score is not None and not 0 <= ogrs_score <= 100:
        raise ValidationError({"ogrs_score": ["An OGRS score is a percentage from 0 to 100."]})
    if not reason.strip():
        raise ValidationError({"reason": ["Give the reason for adoption."]})
    _check_lead_officer(lead_officer, offender.force)

    with transaction.atomic():
        # Lock the person so two panels adopting at once queue; the constraint backs it.
        offender = Offender.objects.select_for_update().get(pk=offender.pk)
        if IomMembership.objects.filter(offender=offender).open().exists():
            raise ValidationError({"offender": [OPEN_MEMBERSHIP_MESSAGE]})
        refused = rules.adoption_date_violation(
            adopted_on=adopted_on,
            date_of_birth=offender.date_of_birth,
            earlier=IomMembership.objects.filter(offender=offender).values_list(
                "adopted_on", "removed_on"
            ),
        )
        if refused:
            raise ValidationError({"adopted_on": [refused]})
        criteria, weeks = IomCohortCriteria.for_cohort(offender.force, cohort)
        neighbourhood = neighbourhood_offences_before(
            offender, adopted_on, criteria.lookback_months
        )
        warnings = rules.selection_warnings(
            cohort,
            rules.SelectionFacts(
                neighbourhood_offences_in_lookback=neighbourhood,
                ogrs_score=ogrs_score,
                statutory_supervision=statutory_supervision,
                gender=offender.gender,
            ),
            criteria,
        )
        membership = IomMembership(
            force=offender.force,
            offender=offender,
            cohort=cohort,
            adopted_on=adopted_on,
            reason=reason.strip(),
            neighbourhood_offences=neighbourhood,
            lookback_months=criteria.lookback_months,
            ogrs_score=ogrs_score,
            ogrs_band="" if ogrs_score is None else rules.ogrs_band(ogrs_score),
            statutory_supervision=statutory_supervision,
            selection_warnings=warnings,
            lead_officer=lead_officer,
            probation_contact=probation_contact.strip(),
            managed_in_community_override=managed_in_community,
            created_by=by,
        )
        try:
            with transaction.atomic():
                membership.save()
        except IntegrityError:
            raise ValidationError({"offender": [OPEN_MEMBERSHIP_MESSAGE]}) from None
        record_access(
            user=by,
            action=Action.CREATE,
            offender=offender,
            target=membership,
            request=request,
            detail={
                "iom": "adopted",
                "cohort": cohort,
                "adopted_on": adopted_on.isoformat(),
                "warnings": len(warnings),
            },
        )
        _open_review_deadline(
            membership, _review_due_at(adopted_on, weeks), as_of=end_of_day(today)
        )
    return membership


def _lock_open(membership: IomMembership, version: int | None) -> IomMembership:
    return cohort_membership.lock_open(membership, version)


def move_iom_member(
    *,
    membership: IomMembership,
    to_cohort: str,
    moved_on: dt.date,
    reason: str,
    by: User,
    today: dt.date,
    version: int | None = None,
    request=None,
) -> tuple[IomMembership, list[str]]:
    """Move an open member to another cohort, as a recorded change. Returns the new
    cohort's selection warnings (facts as recorded at adoption), shown but not blocking."""
    to_cohort = rules.Cohort(to_cohort)
    _check_not_future("moved_on", moved_on, today)
    if not reason.strip():
        raise ValidationError({"reason": ["Give the reason for the move."]})
    with transaction.atomic():
        membership = _lock_open(membership, version)
        if to_cohort == membership.cohort:
            raise ValidationError({"cohort": ["The person is already in that cohort."]})
        last_move = membership.moves.order_by("-moved_on", "-pk").first()
        earliest = last_move.moved_on if last_move else membership.adopted_on
        if moved_on < earliest:
            raise ValidationError(
                {
                    "moved_on": [
                        f"The move cannot be before {earliest.day} {earliest:%B %Y} (adoption or the last move)."
                    ]
                }
            )
        CohortMove.objects.create(
            membership=membership,
            from_cohort=membership.cohort,
            to_cohort=to_cohort,
            moved_on=moved_on,
            reason=reason.strip(),
            moved_by=by,
        )
        from_cohort = membership.cohort
        membership.cohort = to_cohort
        bump_version(membership, ["cohort"])
        record_access(
            user=by,
            action=Action.UPDATE,
            offender=membership.offender,
            target=membership,
            request=request,
            detail={
                "iom": "moved",
                "from": from_cohort,
                "to": to_cohort,
                "moved_on": moved_on.isoformat(),
            },
        )
        criteria, _weeks = IomCohortCriteria.for_cohort(membership.force, to_cohort)
        warnings = rules.selection_warnings(
            to_cohort,
            rules.SelectionFacts(
                neighbourhood_offences_in_lookback=membership.neighbourhood_offences,
                ogrs_score=membership.ogrs_score,
                statutory_supervision=membership.statutory_supervision,
                gender=membership.offender.gender,
            ),
            criteria,
        )
    return membership, warnings


def record_iom_review(
    *,
    membership: IomMembership,
    reviewed_on: dt.date,
    notes: str,
    by: User,
    today: dt.date,
    request=None,
) -> IomReview:
    """Record a review held and move the ``iom_review`` deadline to the next one."""
    _check_not_future("reviewed_on", reviewed_on, today)
    with transaction.atomic():
        membership = _lock_open(membership, None)
        earliest = membership.last_reviewed_on or membership.adopted_on
        if reviewed_on < earliest:
            raise ValidationError(
                {
                    "reviewed_on": [
                        f"The review cannot be before {earliest.day} {earliest:%B %Y} (adoption or the last review)."
                    ]
                }
            )
        _criteria, weeks = IomCohortCriteria.for_cohort(membership.force, membership.cohort)
        next_due = rules.iom_review_due(reviewed_on, weeks)
        review = IomReview.objects.create(
            membership=membership,
            reviewed_on=reviewed_on,
            notes=notes.strip(),
            next_review_due_on=next_due,
            reviewed_by=by,
        )
        membership.last_reviewed_on = reviewed_on
        bump_version(membership, ["last_reviewed_on"])
        record_access(
            user=by,
            action=Action.UPDATE,
            offender=membership.offender,
            target=membership,
            request=request,
            detail={"iom": "reviewed", "reviewed_on": reviewed_on.isoformat()},
        )
        cohort_membership.schedule_review(
            membership,
            due_at=end_of_day(next_due),
            title=REVIEW_TITLE,
            warning_leads=REVIEW_WARNING_LEADS,
            escalate_after=REVIEW_ESCALATION_AFTER,
        )
    return review


UNSET = object()


def update_iom_member(
    *,
    membership: IomMembership,
    version: int,
    by: User,
    at: dt.datetime,
    lead_officer: User | None = None,
    probation_contact: str | None = None,
    managed_in_community: object = UNSET,
    request=None,
) -> IomMembership:
    """Change the lead officer, probation contact or managed-in-community override.

    ``version`` is the one the user read (a stale one raises StaleVersion). A new lead
    officer takes over the open review: it is cancelled and reopened for them, same due time.
    ``managed_in_community``: True/False records an override, None returns to the records.
    """
    with transaction.atomic():
        membership = _lock_open(membership, version)
        changed: dict[str, object] = {}
        if lead_officer is not None and lead_officer.pk != membership.lead_officer_id:
            _check_lead_officer(lead_officer, membership.force)
            changed["lead_officer"] = lead_officer.username
            membership.lead_officer = lead_officer
        if (
            probation_contact is not None
            and probation_contact.strip() != membership.probation_contact
        ):
            membership.probation_contact = probation_contact.strip()
            changed["probation_contact"] = membership.probation_contact
        if (
            managed_in_community is not UNSET
            and managed_in_community != membership.managed_in_community_override
        ):
            membership.managed_in_community_override = managed_in_community  # type: ignore[assignment]
            changed["managed_in_community_override"] = managed_in_community
        if not changed:
            return membership
        fields = {
            "lead_officer": "lead_officer",
            "probation_contact": "probation_contact",
            "managed_in_community_override": "managed_in_community_override",
        }
        bump_version(membership, [fields[name] for name in changed])
        record_access(
            user=by,
            action=Action.UPDATE,
            offender=membership.offender,
            target=membership,
            request=request,
            detail={"iom": "updated", **changed},
        )
        if "lead_officer" in changed:
            for deadline in deadlines.open_deadlines_for(membership, Kind.IOM_REVIEW):
                deadlines.cancel_deadline(deadline=deadline, at=at)
                _open_review_deadline(membership, deadline.due_at)
    return membership


def remove_iom_member(
    *,
    membership: IomMembership,
    removed_on: dt.date,
    reason: str,
    by: User,
    at: dt.datetime,
    today: dt.date,
    note: str = "",
    version: int | None = None,
    request=None,
) -> IomMembership:
    """End a membership with its date and reason; the review deadline is cancelled."""
    try:
        reason = rules.RemovalReason(reason)
    except ValueError:
        raise ValidationError({"reason": ["Choose a removal reason from the list."]}) from None
    _check_not_future("removed_on", removed_on, today)
    if reason == rules.RemovalReason.OTHER and not note.strip():
        raise ValidationError({"note": ["Say why, when the reason is 'Other'."]})
    with transaction.atomic():
        membership = _lock_open(membership, version)
        if removed_on < membership.adopted_on:
            raise ValidationError(
                {"removed_on": ["The removal date cannot be before the adoption date."]}
            )
        last_move = membership.moves.order_by("-moved_on").first()
        if last_move and removed_on < last_move.moved_on:
            raise ValidationError(
                {"removed_on": ["The removal date cannot be before the last cohort move."]}
            )
        cohort_membership.end_membership(
            membership,
            ended_on=removed_on,
            reason=reason,
            note=note,
            note_field="removal_note",
            by=by,
            at=at,
            request=request,
            detail={"iom": "removed", "removed_on": removed_on.isoformat()},
        )
    return membership
