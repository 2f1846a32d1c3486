from django.urls import path

from wanted import figures_views, views

urlpatterns = [
    path("", views.home, name="wanted-home"),
    path("circulate/", views.circulate, name="wanted-circulate"),
    path("<int:pk>/", views.circulation, name="wanted-circulation"),
    path("<int:pk>/review/", views.review, name="wanted-review"),
    path("<int:pk>/end/", views.end, name="wanted-end"),
    path("suspects/", views.suspects, name="wanted-suspects"),
    path("suspects/new/", views.new_suspect, name="wanted-suspect-new"),
    path("suspects/<int:pk>/", views.suspect, name="wanted-suspect"),
    path("suspects/<int:pk>/review/", views.suspect_review, name="wanted-suspect-review"),
    path("suspects/<int:pk>/resolve/", views.suspect_resolve, name="wanted-suspect-resolve"),
    path("warrants/", views.warrants, name="wanted-warrants"),
    path("warrants/new/", views.new_warrant, name="wanted-warrant-new"),
    path("warrants/<int:pk>/", views.warrant, name="wanted-warrant"),
    path("warrants/<int:pk>/review/", views.warrant_review, name="wanted-warrant-review"),
    path("warrants/<int:pk>/end/", views.warrant_end, name="wanted-warrant-end"),
    path("voluntary-attenders/", views.attenders, name="wanted-attenders"),
    path("voluntary-attenders/new/", views.new_attendance, name="wanted-attendance-new"),
    path("voluntary-attenders/<int:pk>/", views.attendance, name="wanted-attendance"),
    path(
        "voluntary-attenders/<int:pk>/outcome/",
        views.attendance_outcome,
        name="wanted-attendance-outcome",
    ),
    path("monthly/", views.monthly, name="wanted-monthly"),
    path("monthly/export/", views.monthly_export, name="wanted-monthly-export"),
    path("performance/", views.performance, name="wanted-performance"),
    path("figures/", figures_views.figures, name="wanted-figures"),
]
