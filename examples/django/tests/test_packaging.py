"""The installed wheel carries the app, and the django extra is the only place Django is required."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import munity_secrets.django
from munity_secrets.django.templatetags import munity


def test_the_app_comes_from_the_installed_wheel() -> None:
    package = Path(munity_secrets.django.__file__).parent
    assert "site-packages" in package.parts, package
    assert Path(munity.__file__).parent == package / "templatetags"
    files = {str(path) for path in metadata.files("munity-secrets") or []}
    for name in ("apps", "checks", "conf", "customers", "urls", "views", "_script", "templatetags/munity"):
        assert f"munity_secrets/django/{name}.py" in files, name


def test_django_is_an_extra_only() -> None:
    requires = metadata.requires("munity-secrets") or []
    assert requires == ["django>=4.2 ; extra == 'django'"]  # nothing without the extra (issue 16)
    assert "django" in (metadata.metadata("munity-secrets").get_all("Provides-Extra") or [])
