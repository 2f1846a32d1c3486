"""Access-log entries for reads and exports of disposal records (DPA 2018 s.62).

Writes are logged by ``disposals.services`` inside their own transaction; these helpers log
what a page or API view shows, so they take the request for its path and address.
"""

from __future__ import annotations

from audit.models import Action
from audit.services import record_access


def record_view(*, user, disposal, request=None) -> None:
    """Log a view of one person's disposal record (DPA 2018 s.62: consultation)."""
    record_access(
        user=user, action=Action.VIEW, offender=disposal.offender, target=disposal, request=request
    )


def record_sample_view(*, user, sample: dict, request=None) -> None:
    """Log which anonymised cases a scrutiny-panel member was shown."""
    record_access(
        user=user,
        action=Action.VIEW,
        query=f"scrutiny sample {sample['from']} to {sample['to']}, size {sample['size']}",
        detail={"disposals": [case["id"] for case in sample["cases"]]},
        request=request,
    )
