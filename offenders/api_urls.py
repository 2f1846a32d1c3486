from django.urls import path

from offenders import api

urlpatterns = [
    path("offenders/", api.OffenderListCreate.as_view(), name="api-offenders"),
    path("offenders/offence-types/", api.OffenceTypeList.as_view(), name="api-offence-types"),
    path("offenders/<int:pk>/", api.OffenderDetail.as_view(), name="api-offender"),
    path(
        "offenders/<int:pk>/possible-duplicates/",
        api.PossibleDuplicates.as_view(),
        name="api-offender-duplicates",
    ),
    path(
        "offenders/<int:pk>/access-log/",
        api.OffenderAccessLog.as_view(),
        name="api-offender-access-log",
    ),
    path(
        "offenders/<int:pk>/subject-access/",
        api.subject_access,
        name="api-offender-subject-access",
    ),
    path("offenders/<int:pk>/merge/", api.Merge.as_view(), name="api-offender-merge"),
    path("offenders/<int:pk>/aliases/", api.AddAlias.as_view(), name="api-offender-aliases"),
    path("offenders/<int:pk>/addresses/", api.AddAddress.as_view(), name="api-offender-addresses"),
    path("offenders/<int:pk>/markers/", api.AddMarker.as_view(), name="api-offender-markers"),
    path("offenders/<int:pk>/offences/", api.AddOffence.as_view(), name="api-offender-offences"),
]
