"""``{% load munity %}`` and ``{% munity_connect_button connector="jira" %}``.

Renders a ``<button>`` that fetches a secret from the app's view (``munity:secret``) when it holds none
with more than ``refresh_margin`` seconds left (default 60), and passes it to ``connect(connector,
secret, callback, {})``. The first button of a template rendering also brings the scripts: the connect
script (``<SANDBOX_URL>/sdk.js`` when a sandbox URL is set, else ``SDK_URL``, else none: the page loads
Munity's script itself) and the button's small inline script. Arguments: ``connector`` (required),
``label`` (default ``Connect <connector>``), ``refresh_margin`` (seconds), ``endpoint`` (default
``reverse("munity:secret")``) and ``nonce`` (for a Content-Security-Policy nonce on both scripts).
"""

from __future__ import annotations

from typing import Any, Optional

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from .. import conf
from .._script import BUTTON_SCRIPT
from ..views import CONNECTOR

register = template.Library()

_RENDERED = "munity_secrets.django.scripts"
DEFAULT_REFRESH_MARGIN = 60


@register.simple_tag(takes_context=True)
def munity_connect_button(
    context: template.Context,
    connector: str,
    label: Optional[str] = None,
    refresh_margin: Any = DEFAULT_REFRESH_MARGIN,
    endpoint: Optional[str] = None,
    nonce: Optional[str] = None,
) -> SafeString:
    """A connect button for ``connector`` (see the module's docs)."""
    if not isinstance(connector, str) or not CONNECTOR.fullmatch(connector):
        raise template.TemplateSyntaxError(
            'munity_connect_button: connector must be 1 to 64 ASCII letters, digits, "_", "-" or "."'
        )
    if isinstance(refresh_margin, bool) or not isinstance(refresh_margin, int) or refresh_margin < 0:
        raise template.TemplateSyntaxError("munity_connect_button: refresh_margin must be whole seconds, 0 or more")
    button = format_html(
        '<button type="button" class="munity-connect" data-munity-connector="{}" data-munity-endpoint="{}"'
        ' data-munity-refresh-margin="{}">{}</button>',
        connector,
        endpoint if endpoint is not None else reverse("munity:secret"),
        refresh_margin,
        label if label is not None else f"Connect {connector}",
    )
    if context.render_context.get(_RENDERED):
        return button
    context.render_context[_RENDERED] = True
    nonce_attribute = format_html(' nonce="{}"', nonce) if nonce else ""
    script_url = conf.get_script_url()
    sdk = format_html('<script src="{}"{}></script>', script_url, nonce_attribute) if script_url else ""
    # BUTTON_SCRIPT is a constant of this package: no user data goes into it (that is in data- attributes).
    inline = format_html("<script{}>{}</script>", nonce_attribute, mark_safe(BUTTON_SCRIPT))
    return mark_safe(sdk + button + inline)
