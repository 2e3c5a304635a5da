#!/usr/bin/env python
"""Serves the example with a production server on a loopback port, for the tests and for trying it out:

    python serve.py asgi [--port 8000]     # uvicorn, munity_demo.asgi
    python serve.py wsgi [--port 8000]     # waitress (threads), munity_demo.wsgi

``--port 0`` takes a free port. Prints ``listening on http://127.0.0.1:<port>`` once it accepts
connections. The entry points run the app's check first: a bad configuration exits with status 1
and the check's message (munity_secrets.E00x) on stderr.
"""

from __future__ import annotations

import argparse
import socket
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("interface", choices=["asgi", "wsgi"])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()

    from django.core.exceptions import ImproperlyConfigured

    # Bound and listening before the ready line: a client may connect at once.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    sock.listen(128)
    url = f"http://{args.host}:{sock.getsockname()[1]}"
    try:
        if args.interface == "asgi":
            import uvicorn

            from munity_demo.asgi import application as asgi_app

            server = uvicorn.Server(uvicorn.Config(asgi_app, lifespan="off", log_level="warning"))
            print(f"listening on {url} (uvicorn, ASGI)", flush=True)
            server.run(sockets=[sock])
        else:
            import waitress  # type: ignore[import-untyped]  # no stubs shipped

            from munity_demo.wsgi import application as wsgi_app

            wsgi_server = waitress.create_server(wsgi_app, sockets=[sock], threads=4)
            print(f"listening on {url} (waitress, WSGI)", flush=True)
            wsgi_server.run()
    except ImproperlyConfigured as error:
        print(f"serve.py: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
