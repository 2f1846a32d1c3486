from django.urls import path

from custody import api

urlpatterns = [
    path("suites/", api.SuiteList.as_view(), name="api-custody-suites"),
    path("detentions/", api.DetentionListCreate.as_view(), name="api-custody-detentions"),
    path("detentions/<int:pk>/", api.DetentionDetail.as_view(), name="api-custody-detention"),
    path("detentions/<int:pk>/reviews/", api.reviews, name="api-custody-reviews"),
    path("detentions/<int:pk>/extensions/", api.extensions, name="api-custody-extensions"),
    path(
        "detentions/<int:pk>/hospital-periods/", api.hospital_periods, name="api-custody-hospital"
    ),
    path(
        "detentions/<int:pk>/golden-hour-call/",
        api.golden_hour_call,
        name="api-custody-golden-hour",
    ),
    path("detentions/<int:pk>/charge/", api.charge, name="api-custody-charge"),
    path("detentions/<int:pk>/release/", api.release, name="api-custody-release"),
    path(
        "detentions/<int:pk>/juvenile-transfers/",
        api.juvenile_transfers,
        name="api-custody-juvenile-transfers",
    ),
    path("detentions/<int:pk>/searches/", api.searches, name="api-custody-searches"),
    path("detentions/<int:pk>/uses-of-force/", api.uses_of_force, name="api-custody-force"),
    path(
        "detentions/<int:pk>/control-measures/",
        api.control_measures,
        name="api-custody-control-measures",
    ),
    path(
        "detentions/<int:pk>/mental-health-assessments/",
        api.mental_health_assessments,
        name="api-custody-mh-assessments",
    ),
    path("s136/", api.S136ListCreate.as_view(), name="api-custody-s136"),
    path("s136/<int:pk>/extension/", api.s136_extension, name="api-custody-s136-extension"),
    path("s136/<int:pk>/end/", api.s136_end, name="api-custody-s136-end"),
]
