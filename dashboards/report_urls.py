from django.urls import path

from dashboards import report_views as views

urlpatterns = [
    path("panel/", views.panel, name="panel-report"),
    path("panel.pdf", views.panel_pdf, name="panel-report-pdf"),
    path("panel.csv", views.panel_csv, name="panel-report-csv"),
    path("panel/narrative/<slug:section>/", views.narrative, name="panel-narrative"),
    path("panel/issue/", views.issue, name="panel-issue"),
    path("panel/issued/<int:pk>/", views.issued, name="panel-issued"),
    path("panel/issued/<int:pk>/publish/", views.publish, name="panel-publish"),
    path("panel/issued/<int:pk>.pdf", views.issued_pdf, name="panel-issued-pdf"),
    path("panel/issued/<int:pk>.csv", views.issued_csv, name="panel-issued-csv"),
    path("panel/published/", views.published_list, name="panel-published-list"),
    path("panel/published/<int:pk>/", views.published, name="panel-published"),
    path("panel/published/<int:pk>.pdf", views.published_pdf, name="panel-published-pdf"),
    path("panel/<slug:kind>/", views.tracker, name="panel-tracker"),
    path("panel/<slug:kind>/<int:pk>/", views.tracker, name="panel-tracker-item"),
]
