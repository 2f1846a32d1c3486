from django.urls import path

from domestic import api

urlpatterns = [
    path("notices/", api.NoticeListCreate.as_view(), name="domestic-api-notices"),
    path("notices/<int:pk>/", api.notice_detail, name="domestic-api-notice"),
    path("notices/<int:pk>/hearing/", api.hearing, name="domestic-api-hearing"),
    path("programme/", api.EntryListCreate.as_view(), name="domestic-api-programme"),
    path("programme/funnel/", api.funnel, name="domestic-api-funnel"),
    path("programme/<int:pk>/", api.entry_detail, name="domestic-api-entry"),
    path("programme/<int:pk>/stage/", api.stage, name="domestic-api-stage"),
    path("programme/<int:pk>/score/", api.score, name="domestic-api-score"),
    path("programme/<int:pk>/sessions/", api.sessions, name="domestic-api-sessions"),
    path("programme/<int:pk>/contacts/", api.contacts, name="domestic-api-contacts"),
]
