from django.urls import path

from partners import api

urlpatterns = [
    path("partners/services/", api.ServiceListCreate.as_view(), name="api-partner-services"),
    path("partners/services/<slug:code>/", api.ServiceDetail.as_view(), name="api-partner-service"),
    path("partners/referrals/", api.ReferralListCreate.as_view(), name="api-partner-referrals"),
    path("partners/referrals/<int:pk>/", api.ReferralDetail.as_view(), name="api-partner-referral"),
    path("partners/referrals/<int:pk>/progress/", api.progress, name="api-partner-progress"),
    path("partners/needs/", api.NeedListCreate.as_view(), name="api-partner-needs"),
    path("partners/needs/<int:pk>/close/", api.close_need, name="api-partner-close-need"),
    path("partners/gaps/", api.gaps, name="api-partner-gaps"),
    path("partners/offence-proofs/", api.offence_proof, name="api-partner-offence-proofs"),
    path("reports/reoffending/", api.reoffending, name="api-reoffending"),
]
