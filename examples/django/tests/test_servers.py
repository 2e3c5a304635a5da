"""The example under real servers on a loopback port: uvicorn (ASGI) and waitress (WSGI), each started as
its own process by serve.py, signed in through the login form and asked for secrets over HTTP."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

import pytest

import munity_secrets

from .conftest import CERTIFICATE, PUBLIC_KEY, WORKSPACE_ID

EXAMPLE = Path(__file__).resolve().parents[1]
PASSWORD = "pw-for-server-tests"


def environment(db: Path, **munity: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MUNITY_")}
    env.update(DJANGO_SETTINGS_MODULE="munity_demo.settings", DJANGO_DB=str(db), PYTHONPATH=str(EXAMPLE))
    env.update(MUNITY_CERTIFICATE=CERTIFICATE, MUNITY_WORKSPACE_ID=WORKSPACE_ID)
    env.update(munity)
    return env


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database with the tables and one user, made by manage.py as a deployment would."""
    db = tmp_path_factory.mktemp("django") / "db.sqlite3"
    env = environment(db, DJANGO_SUPERUSER_PASSWORD=PASSWORD)
    manage = [sys.executable, str(EXAMPLE / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=EXAMPLE)
    subprocess.run(
        [*manage, "createsuperuser", "--noinput", "--username", "lin", "--email", "lin@example.com"],
        env=env, check=True, cwd=EXAMPLE, stdout=subprocess.DEVNULL,
    )
    return db


class Server:
    def __init__(self, process: subprocess.Popen[str], url: str):
        self.process = process
        self.url = url


def start(interface: str, env: dict[str, str]) -> tuple[subprocess.Popen[str], Optional[str]]:
    """Starts serve.py on a free port; returns the process and its URL (None if it exited first)."""
    process = subprocess.Popen(
        [sys.executable, str(EXAMPLE / "serve.py"), interface, "--port", "0"],
        env=env, cwd=EXAMPLE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    timer = threading.Timer(60, process.kill)  # never hang the suite
    timer.start()
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
    finally:
        timer.cancel()
    match = re.match(r"listening on (http://127\.0\.0\.1:\d+) ", line)
    return process, match.group(1) if match else None


@pytest.fixture(params=["asgi", "wsgi"])
def server(request: pytest.FixtureRequest, database: Path) -> Iterator[Server]:
    process, url = start(request.param, environment(database))
    try:
        assert url is not None, process.communicate(timeout=30)
        yield Server(process, url)
    finally:
        process.terminate()
        process.communicate(timeout=30)


def opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def get(browser: urllib.request.OpenerDirector, url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with browser.open(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def sign_in(server: Server) -> urllib.request.OpenerDirector:
    browser = opener()
    status, _, page = get(browser, f"{server.url}/accounts/login/")
    assert status == 200
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1).decode(), "username": "lin", "password": PASSWORD})
    with browser.open(urllib.request.Request(f"{server.url}/accounts/login/", data=form.encode()), timeout=30) as response:
        assert response.url == f"{server.url}/"  # redirected to the connect page: signed in
        assert b'data-munity-connector="jira"' in response.read()
    return browser


def test_secrets_over_http(server: Server) -> None:
    status, headers, body = get(opener(), f"{server.url}/munity/secret?connector=jira")
    assert status == 401
    assert json.loads(body)["error"] == "UNAUTHENTICATED"
    assert "no-store" in headers["Cache-Control"]

    browser = sign_in(server)
    status, headers, body = get(browser, f"{server.url}/munity/secret?connector=jira")
    assert status == 200, body
    assert headers["Content-Type"] == "application/json"
    assert "no-store" in headers["Cache-Control"]
    answer = json.loads(body)
    verified = munity_secrets.verify_secret(PUBLIC_KEY, answer["secret"], expect="connect")
    assert verified.customer_id == "user1" and verified.name == "lin" and verified.workspace_id == WORKSPACE_ID
    assert verified.expires_at is not None
    assert answer["expiresAt"] == verified.expires_at.strftime("%Y-%m-%dT%H:%M:%S.000Z")

    status, _, body = get(browser, f"{server.url}/munity/secret?connector=bad%20name")
    assert status == 400 and json.loads(body)["error"] == "INVALID_CONNECTOR"


def test_concurrent_requests(server: Server) -> None:
    """Eight requests at once (the server's threads sign while the GIL is released): all answered."""
    browser = sign_in(server)
    results: list[Any] = [None] * 8

    def fetch(index: int) -> None:
        results[index] = get(browser, f"{server.url}/munity/secret?connector=jira")

    threads = [threading.Thread(target=fetch, args=(i,)) for i in range(len(results))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for status, _, body in results:
        assert status == 200
        assert munity_secrets.verify_secret(PUBLIC_KEY, json.loads(body)["secret"]).customer_id == "user1"


@pytest.mark.parametrize("interface", ["asgi", "wsgi"])
@pytest.mark.parametrize(
    ("munity", "check_id"),
    [
        ({"MUNITY_CERTIFICATE": ""}, "munity_secrets.E001"),
        ({"MUNITY_CERTIFICATE": PUBLIC_KEY}, "munity_secrets.E002"),
        ({"MUNITY_WORKSPACE_ID": "not-a-uuid"}, "munity_secrets.E003"),
        ({"MUNITY_EXPIRES_IN": "0"}, "munity_secrets.E005"),
    ],
)
def test_a_bad_configuration_stops_the_server_at_start_up(database: Path, interface: str, munity: dict[str, str], check_id: str) -> None:
    process, url = start(interface, environment(database, **munity))
    _, stderr = process.communicate(timeout=60)
    assert url is None
    assert process.returncode == 1
    assert check_id in stderr
    assert "MII" not in stderr
