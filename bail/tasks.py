from celery import shared_task
from django.utils import timezone

from bail import services


@shared_task(name="bail.tasks.mark_lapsed")
def mark_lapsed() -> int:
    """Record every bail period that ended with no extension or outcome (run daily, just
    after midnight, and safe to run at any time or twice: it is idempotent)."""
    return services.record_lapses(now=timezone.now())
