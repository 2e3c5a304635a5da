"""Settings of the munity-secrets Django example: the minimum for logged-in users and one view.

The Munity values come from the environment, as a deployment would set them:

- MUNITY_CERTIFICATE: the workspace certificate (PEM text; escaped newlines, quotes and base64 are
  accepted, as secret stores keep it).
- MUNITY_WORKSPACE_ID: the workspace's UUID.
- MUNITY_SANDBOX_URL: when set, the page loads the connect script from ``<url>/sdk.js`` (the local
  sandbox of Munity's connect service); otherwise from MUNITY_SDK_URL.
"""

from __future__ import annotations

import os
from pathlib import Path

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
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

# Munity
MUNITY_CERTIFICATE = os.environ.get("MUNITY_CERTIFICATE", "")
MUNITY_WORKSPACE_ID = os.environ.get("MUNITY_WORKSPACE_ID", "")
MUNITY_SANDBOX_URL = os.environ.get("MUNITY_SANDBOX_URL", "")
MUNITY_SDK_URL = os.environ.get("MUNITY_SDK_URL", "")
# Lifetime of a connect secret: the front end uses it at once.
MUNITY_SECRET_LIFETIME = 600
