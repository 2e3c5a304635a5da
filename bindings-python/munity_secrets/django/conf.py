"""The app's configuration: ``settings.MUNITY`` first, then the environment, then the defaults.

Each value is read when it is needed (so ``override_settings`` and a changed environment take effect);
the parsed certificate is kept, keyed by its text and workspace, so the key is parsed once per process.
Every rule about the values themselves (key text, workspace UUID, lifetime range) is the core's: this
module only finds the values and hands them to the binding.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, Callable, Optional, Union
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .. import InvalidClaimError, InvalidKeyError, Signer

#: The name of the Django setting: a dict.
SETTING = "MUNITY"
#: The keys of ``settings.MUNITY`` and the environment variable each one falls back to (None: none).
KEYS: Mapping[str, Optional[str]] = {
    "CERTIFICATE": "MUNITY_CERTIFICATE",
    "WORKSPACE_ID": "MUNITY_WORKSPACE_ID",
    "EXPIRES_IN": "MUNITY_EXPIRES_IN",
    "CUSTOMER_ID": None,
    "NAME": None,
    "SANDBOX_URL": "MUNITY_SANDBOX_URL",
    "SDK_URL": "MUNITY_SDK_URL",
}
DEFAULT_CUSTOMER_ID = "munity_secrets.django.customers.default_customer_id"

Lifetime = Union[int, float, timedelta]
UserFunction = Callable[[Any], Optional[str]]


class ConfigurationError(ImproperlyConfigured):
    """A configuration that cannot work, with the id of the system check that reports it
    (``munity_secrets.E001``, ...) and where the value came from. Never holds key material."""

    def __init__(self, check_id: str, message: str, *, source: Optional[str] = None, hint: Optional[str] = None):
        super().__init__(f"{message} ({check_id})")
        self.check_id = check_id
        self.message = message
        self.source = source
        self.hint = hint


def _settings_dict() -> Mapping[str, Any]:
    from django.conf import settings  # not at import: the module must import without settings

    value = getattr(settings, SETTING, None)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ConfigurationError(
            "munity_secrets.E008",
            f"settings.{SETTING} must be a dict; found {type(value).__name__}",
            source=f"settings.{SETTING}",
        )
    unknown = sorted(str(key) for key in value if key not in KEYS)
    if unknown:
        raise ConfigurationError(
            "munity_secrets.E008",
            f"settings.{SETTING} has unknown keys: {', '.join(repr(key[:40]) for key in unknown)}",
            source=f"settings.{SETTING}",
            hint=f"The keys are {', '.join(KEYS)}.",
        )
    return value


def lookup(key: str) -> tuple[Any, str]:
    """The value of ``key`` and where it came from: ``settings.MUNITY[key]`` when the key is present
    (even empty), else its environment variable when set, else None (the source is then where to set it)."""
    given = _settings_dict()
    if key in given:
        return given[key], f"settings.{SETTING}[{key!r}]"
    variable = KEYS[key]
    if variable is not None and variable in os.environ:
        return os.environ[variable], variable
    return None, f"settings.{SETTING}[{key!r}]" if variable is None else variable


def _text(key: str) -> tuple[Optional[str], str]:
    value, source = lookup(key)
    if value is not None and not isinstance(value, str):
        raise ConfigurationError(
            "munity_secrets.E008", f"{key} must be a str; found {type(value).__name__}", source=source
        )
    return value, source


_signer_lock = threading.Lock()
_signer_cache: Optional[tuple[tuple[str, str], Signer]] = None


def _certificate() -> tuple[str, str]:
    certificate, source = _text("CERTIFICATE")
    if not certificate:
        raise ConfigurationError(
            "munity_secrets.E001",
            "the Munity workspace certificate is not set",
            source=source,
            hint=f"Set settings.{SETTING}['CERTIFICATE'] or the MUNITY_CERTIFICATE environment variable to the "
            "workspace certificate (PEM text).",
        )
    return certificate, source


def _key_error(error: InvalidKeyError, source: str) -> ConfigurationError:
    if error.reason == "no_key":
        return ConfigurationError(
            "munity_secrets.E001",
            f"the Munity workspace certificate holds no key ({error.code})",
            source=source,
            hint="It is empty or white space: set it to the workspace certificate (PEM text).",
        )
    return ConfigurationError(
        "munity_secrets.E002",
        f"the Munity workspace certificate is unusable ({error.code}): {error}",
        source=source,
        hint="Use the workspace certificate Munity issued: an RSA private key of 2048 bits or more, PEM.",
    )


def check_certificate() -> None:
    """Parses the certificate alone (no workspace): raises ConfigurationError E001 or E002. For the
    system check, to report an unusable key together with a missing or wrong workspace id."""
    certificate, source = _certificate()
    try:
        Signer(certificate)
    except InvalidKeyError as error:
        raise _key_error(error, source) from None


def get_signer() -> Signer:
    """The signer of the configured certificate, bound to the configured workspace: parsed once and kept
    while the certificate and workspace stay the same. Raises ConfigurationError (E001 to E004)."""
    global _signer_cache
    certificate, certificate_source = _certificate()
    workspace_value, workspace_source = lookup("WORKSPACE_ID")
    if isinstance(workspace_value, uuid.UUID):
        workspace_value = str(workspace_value)  # a UUID object is taken as its text; the core checks text
    if workspace_value is not None and not isinstance(workspace_value, str):
        raise ConfigurationError(
            "munity_secrets.E008",
            f"WORKSPACE_ID must be a str (or a uuid.UUID); found {type(workspace_value).__name__}",
            source=workspace_source,
        )
    workspace_id: Optional[str] = workspace_value
    if not workspace_id:
        raise ConfigurationError(
            "munity_secrets.E004",
            "the Munity workspace id is not set",
            source=workspace_source,
            hint=f"Set settings.{SETTING}['WORKSPACE_ID'] or MUNITY_WORKSPACE_ID to the workspace's UUID.",
        )
    key = (certificate, workspace_id)
    cached = _signer_cache
    if cached is not None and cached[0] == key:
        return cached[1]
    with _signer_lock:
        cached = _signer_cache
        if cached is not None and cached[0] == key:
            return cached[1]
        try:
            signer = Signer(certificate, workspace_id=workspace_id)
        except InvalidKeyError as error:
            raise _key_error(error, certificate_source) from None
        except InvalidClaimError as error:
            raise ConfigurationError(
                "munity_secrets.E003",
                f"the Munity workspace id is not a UUID ({error.code}, {error.reason}): {error}",
                source=workspace_source,
                hint="Use the workspace's UUID in its 8-4-4-4-12 hexadecimal form.",
            ) from None
        _signer_cache = (key, signer)
        return signer


def get_expires_in() -> Optional[Lifetime]:
    """The configured lifetime of a secret in seconds (an int, float or timedelta; the environment's
    text as an int), or None for the core's default (one hour). The core checks the range when minting."""
    value, source = lookup("EXPIRES_IN")
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return int(value.strip(), 10)
        except ValueError:
            raise ConfigurationError(
                "munity_secrets.E005",
                f"the secret lifetime must be whole seconds; found {value[:20]!r}",
                source=source,
            ) from None
    if isinstance(value, bool) or not isinstance(value, (int, float, timedelta)):
        raise ConfigurationError(
            "munity_secrets.E005",
            f"the secret lifetime must be seconds (int) or a timedelta; found {type(value).__name__}",
            source=source,
            hint="An endpoint always hands out secrets that expire, and says when.",
        )
    return value


_functions_lock = threading.Lock()
_functions: dict[str, UserFunction] = {}


def _function(key: str, default: Optional[str], check_id: str) -> Optional[UserFunction]:
    value, source = lookup(key)
    if value is None:
        value = default
    if value is None:
        return None
    if isinstance(value, str):
        with _functions_lock:
            found = _functions.get(value)
            if found is None:
                try:
                    found = import_string(value)
                except ImportError as error:
                    raise ConfigurationError(
                        check_id, f"{key} {value!r} cannot be imported: {error}", source=source
                    ) from None
                if not callable(found):
                    raise ConfigurationError(check_id, f"{key} {value!r} is not callable", source=source)
                _functions[value] = found
        return found
    if not callable(value):
        raise ConfigurationError(
            check_id,
            f"{key} must be a callable or its dotted path; found {type(value).__name__}",
            source=source,
        )
    return value  # type: ignore[no-any-return]


def get_customer_id_function() -> UserFunction:
    """``CUSTOMER_ID``: a callable (or its dotted path) from the user to the customer id;
    by default :func:`munity_secrets.django.customers.default_customer_id`."""
    function = _function("CUSTOMER_ID", DEFAULT_CUSTOMER_ID, "munity_secrets.E006")
    assert function is not None
    return function


def get_name_function() -> Optional[UserFunction]:
    """``NAME``: a callable (or its dotted path) from the user to the secret's optional ``name``; by
    default none (no name is sent)."""
    return _function("NAME", None, "munity_secrets.E007")


def get_script_url() -> Optional[str]:
    """The connect script the button loads: ``<SANDBOX_URL>/sdk.js`` when a sandbox URL is set, else
    ``SDK_URL``, else None (the page provides ``window.connect`` itself)."""
    sandbox, sandbox_source = _text("SANDBOX_URL")
    if sandbox:
        _check_url(sandbox, sandbox_source)
        return sandbox.rstrip("/") + "/sdk.js"
    sdk, sdk_source = _text("SDK_URL")
    if sdk:
        _check_url(sdk, sdk_source)
        return sdk
    return None


def _check_url(url: str, source: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(
            "munity_secrets.E009", f"{url[:80]!r} is not an http(s) URL", source=source
        )
