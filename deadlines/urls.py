from django.urls import path

from deadlines import views

urlpatterns = [
    path("", views.my_work, name="home"),
    path("notifications/read/", views.mark_all_read, name="notifications-read"),
    path("notifications/<int:pk>/read/", views.mark_one_read, name="notification-read"),
]
