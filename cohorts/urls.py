from django.urls import path

from cohorts.views import iom, iom_dashboard

urlpatterns = [
    path("iom/", iom.caseload, name="iom-home"),
    path("iom/cohort/", iom.cohort, name="iom-cohort"),
    path("iom/cohort/export/", iom.export, name="iom-export"),
    path("iom/adopt/", iom.adopt, name="iom-adopt"),
    path("iom/adopt/check/", iom.adopt_preview, name="iom-adopt-preview"),
    path("iom/members/<int:pk>/", iom.member, name="iom-member"),
    path("iom/members/<int:pk>/details/", iom.details, name="iom-details"),
    path("iom/members/<int:pk>/move/", iom.move, name="iom-move"),
    path("iom/members/<int:pk>/review/", iom.review, name="iom-review"),
    path("iom/members/<int:pk>/remove/", iom.remove, name="iom-remove"),
    path("iom/dashboard/", iom_dashboard.dashboard, name="iom-dashboard"),
    path("iom/dashboard/export/", iom_dashboard.dashboard_export, name="iom-dashboard-export"),
    path("iom/dashboard/deterrence/", iom_dashboard.deterrence_breakdown, name="iom-deterrence"),
    path("iom/dashboard/harm/", iom_dashboard.harm_breakdown, name="iom-harm"),
]
