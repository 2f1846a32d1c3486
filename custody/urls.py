from django.urls import path

from custody import views

urlpatterns = [
    path("", views.suites, name="custody-home"),
    path("suites/<slug:code>/", views.board, name="custody-board"),
    path("suites/<slug:code>/cells/", views.board_cells, name="custody-board-cells"),
    path("suites/<slug:code>/book-in/", views.book_in, name="custody-book-in"),
    path("detentions/", views.detentions, name="custody-detentions"),
    path("detentions/<int:pk>/", views.detention, name="custody-detention"),
    path("detentions/<int:pk>/review/", views.record_review, name="custody-review"),
    path("detentions/<int:pk>/extension/", views.record_extension, name="custody-extension"),
    path(
        "detentions/<int:pk>/golden-hour-call/", views.record_call, name="custody-golden-hour-call"
    ),
    path("detentions/<int:pk>/release/", views.record_release, name="custody-release"),
    path("s136/", views.s136_list, name="custody-s136"),
    path("dashboard/", views.dashboard, name="custody-dashboard"),
    path("dashboard.csv", views.dashboard_csv, name="custody-dashboard-csv"),
]
