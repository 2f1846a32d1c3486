from django.urls import path

from domestic import views

urlpatterns = [
    path("", views.programme, name="domestic-programme"),
    path("caseload/", views.caseload, name="domestic-caseload"),
    path("programme/new/", views.entry_new, name="domestic-entry-new"),
    path("programme/<int:pk>/", views.entry, name="domestic-entry"),
    path("programme/<int:pk>/stage/", views.entry_stage, name="domestic-entry-stage"),
    path("programme/<int:pk>/score/", views.entry_score, name="domestic-entry-score"),
    path("programme/<int:pk>/session/", views.entry_session, name="domestic-entry-session"),
    path("programme/<int:pk>/contact/", views.entry_contact, name="domestic-entry-contact"),
    path("notices/", views.notices, name="domestic-notices"),
    path("notices/new/", views.notice_new, name="domestic-notice-new"),
    path("notices/<int:pk>/", views.notice, name="domestic-notice"),
    path("notices/<int:pk>/hearing/", views.notice_hearing, name="domestic-notice-hearing"),
    path("non-molestation/new/", views.non_molestation_new, name="domestic-non-molestation-new"),
    path("figures/", views.figures_page, name="domestic-figures"),
    path("figures/funnel.csv", views.funnel_export, name="domestic-funnel-export"),
]
