from django.urls import path

from partners import views

urlpatterns = [
    path("", views.directory, name="partners-directory"),
    path("services/new/", views.service_new, name="partners-service-new"),
    path("services/<slug:code>/", views.service_detail, name="partners-service"),
    path("services/<slug:code>/edit/", views.service_edit, name="partners-service-edit"),
    path("people/<int:pk>/", views.person, name="partners-person"),
    path("people/<int:pk>/need/", views.record_need, name="partners-record-need"),
    path("needs/<int:pk>/close/", views.close_need, name="partners-close-need"),
    path("people/<int:pk>/refer/", views.refer, name="partners-refer"),
    path("offences/<int:pk>/proof/", views.record_proof, name="partners-record-proof"),
    path("referrals/", views.referrals, name="partners-referrals"),
    path("referrals/<int:pk>/", views.referral_detail, name="partners-referral"),
    path("gaps/", views.gaps, name="partners-gaps"),
    path("gaps/export/", views.gaps_export, name="partners-gaps-export"),
    path("reoffending/", views.reoffending, name="partners-reoffending"),
    path("dashboard/", views.dashboard, name="partners-dashboard"),
]
