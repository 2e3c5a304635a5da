"""The example's page: a "Connect Jira" button ({% munity_connect_button %}) for the logged-in user.

The secret endpoint is the app's (``munity_secrets.django.urls``): nothing to write here.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
@login_required
def connect_page(request: HttpRequest) -> HttpResponse:
    """The connect page."""
    return render(request, "munity_demo/connect.html", {"connector": "jira"})
