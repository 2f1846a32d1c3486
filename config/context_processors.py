from django.conf import settings

from accounts.middleware import session_clock
from config.navigation import navigation_for


def desist(request):
    return {
        "service_name": settings.SERVICE_NAME,
        "protective_marking": settings.PROTECTIVE_MARKING,
        "navigation": navigation_for(request),
        "session_clock": session_clock(request)
        if getattr(request, "user", None) is not None
        and request.user.is_authenticated
        and hasattr(request, "session")
        else None,
    }
