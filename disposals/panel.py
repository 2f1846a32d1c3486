"""What the scrutiny panel may read of a disposal: its free text with the person's
identifiers redacted (``core.redaction``), before an Offender Diversion Team member checks
it, redacts more and releases it (``services.release_to_panel``)."""

from __future__ import annotations

from core.redaction import Identity, patterns_for, redact
from disposals.models import Disposal


def identity_of(offender) -> Identity:
    """What could identify the person in free text an officer typed (``core.redaction``).
    Reads the prefetched aliases and addresses."""
    names = [offender.first_name, offender.last_name, *offender.middle_names.split()]
    for alias in offender.aliases.all():
        names += [alias.first_name, alias.last_name]
    given = [n for n in [offender.first_name, *offender.middle_names.split()] if n]
    initials = []
    if given and offender.last_name:
        initials = [
            f"{given[0][0]}{offender.last_name[0]}",
            "".join(n[0] for n in given) + offender.last_name[0],
        ]
    addresses, postcodes = [], []
    for address in offender.addresses.all():
        # The town alone identifies no one (and the district is shown anyway).
        addresses += [address.line1, address.line2]
        postcodes.append(address.postcode)
    return Identity(
        names=[n for n in names if n],
        initials=initials,
        pnc_id=offender.pnc_id or "",
        cro_number=offender.cro_number or "",
        date_of_birth=offender.date_of_birth,
        addresses=[a for a in addresses if a],
        postcodes=[p for p in postcodes if p],
    )


def redacted_texts(disposal: Disposal) -> dict:
    """The free text the panel would see, redacted automatically: ``offence`` and
    ``conditions`` (condition id as a string -> description)."""
    patterns = patterns_for(identity_of(disposal.offender))
    return {
        "offence": redact(disposal.offence, Identity(), patterns=patterns),
        "conditions": {
            str(c.pk): redact(c.description, Identity(), patterns=patterns)
            for c in disposal.conditions.all()
        },
    }
