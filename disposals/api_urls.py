from django.urls import path

from disposals import api

urlpatterns = [
    path("", api.DisposalListCreate.as_view(), name="api-disposals"),
    path("interventions/", api.InterventionList.as_view(), name="api-disposal-interventions"),
    path("summary/", api.summary, name="api-disposal-summary"),
    path("scrutiny-sample/", api.scrutiny_sample, name="api-disposal-scrutiny-sample"),
    path("<int:pk>/", api.disposal_detail, name="api-disposal"),
    path("<int:pk>/referrals/", api.referrals, name="api-disposal-referrals"),
    path(
        "<int:pk>/referrals/<int:rid>/progress/",
        api.referral_progress,
        name="api-disposal-referral-progress",
    ),
    path(
        "<int:pk>/conditions/<int:cid>/complete/",
        api.condition_complete,
        name="api-disposal-condition-complete",
    ),
    path("<int:pk>/complete/", api.complete, name="api-disposal-complete"),
    path("<int:pk>/breach/", api.breach, name="api-disposal-breach"),
    path("<int:pk>/withdraw/", api.withdraw, name="api-disposal-withdraw"),
    path("<int:pk>/restorative-justice/", api.restorative_justice, name="api-disposal-rj"),
    path("<int:pk>/scrutiny/", api.scrutiny, name="api-disposal-scrutiny"),
    path("<int:pk>/panel-release/", api.panel_release, name="api-disposal-panel-release"),
]
