from django.urls import path

from deadlines import api

urlpatterns = [
    path("deadlines/", api.DeadlineList.as_view(), name="api-deadlines"),
    path("notifications/", api.NotificationList.as_view(), name="api-notifications"),
    path("notifications/<int:pk>/read/", api.mark_notification_read, name="api-notification-read"),
]
