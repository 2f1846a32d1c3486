from django.urls import path

from audit import views

urlpatterns = [
    path("people/<int:pk>/", views.offender_log, name="audit-offender"),
    path("users/<int:pk>/", views.user_activity, name="audit-user"),
]
