import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnering.settings")
application = get_wsgi_application()

# Each web worker builds its discovery index and loads the model while it starts serving, not
# on the first recommendation (partnering.discovery.profiles.warm): memory of this process, so
# a thread of its own rather than a job.
import threading  # noqa: E402

from partnering.discovery.profiles import warm  # noqa: E402

threading.Thread(target=warm, daemon=True, name="partnering-warm-discovery").start()
