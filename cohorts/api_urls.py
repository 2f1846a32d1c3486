from django.urls import path

from cohorts import api

urlpatterns = [
    path("iom/memberships/", api.MembershipListCreate.as_view(), name="api-iom-memberships"),
    path("iom/memberships/<int:pk>/", api.MembershipDetail.as_view(), name="api-iom-membership"),
    path("iom/memberships/<int:pk>/removal/", api.removal, name="api-iom-removal"),
    path("iom/memberships/<int:pk>/move/", api.move, name="api-iom-move"),
    path("iom/memberships/<int:pk>/reviews/", api.review, name="api-iom-review"),
    path("iom/summary/", api.summary, name="api-iom-summary"),
]
