from django.conf import settings

from config.navigation import navigation_for


def desist(request):
    return {
        "service_name": settings.SERVICE_NAME,
        "protective_marking": settings.PROTECTIVE_MARKING,
        "navigation": navigation_for(request),
    }
