from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.services import declared_purpose, record_bulk_read
from core.paging import NOTIFICATIONS_PAGE_SIZE, page_of
from deadlines import services
from deadlines.models import Deadline, Notification


def my_work(request):
    """Home: the signed-in user's notifications and the open deadlines they or their teams own."""
    now = timezone.now()
    notifications = page_of(
        Notification.objects.filter(user=request.user)
        .select_related("deadline", "deadline__offender")
        .prefetch_related("deadline__record")  # each links to its record
        .order_by("read_at", "-created_at", "-pk"),
        request,
        size=NOTIFICATIONS_PAGE_SIZE,
    )
    deadlines = list(
        Deadline.objects.open()
        .for_user(request.user)
        .select_related("offender", "owner_team", "owner_user")
        .prefetch_related("record")  # one query per kind of record, not one per row
        .order_by("due_at")[:100]
    )
    people = [d.offender_id for d in deadlines if d.offender_id]
    if people:
        record_bulk_read(
            user=request.user,
            people=people,
            purpose=declared_purpose(request, "My work: deadlines I or my teams own"),
            request=request,
            detail={"page": "my work"},
        )
    return render(
        request,
        "deadlines/my_work.html",
        {
            "notifications": list(notifications.object_list),
            "page": notifications,
            "unread_count": Notification.objects.filter(user=request.user, read_at=None).count(),
            "deadlines": deadlines,
            "now": now,
        },
    )


@require_POST
def mark_one_read(request, pk: int):
    """One notification read (only the user's own; anyone else's is a 404)."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.mark_read(user=request.user, notification_ids=[notification.pk], at=timezone.now())
    page = request.POST.get("page", "")
    return redirect(f"{reverse('home')}?page={page}" if page.isdigit() else reverse("home"))


@require_POST
def mark_all_read(request):
    ids = Notification.objects.filter(user=request.user, read_at=None).values_list("pk", flat=True)
    services.mark_read(user=request.user, notification_ids=ids, at=timezone.now())
    return redirect("home")
