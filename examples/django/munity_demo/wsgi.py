"""WSGI entry point (``gunicorn munity_demo.wsgi --threads 4``: the GIL is released while signing).

WSGI servers run no system checks: check_configuration() runs the app's, so a missing or unusable
certificate stops the server here, at start-up, not at the first request.
"""

import os

from django.core.wsgi import get_wsgi_application

from munity_secrets.django import check_configuration

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "munity_demo.settings")
application = get_wsgi_application()
check_configuration()
