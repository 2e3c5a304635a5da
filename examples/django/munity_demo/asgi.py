"""ASGI entry point (``uvicorn munity_demo.asgi:application``).

ASGI servers run no system checks: check_configuration() runs the app's, so a missing or unusable
certificate stops the server here, at start-up, not at the first request.
"""

import os

from django.core.asgi import get_asgi_application

from munity_secrets.django import check_configuration

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "munity_demo.settings")
application = get_asgi_application()
check_configuration()
