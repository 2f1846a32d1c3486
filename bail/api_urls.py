from django.urls import path

from bail import api

urlpatterns = [
    path("cases/", api.CaseList.as_view(), name="bail-api-cases"),
    path("cases/<int:pk>/", api.case_detail, name="bail-api-case"),
    path("cases/<int:pk>/extensions/", api.extend, name="bail-api-extensions"),
    path("cases/<int:pk>/end/", api.end, name="bail-api-end"),
    path("cases/<int:pk>/conditions/", api.vary_conditions, name="bail-api-conditions"),
    path("cases/<int:pk>/rui-reviews/", api.rui_review, name="bail-api-rui-reviews"),
    path("summary/", api.summary, name="bail-api-summary"),
]
