"""The app's URLs plus ``/bench/floor/``: a trivial view behind the same middleware (session,
login required, MFA, the access-log machinery, ATOMIC_REQUESTS), so that the benchmark can
show every page beside the cost of simply being a signed-in Django request."""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler403, handler404, handler500
from config.urls import urlpatterns as app_urlpatterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor, name="bench-floor"), *app_urlpatterns]
