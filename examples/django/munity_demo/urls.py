"""Routes: the connect page, the secret endpoint, and Django's login views."""

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("", views.connect_page, name="connect-page"),
    path("munity/secret", views.munity_secret, name="munity-secret"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
