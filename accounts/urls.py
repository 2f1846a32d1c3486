from django.urls import path

from accounts import mfa, user_views, views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("session/keep-alive/", views.keep_alive, name="session-keep-alive"),
    path("mfa/", mfa.mfa, name="mfa"),
    path("mfa/backup-codes/", mfa.backup_codes, name="mfa-backup-codes"),
    path("users/", user_views.user_list, name="user-list"),
    path("users/new/", user_views.user_create, name="user-create"),
    path("users/<int:pk>/", user_views.user_edit, name="user-edit"),
    path("users/<int:pk>/active/", user_views.user_set_active, name="user-active"),
    path("users/<int:pk>/activity/", user_views.user_activity, name="user-activity"),
    path(
        "users/<int:pk>/second-factor/reset/",
        user_views.user_reset_second_factor,
        name="user-reset-mfa",
    ),
    path("users/<int:pk>/transfer/", user_views.user_transfer, name="user-transfer"),
]
