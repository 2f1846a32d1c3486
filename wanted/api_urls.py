from django.urls import path

from wanted import api

urlpatterns = [
    path("wanted/", api.WantedList.as_view(), name="wanted-api-list"),
    path("wanted/monthly-list/", api.monthly_list, name="wanted-api-monthly-list"),
    path("wanted/performance-list/", api.performance_list, name="wanted-api-performance-list"),
    path("wanted/summary/", api.summary, name="wanted-api-summary"),
    path("wanted/<int:pk>/", api.circulation_detail, name="wanted-api-detail"),
    path("wanted/<int:pk>/reviews/", api.circulation_review, name="wanted-api-reviews"),
    path("wanted/<int:pk>/end/", api.circulation_end, name="wanted-api-end"),
    path("outstanding-suspects/", api.SuspectList.as_view(), name="suspects-api-list"),
    path("outstanding-suspects/<int:pk>/", api.suspect_detail, name="suspects-api-detail"),
    path("outstanding-suspects/<int:pk>/reviews/", api.suspect_review, name="suspects-api-reviews"),
    path(
        "outstanding-suspects/<int:pk>/resolve/", api.suspect_resolve, name="suspects-api-resolve"
    ),
    path("warrants/", api.WarrantList.as_view(), name="warrants-api-list"),
    path("warrants/<int:pk>/", api.warrant_detail, name="warrants-api-detail"),
    path("warrants/<int:pk>/reviews/", api.warrant_review, name="warrants-api-reviews"),
    path("warrants/<int:pk>/end/", api.warrant_end, name="warrants-api-end"),
    path("voluntary-attenders/", api.AttendanceList.as_view(), name="attenders-api-list"),
    path("voluntary-attenders/<int:pk>/", api.attendance_detail, name="attenders-api-detail"),
    path(
        "voluntary-attenders/<int:pk>/outcome/",
        api.attendance_outcome,
        name="attenders-api-outcome",
    ),
]
