"""The URLconf to include: ``path("munity/", include("munity_secrets.django.urls"))``.

``GET munity/secret?connector=jira`` (URL name ``munity:secret``): see :mod:`munity_secrets.django.views`.
"""

from __future__ import annotations

from django.urls import URLPattern, path

from . import views

app_name = "munity"

urlpatterns: list[URLPattern] = [
    path("secret", views.secret, name="secret"),
]
