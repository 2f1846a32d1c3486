from django.urls import path

from disposals import views

urlpatterns = [
    path("", views.queue, name="disposals-queue"),
    path("new/", views.find_person, name="disposal-find-person"),
    path("new/<int:offender_id>/", views.decide, name="disposal-decide"),
    path("dashboard/", views.dashboard, name="disposals-dashboard"),
    path("records/", views.records, name="disposals-records"),
    path("export.csv", views.export, name="disposals-export"),
    path("scrutiny/", views.scrutiny, name="disposals-scrutiny"),
    path("scrutiny/<int:pk>/", views.scrutiny_finding, name="disposals-scrutiny-finding"),
    path("panel/", views.panel_list, name="disposals-panel"),
    path("<int:pk>/panel/", views.panel_prepare, name="disposal-panel"),
    path("<int:pk>/", views.detail, name="disposal-detail"),
    path("<int:pk>/referrals/", views.add_referral, name="disposal-add-referral"),
    path(
        "<int:pk>/referrals/<int:rid>/progress/",
        views.progress_referral,
        name="disposal-progress-referral",
    ),
    path(
        "<int:pk>/conditions/<int:cid>/complete/",
        views.complete_condition,
        name="disposal-complete-condition",
    ),
    path("<int:pk>/complete/", views.complete, name="disposal-complete"),
    path("<int:pk>/breach/", views.breach, name="disposal-breach"),
    path("<int:pk>/withdraw/", views.withdraw, name="disposal-withdraw"),
    path("<int:pk>/restorative-justice/", views.rj_refer, name="disposal-rj-refer"),
    path("<int:pk>/restorative-justice/update/", views.rj_update, name="disposal-rj-update"),
]
