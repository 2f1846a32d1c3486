from django.urls import path

from cohorts import views

urlpatterns = [
    path("iom/", views.caseload, name="iom-home"),
    path("iom/cohort/", views.cohort, name="iom-cohort"),
    path("iom/cohort/export/", views.export, name="iom-export"),
    path("iom/adopt/", views.adopt, name="iom-adopt"),
    path("iom/members/<int:pk>/", views.member, name="iom-member"),
    path("iom/members/<int:pk>/details/", views.details, name="iom-details"),
    path("iom/members/<int:pk>/move/", views.move, name="iom-move"),
    path("iom/members/<int:pk>/review/", views.review, name="iom-review"),
    path("iom/members/<int:pk>/remove/", views.remove, name="iom-remove"),
    path("iom/dashboard/", views.dashboard, name="iom-dashboard"),
    path("iom/dashboard/export/", views.dashboard_export, name="iom-dashboard-export"),
    path("iom/dashboard/deterrence/", views.deterrence_breakdown, name="iom-deterrence"),
    path("iom/dashboard/harm/", views.harm_breakdown, name="iom-harm"),
]
