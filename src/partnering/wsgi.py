import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnering.settings")
application = get_wsgi_application()

# Each worker builds its discovery index and loads the model while it starts serving, not on
# the first recommendation (partnering.discovery.profiles.warm).
from partnering.background import run_in_background  # noqa: E402
from partnering.discovery.profiles import warm  # noqa: E402

run_in_background("warm-discovery-index", warm)
