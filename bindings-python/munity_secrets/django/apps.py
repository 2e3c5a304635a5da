"""The AppConfig of munity_secrets.django: add ``"munity_secrets.django"`` to INSTALLED_APPS."""

from __future__ import annotations

from django.apps import AppConfig
from django.core import checks


class MunitySecretsConfig(AppConfig):
    """Registers the system check (tag ``munity``); the app has no models."""

    name = "munity_secrets.django"
    label = "munity_secrets"
    verbose_name = "Munity secrets"

    def ready(self) -> None:
        from .checks import TAG, check_munity

        checks.register(check_munity, TAG)
