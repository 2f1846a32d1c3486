from django.urls import path

from bail import views

urlpatterns = [
    path("", views.queue, name="bail-queue"),
    path("queue.csv", views.queue_export, name="bail-queue-export"),
    path("cases/", views.case_list, name="bail-cases"),
    path("cases/new/", views.open_case, name="bail-open"),
    path("cases/<int:pk>/", views.case_detail, name="bail-case"),
    path("cases/<int:pk>/extend/", views.extend, name="bail-extend"),
    path("cases/<int:pk>/conditions/", views.vary_conditions, name="bail-vary"),
    path("cases/<int:pk>/end/", views.end, name="bail-end"),
    path("cases/<int:pk>/lapse/", views.assess_lapse, name="bail-lapse"),
    path("cases/<int:pk>/rui-review/", views.rui_review, name="bail-rui-review"),
    path("figures/", views.supervisor, name="bail-figures"),
]
