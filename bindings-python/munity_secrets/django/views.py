"""``GET secret?connector=jira``: a fresh connect secret for the logged-in user, with its expiry.

Answers (JSON, every one with ``Cache-Control: no-store`` among Django's never-cache directives, which
also keep Django's own cache middleware and shared caches from storing it):

- 200 ``{"secret": "eyJ...", "expiresAt": "2026-11-29T01:00:00.000Z"}`` (ISO 8601 in UTC with
  milliseconds, the shape of JavaScript's ``Date.prototype.toISOString``: ``new Date(expiresAt)``);
- 400 ``INVALID_CONNECTOR``: the connector is missing, given twice, or not 1 to 64 ASCII letters,
  digits, ``_``, ``-`` or ``.`` (the names the sandbox's ``/v1/connect`` takes);
- 401 ``UNAUTHENTICATED``: nobody is logged in (JSON, never a redirect to the login page: a
  ``fetch`` would follow it and get HTML);
- 403 ``NO_CUSTOMER``: ``CUSTOMER_ID`` gave no customer (None or "") for this user;
- 405 ``METHOD_NOT_ALLOWED``: not GET;
- 500 ``SECRET_UNAVAILABLE``: the configuration or the customer id is refused; the log (logger
  ``munity_secrets.django``) says why with the core's code, never with key material.

Error bodies are ``{"error": CODE, "message": ...}``, the same as the Express router's. The view is
synchronous: under WSGI it runs in the server's thread; under ASGI Django runs it in a thread of its own
per request; either way the binding releases the GIL while it signs.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timezone

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers

from .. import MunitySecretError
from . import conf

logger = logging.getLogger("munity_secrets.django")

#: The connector names the view accepts (those the sandbox's ``/v1/connect`` takes).
CONNECTOR = re.compile(r"[A-Za-z0-9_.-]{1,64}", re.ASCII)

ERRORS: dict[str, tuple[int, str]] = {
    "INVALID_CONNECTOR": (400, 'connector must be given once, as 1 to 64 ASCII letters, digits, "_", "-" or "."'),
    "UNAUTHENTICATED": (401, "sign in first"),
    "NO_CUSTOMER": (403, "this user has no Munity customer"),
    "METHOD_NOT_ALLOWED": (405, "use GET"),
    "SECRET_UNAVAILABLE": (500, "the server could not mint a secret; its log says why"),
}


def iso_utc(moment: datetime) -> str:
    """``2026-11-29T01:00:00.000Z``: JavaScript's ``toISOString`` form (secrets have whole seconds)."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _error(code: str) -> JsonResponse:
    status, message = ERRORS[code]
    return JsonResponse({"error": code, "message": message}, status=status)


def secret(request: HttpRequest) -> HttpResponse:
    """The secret endpoint (``munity:secret``)."""
    response = _answer(request)
    add_never_cache_headers(response)
    return response


def _answer(request: HttpRequest) -> HttpResponse:
    if request.method != "GET":
        response = _error("METHOD_NOT_ALLOWED")
        response["Allow"] = "GET"
        return response
    user = request.user
    if not user.is_authenticated:
        return _error("UNAUTHENTICATED")
    connectors = request.GET.getlist("connector")
    if len(connectors) != 1 or not CONNECTOR.fullmatch(connectors[0]):
        return _error("INVALID_CONNECTOR")
    try:
        signer = conf.get_signer()
        expires_in = conf.get_expires_in()
        customer_function = conf.get_customer_id_function()
        name_function = conf.get_name_function()
    except conf.ConfigurationError as error:
        logger.error("no Munity secret minted: %s: %s (source: %s)", error.check_id, error.message, error.source)
        return _error("SECRET_UNAVAILABLE")
    # The app's own functions: an exception there is the app's, for Django's error handling.
    customer_id = customer_function(user)
    if customer_id is None or customer_id == "":
        return _error("NO_CUSTOMER")
    name = name_function(user) if name_function is not None else None
    try:
        if expires_in is None:
            minted = signer.mint(customer_id=customer_id, name=name or None)
        else:
            minted = signer.mint(customer_id=customer_id, name=name or None, expires_in=expires_in)
    except (MunitySecretError, TypeError) as error:
        # A customer id or name that breaks the rules (or is no str) is the server's mistake: CUSTOMER_ID, NAME.
        code = error.code if isinstance(error, MunitySecretError) else "TypeError"
        logger.error("no Munity secret minted: %s: %s", code, error)
        return _error("SECRET_UNAVAILABLE")
    if minted.expires_at is None:  # never: the view always passes a lifetime or the core's default
        logger.error("no Munity secret minted: it would never expire")
        return _error("SECRET_UNAVAILABLE")
    return JsonResponse({"secret": minted.secret, "expiresAt": iso_utc(minted.expires_at)})
