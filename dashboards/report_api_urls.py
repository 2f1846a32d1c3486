from django.urls import path

from dashboards import report_api

urlpatterns = [
    path("panel/", report_api.panel, name="api-panel-report"),
]
