from django.urls import path

from custody import views

urlpatterns = [
    path("", views.suites, name="custody-home"),
    path("suites/<slug:code>/", views.board, name="custody-board"),
    path("suites/<slug:code>/cells/", views.board_cells, name="custody-board-cells"),
    path("suites/<slug:code>/book-in/", views.book_in, name="custody-book-in"),
    path("book-in/", views.book_in_start, name="custody-book-in-start"),
    path("detentions/", views.detentions, name="custody-detentions"),
    path("detentions/<int:pk>/", views.detention, name="custody-detention"),
    path("detentions/<int:pk>/review/", views.record_review, name="custody-review"),
    path("detentions/<int:pk>/extension/", views.record_extension, name="custody-extension"),
    path(
        "detentions/<int:pk>/golden-hour-call/", views.record_call, name="custody-golden-hour-call"
    ),
    path("detentions/<int:pk>/charge/", views.record_charge, name="custody-charge"),
    path("detentions/<int:pk>/release/", views.record_release, name="custody-release"),
    path("detentions/<int:pk>/hospital/", views.record_hospital, name="custody-hospital"),
    path("detentions/<int:pk>/search/", views.record_search, name="custody-search"),
    path("detentions/<int:pk>/use-of-force/", views.record_force, name="custody-force"),
    path("detentions/<int:pk>/control-measure/", views.record_control, name="custody-control"),
    path("detentions/<int:pk>/assessment/", views.record_assessment, name="custody-assessment"),
    path("detentions/<int:pk>/s38-6/", views.record_transfer, name="custody-transfer"),
    path(
        "detentions/<int:pk>/police-protection/",
        views.record_police_protection,
        name="custody-police-protection",
    ),
    path(
        "detentions/<int:pk>/court-transport/",
        views.record_court_transport,
        name="custody-court-transport",
    ),
    path("s136/", views.s136_list, name="custody-s136"),
    path("s136/new/", views.s136_new, name="custody-s136-new"),
    path("s136/<int:pk>/", views.s136_detail, name="custody-s136-detail"),
    path("dashboard/", views.dashboard, name="custody-dashboard"),
    path("dashboard.csv", views.dashboard_csv, name="custody-dashboard-csv"),
]
