"""The two views of the example.

``GET /munity/secret?connector=jira`` mints a connect secret for the logged-in user: this one line
replaces the documented PyJWT snippet (``jwt.encode(claims, certificate, algorithm="RS256")``), and
the certificate is parsed once per process, not per request.
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

import munity_secrets

logger = logging.getLogger(__name__)

# A connector is a short slug such as "jira" or "google-drive".
CONNECTOR = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def customer_id_for(user_pk: object) -> str:
    """Munity's customer_id is 1 to 255 ASCII letters and digits: derive it from the user's key."""
    return f"user{user_pk}"


@require_GET
@never_cache
@login_required
def munity_secret(request: HttpRequest) -> HttpResponse:
    """A fresh connect secret for the logged-in user, as JSON: ``{"connector": ..., "secret": ...}``."""
    connector = request.GET.get("connector", "")
    if not CONNECTOR.fullmatch(connector):
        return JsonResponse({"error": "connector must be a slug such as jira"}, status=400)
    try:
        secret = munity_secrets.connect_secret(
            settings.MUNITY_CERTIFICATE,
            customer_id=customer_id_for(request.user.pk),
            workspace_id=settings.MUNITY_WORKSPACE_ID,
            name=request.user.get_username() or None,
            expires_in=settings.MUNITY_SECRET_LIFETIME,
        )
    except munity_secrets.InvalidKeyError as error:
        # A deployment problem (MUNITY_CERTIFICATE), not the user's: log the code, never the key.
        logger.error("MUNITY_CERTIFICATE is unusable: %s (%s)", error, error.code)
        return JsonResponse({"error": "the Munity certificate is not configured", "code": error.code}, status=503)
    except munity_secrets.InvalidClaimError as error:
        logger.error("cannot mint a Munity secret: %s (%s)", error, error.code)
        return JsonResponse({"error": str(error), "code": error.code}, status=503)
    return JsonResponse({"connector": connector, "secret": secret})


@require_GET
@login_required
def connect_page(request: HttpRequest) -> HttpResponse:
    """A page with a "Connect Jira" button that fetches a secret and passes it to ``connect(...)``."""
    sandbox = settings.MUNITY_SANDBOX_URL.rstrip("/")
    sdk_url = f"{sandbox}/sdk.js" if sandbox else settings.MUNITY_SDK_URL
    return render(request, "munity/connect.html", {"sdk_url": sdk_url, "connector": "jira"})
