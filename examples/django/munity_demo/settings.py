"""Settings of the munity-secrets Django example: logged-in users and the munity_secrets.django app.

The Munity values come from the environment, as a deployment would set them, and the app reads them
itself (``settings.MUNITY`` would take precedence; see docs/django.md):

- MUNITY_CERTIFICATE: the workspace certificate (PEM text; escaped newlines, quotes and base64 are
  accepted, as secret stores keep it);
- MUNITY_WORKSPACE_ID: the workspace's UUID;
- MUNITY_EXPIRES_IN: the lifetime of a secret in seconds (default 3600);
- MUNITY_SANDBOX_URL: when set, the connect button loads ``<url>/sdk.js`` (the local sandbox of
  Munity's connect service); otherwise MUNITY_SDK_URL.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent

# Development defaults; a deployment sets DJANGO_SECRET_KEY and DJANGO_DEBUG=0.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-a-secret")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "munity_secrets.django",
    "munity_demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "munity_demo.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
WSGI_APPLICATION = "munity_demo.wsgi.application"
ASGI_APPLICATION = "munity_demo.asgi.application"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("DJANGO_DB", str(BASE_DIR / "db.sqlite3")),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

# Munity: the certificate, workspace, lifetime and sandbox come from the environment (above); the
# customer id is the app's default (user<pk>); the secret's optional name is the username.
MUNITY: dict[str, Any] = {
    "NAME": "munity_demo.customers.customer_name",
}
