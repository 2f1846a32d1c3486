from django.urls import path

from accounts import mfa, views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("mfa/", mfa.mfa, name="mfa"),
]
