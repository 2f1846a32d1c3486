from celery import shared_task
from django.utils import timezone

from deadlines import services


@shared_task(name="deadlines.tasks.scan_deadlines")
def scan_deadlines() -> int:
    """Beat runs this every minute: send every deadline alert that is due, and queue again
    the emails a broker outage lost."""
    now = timezone.now()
    sent = services.send_due_alerts(now=now)
    services.enqueue_unsent_emails(now=now)
    return sent


@shared_task(name="deadlines.tasks.email_notifications")
def email_notifications(notification_ids: list[int]) -> int:
    return services.email_notifications(notification_ids)
