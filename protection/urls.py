from django.urls import path

from protection import views

urlpatterns = [
    path("", views.caseload, name="protection-caseload"),
    path("dashboard/", views.dashboard, name="protection-dashboard"),
    path("rso/", views.rso_list, name="protection-rso-list"),
    path("rso/register/", views.register, name="protection-register"),
    path("rso/<int:pk>/", views.rso, name="protection-rso"),
    path("rso/<int:pk>/notification/", views.notification, name="protection-notification"),
    path("rso/<int:pk>/visit/", views.visit, name="protection-visit"),
    path("rso/<int:pk>/risk/", views.risk, name="protection-risk"),
    path("rso/<int:pk>/intelligence/", views.intelligence, name="protection-intelligence"),
    path("visits/", views.visit_list, name="protection-visit-list"),
    path("orders/", views.order_list, name="protection-order-list"),
    path("orders/new/", views.order_new, name="protection-order-new"),
    path("orders/<int:pk>/", views.order, name="protection-order"),
    path("orders/<int:pk>/change/", views.order_change, name="protection-order-change"),
    path("mappa/", views.mappa_list, name="protection-mappa-list"),
    path("mappa/new/", views.mappa_new, name="protection-mappa-new"),
    path("mappa/<int:pk>/", views.mappa, name="protection-mappa"),
    path("mappa/<int:pk>/meeting/", views.mappa_meeting, name="protection-mappa-meeting"),
    path("mappa/<int:pk>/end/", views.mappa_end, name="protection-mappa-end"),
]
