from django.urls import path

from protection import api

urlpatterns = [
    path("rso/", api.RsoListCreate.as_view(), name="api-pp-rso-list"),
    path("rso/<int:pk>/", api.RsoDetail.as_view(), name="api-pp-rso"),
    path("rso/<int:pk>/notifications/", api.notifications, name="api-pp-rso-notifications"),
    path(
        "rso/<int:pk>/first-notification-after-release/",
        api.first_notification_after_release,
        name="api-pp-rso-first-notification",
    ),
    path("rso/<int:pk>/risk/", api.risk, name="api-pp-rso-risk"),
    path("rso/<int:pk>/visits/", api.visits, name="api-pp-rso-visits"),
    path("rso/<int:pk>/intelligence/", api.intelligence, name="api-pp-rso-intelligence"),
    path("rso/<int:pk>/custody/", api.custody, name="api-pp-rso-custody"),
    path("rso/<int:pk>/end/", api.rso_end, name="api-pp-rso-end"),
    path("orders/", api.OrderListCreate.as_view(), name="api-pp-orders"),
    path("orders/<int:pk>/", api.OrderDetail.as_view(), name="api-pp-order"),
    path("orders/<int:pk>/breaches/", api.breaches, name="api-pp-order-breaches"),
    path("orders/<int:pk>/vary/", api.vary_order, name="api-pp-order-vary"),
    path("orders/<int:pk>/discharge/", api.discharge_order, name="api-pp-order-discharge"),
    path("mappa/", api.MappaListCreate.as_view(), name="api-pp-mappa-list"),
    path("mappa/<int:pk>/", api.MappaDetail.as_view(), name="api-pp-mappa"),
    path("mappa/<int:pk>/meetings/", api.meetings, name="api-pp-mappa-meetings"),
    path("mappa/<int:pk>/end/", api.mappa_end, name="api-pp-mappa-end"),
    path("summary/", api.summary, name="api-pp-summary"),
]
