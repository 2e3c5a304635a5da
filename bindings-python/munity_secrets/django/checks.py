"""The app's system check (tag ``munity``): run by ``manage.py check``, ``runserver`` and ``migrate``.

It loads the certificate once (the view then reuses the parsed key), then mints one trial secret, so
that every rule of the core (key, workspace UUID, lifetime range) is checked at start-up rather than at
the first request. Ids:

- ``munity_secrets.E001``: the certificate is not set (or empty);
- ``munity_secrets.E002``: the certificate is unusable (the message names the core's code, e.g.
  ``INVALID_KEY/not_private``);
- ``munity_secrets.E003``: the workspace id is not a UUID;
- ``munity_secrets.E004``: the workspace id is not set;
- ``munity_secrets.E005``: the lifetime is not whole seconds in the core's range;
- ``munity_secrets.E006`` / ``E007``: ``CUSTOMER_ID`` / ``NAME`` cannot be imported or called;
- ``munity_secrets.E008``: ``settings.MUNITY`` is not a dict, has an unknown key or a value of the wrong type;
- ``munity_secrets.E009``: ``SANDBOX_URL`` / ``SDK_URL`` is not an http(s) URL;
- ``munity_secrets.E010``: Django's ``AuthenticationMiddleware`` is not in ``MIDDLEWARE`` (the view needs
  ``request.user``).

WSGI and ASGI servers (gunicorn, uvicorn, ...) do not run system checks: call
:func:`munity_secrets.django.check_configuration` in ``wsgi.py`` / ``asgi.py`` to fail at start-up too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Callable, Optional

from django.apps import AppConfig
from django.core import checks
from django.utils.module_loading import import_string

from .. import DEFAULT_EXPIRES_IN, MAX_EXPIRES_IN, InvalidClaimError, Signer
from . import conf

TAG = "munity"
APP_LABEL = "munity_secrets"
TRIAL_CUSTOMER_ID = "startupcheck"
_AUTHENTICATION_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware"


def _error(error: conf.ConfigurationError) -> checks.Error:
    return checks.Error(error.message, hint=error.hint, obj=error.source, id=error.check_id)


def _step(messages: list[checks.CheckMessage], step: Callable[[], Any]) -> Any:
    try:
        return step()
    except conf.ConfigurationError as error:
        messages.append(_error(error))
        return None


def _has_authentication_middleware() -> bool:
    base = import_string(_AUTHENTICATION_MIDDLEWARE)
    from django.conf import settings  # not at import: the module must import without settings

    for path in getattr(settings, "MIDDLEWARE", None) or ():
        try:
            candidate = import_string(path)
        except ImportError:
            continue  # Django reports it itself
        if isinstance(candidate, type) and issubclass(candidate, base):
            return True
    return False


def check_munity(app_configs: Optional[Sequence[AppConfig]] = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The system check of munity_secrets.django (registered by its AppConfig)."""
    if app_configs is not None and not any(config.label == APP_LABEL for config in app_configs):
        return []
    messages: list[checks.CheckMessage] = []
    try:
        conf.lookup("CERTIFICATE")
    except conf.ConfigurationError as error:
        return [_error(error)]  # settings.MUNITY itself is wrong: nothing else can be read
    signer: Optional[Signer] = _step(messages, conf.get_signer)
    if signer is None and messages[-1].id in ("munity_secrets.E003", "munity_secrets.E004"):
        _step(messages, conf.check_certificate)  # the workspace hid the key: report both
    _step(messages, conf.get_customer_id_function)
    _step(messages, conf.get_name_function)
    _step(messages, conf.get_script_url)
    expires_in = _step(messages, conf.get_expires_in)
    lifetime_ok = not any(message.id == "munity_secrets.E005" for message in messages)
    if signer is not None and lifetime_ok:
        # One trial mint: the core checks the lifetime's range (and everything else) as it will per request.
        try:
            if expires_in is None:
                signer.mint(customer_id=TRIAL_CUSTOMER_ID)
            else:
                signer.mint(customer_id=TRIAL_CUSTOMER_ID, expires_in=expires_in)
        except InvalidClaimError as error:
            _, source = conf.lookup("EXPIRES_IN")
            messages.append(
                checks.Error(
                    f"the secret lifetime is refused ({error.code}, {error.reason}): {error}",
                    hint=f"Give whole seconds from 1 to {MAX_EXPIRES_IN}; the default is {DEFAULT_EXPIRES_IN}.",
                    obj=source,
                    id="munity_secrets.E005",
                )
            )
        except TypeError as error:
            _, source = conf.lookup("EXPIRES_IN")
            messages.append(checks.Error(f"the secret lifetime is refused: {error}", obj=source, id="munity_secrets.E005"))
    if not _has_authentication_middleware():
        messages.append(
            checks.Error(
                f"{_AUTHENTICATION_MIDDLEWARE} must be in MIDDLEWARE: the secret view mints for request.user",
                obj="settings.MIDDLEWARE",
                id="munity_secrets.E010",
            )
        )
    return messages
