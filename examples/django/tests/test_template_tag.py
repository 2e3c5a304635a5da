"""{% munity_connect_button %} and the example's page that uses it."""

from __future__ import annotations

from typing import Any

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client

from munity_secrets.django._script import BUTTON_SCRIPT


def render(source: str, **context: Any) -> str:
    return Template("{% load munity %}" + source).render(Context(context))


def test_the_button_and_its_script() -> None:
    html = render('{% munity_connect_button connector="jira" %}')
    assert html == (
        '<button type="button" class="munity-connect" data-munity-connector="jira"'
        ' data-munity-endpoint="/munity/secret" data-munity-refresh-margin="60">Connect jira</button>'
        f"<script>{BUTTON_SCRIPT}</script>"
    )
    # the script reads what the button carries, fetches with the session cookie, and calls connect()
    assert "data-munity-refresh-margin" in BUTTON_SCRIPT and "credentials: 'same-origin'" in BUTTON_SCRIPT
    assert "window.connect(connector, secret," in BUTTON_SCRIPT
    assert "h.lapse - Date.now() > marginMs" in BUTTON_SCRIPT
    assert "response.headers.get('Date')" in BUTTON_SCRIPT  # the clock skew correction of docs/frontend.md


def test_arguments_are_escaped() -> None:
    html = render(
        '{% munity_connect_button connector=c label=l refresh_margin=300 endpoint=e %}',
        c="google-drive",
        e="/api/secret?x=1&y=2",
        l='<b>"Drive"</b>',
    )
    assert 'data-munity-connector="google-drive"' in html
    assert 'data-munity-endpoint="/api/secret?x=1&amp;y=2"' in html
    assert 'data-munity-refresh-margin="300"' in html
    assert ">&lt;b&gt;&quot;Drive&quot;&lt;/b&gt;</button>" in html


def test_scripts_come_once_per_rendering() -> None:
    html = render('{% munity_connect_button connector="jira" %}{% munity_connect_button connector="slack" %}')
    assert html.count("<script") == 1
    assert html.count("<button") == 2


@pytest.mark.parametrize(
    ("munity", "src"),
    [
        ({"SANDBOX_URL": "http://127.0.0.1:8787/"}, "http://127.0.0.1:8787/sdk.js"),
        ({"SANDBOX_URL": "http://127.0.0.1:8787", "SDK_URL": "https://cdn.example/connect.js"}, "http://127.0.0.1:8787/sdk.js"),
        ({"SDK_URL": "https://cdn.example/connect.js?v=1&x=2"}, "https://cdn.example/connect.js?v=1&amp;x=2"),
        ({"SANDBOX_URL": "", "SDK_URL": "https://cdn.example/connect.js"}, "https://cdn.example/connect.js"),
    ],
)
def test_connect_script_from_the_sandbox_or_the_sdk_url(munity_settings: dict[str, Any], munity: dict[str, str], src: str) -> None:
    munity_settings.update(munity)
    html = render('{% munity_connect_button connector="jira" %}{% munity_connect_button connector="slack" %}')
    assert html.startswith(f'<script src="{src}"></script><button')
    assert html.count("<script src=") == 1


def test_sandbox_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUNITY_SANDBOX_URL", "http://localhost:9999")
    assert render('{% munity_connect_button connector="jira" %}').startswith('<script src="http://localhost:9999/sdk.js"></script>')


def test_csp_nonce_on_both_scripts(munity_settings: dict[str, Any]) -> None:
    munity_settings["SANDBOX_URL"] = "http://127.0.0.1:8787"
    html = render('{% munity_connect_button connector="jira" nonce=n %}', n='abc"123')
    assert '<script src="http://127.0.0.1:8787/sdk.js" nonce="abc&quot;123"></script>' in html
    assert '<script nonce="abc&quot;123">(function' in html


@pytest.mark.parametrize(
    "arguments",
    ['connector="Jira!"', 'connector=""', "connector=none", 'connector="jira" refresh_margin=-1',
     'connector="jira" refresh_margin="60"', 'connector="jira" refresh_margin=1.5'],
)
def test_bad_arguments(arguments: str) -> None:
    with pytest.raises(TemplateSyntaxError):
        render("{% munity_connect_button " + arguments + " %}", none=None)


@pytest.mark.django_db
def test_the_example_page(user_client: tuple[Client, Any], munity_settings: dict[str, Any]) -> None:
    client, _ = user_client
    page = client.get("/").content.decode()
    assert 'data-munity-connector="jira"' in page and ">Connect Jira</button>" in page
    assert 'data-munity-endpoint="/munity/secret"' in page
    assert "<script src=" not in page  # no sandbox or SDK URL: the page must provide connect() itself
    munity_settings["SANDBOX_URL"] = "http://127.0.0.1:8787/"
    page = client.get("/").content.decode()
    assert '<script src="http://127.0.0.1:8787/sdk.js"></script>' in page


@pytest.mark.django_db
def test_the_example_page_needs_a_login(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
