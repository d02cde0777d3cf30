import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
application = get_wsgi_application()

from danvan.core.collector import freeze_when_warm  # noqa: E402  (after the settings are set up)

freeze_when_warm()
