from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config import health

api_v1 = [
    path("", include("accounts.api_urls")),
    path("", include("deadlines.api_urls")),
    path("", include("offenders.api_urls")),
    path("custody/", include("custody.api_urls")),
    path("bail/", include("bail.api_urls")),
    path("disposals/", include("disposals.api_urls")),
    path("cohorts/", include("cohorts.api_urls")),
    path("", include("partners.api_urls")),
    path("", include("wanted.api_urls")),
    path("public-protection/", include("protection.api_urls")),
    path("reports/", include("dashboards.report_api_urls")),
    path("domestic-abuse/", include("domestic.api_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script (CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("", include("deadlines.urls")),
    path("", include("accounts.urls")),
    path("people/", include("offenders.urls")),
    path("custody/", include("custody.urls")),
    path("bail/", include("bail.urls")),
    path("disposals/", include("disposals.urls")),
    path("cohorts/", include("cohorts.urls")),
    path("partners/", include("partners.urls")),
    path("wanted/", include("wanted.urls")),
    path("public-protection/", include("protection.urls")),
    path("domestic-abuse/", include("domestic.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("reports/", include("dashboards.report_urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
]

handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
