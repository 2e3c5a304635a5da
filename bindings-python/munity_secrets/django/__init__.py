"""Django integration of munity-secrets (``pip install munity-secrets[django]``).

- ``INSTALLED_APPS += ["munity_secrets.django"]``; configuration in ``settings.MUNITY`` or the environment
  (see :mod:`munity_secrets.django.conf`);
- a system check (``manage.py check``; ids ``munity_secrets.E001`` ...), and
  :func:`check_configuration` for WSGI/ASGI servers, which run no checks;
- ``path("munity/", include("munity_secrets.django.urls"))``: ``GET munity/secret?connector=jira`` answers
  ``{"secret", "expiresAt"}`` for the logged-in user;
- ``{% load munity %}{% munity_connect_button connector="jira" %}``: a connect button.

Documentation: docs/django.md.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

__all__ = ["check_configuration"]


def check_configuration() -> None:
    """Runs the app's system check now and raises ImproperlyConfigured listing its errors, if any.

    Call it in ``wsgi.py`` / ``asgi.py`` after ``get_wsgi_application()`` / ``get_asgi_application()``:
    servers such as gunicorn and uvicorn do not run Django's system checks, and this makes a missing or
    unusable certificate stop the server at start-up instead of failing the first request. It also parses
    the certificate, so the first request does not.
    """
    from .checks import check_munity

    errors = [message for message in check_munity() if message.is_serious()]
    if errors:
        raise ImproperlyConfigured("munity_secrets.django is not configured:\n" + "\n".join(str(e) for e in errors))
