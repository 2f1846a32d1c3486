"""GET /healthz: database, broker and scheduler status for load balancers and operators."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection, transaction
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means unhealthy; say which
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def _broker() -> dict:
    from config.celery import app

    url = settings.CELERY_BROKER_URL
    transport = url.split("://", 1)[0]
    try:
        with app.connection_for_write() as conn:
            # One quick retry: a load balancer checks every few seconds and must not wait.
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2, timeout=2)
    except Exception as exc:
        return {"ok": False, "transport": transport, "error": exc.__class__.__name__}
    return {"ok": True, "transport": transport}


def _beat(database_ok: bool) -> dict:
    if not database_ok:
        return {"ok": False, "last_tick": None}
    from deadlines.models import Heartbeat
    from deadlines.services import SCAN_HEARTBEAT

    beat = Heartbeat.objects.filter(name=SCAN_HEARTBEAT).first()
    if beat is None:
        return {"ok": False, "last_tick": None}
    age = (timezone.now() - beat.at).total_seconds()
    return {
        "ok": age <= settings.HEALTH_BEAT_STALE_SECONDS,
        "last_tick": timezone.localtime(beat.at).isoformat(),
        "age_seconds": int(age),
    }


@login_not_required
@transaction.non_atomic_requests  # ATOMIC_REQUESTS would need the database before we can check it
@require_GET
def healthz(request):
    database = _database()
    body = {"database": database, "broker": _broker(), "beat": _beat(database["ok"])}
    # Only the database decides 503: without it nothing works. A broker that is down or a
    # stale beat is "degraded" with 200: the pages keep working (notifications wait in the
    # database), so a load balancer keeps the node while operators are alerted
    # (README "What operators must monitor").
    if not database["ok"]:
        body["status"] = "unavailable"
    elif body["broker"]["ok"] and body["beat"]["ok"]:
        body["status"] = "ok"
    else:
        body["status"] = "degraded"
    return JsonResponse(body, status=200 if database["ok"] else 503)
