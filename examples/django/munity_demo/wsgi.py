"""WSGI entry point (gunicorn munity_demo.wsgi --threads 4: the GIL is released while signing)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "munity_demo.settings")
application = get_wsgi_application()
