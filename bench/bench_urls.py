import functools

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from partnering.urls import urlpatterns as project_urls


def hello(request):
    return HttpResponse("Hello, world")


def bare(request):
    """A page with nothing but the site's layout (bench/request_floor.py)."""
    return HttpResponse(_bare_page().render({}, request))


@functools.cache
def _bare_page():
    return engines["jinja2"].from_string(
        '{% extends "base.html" %}{% block content %}<p>{{ _("Sources") }}</p>{% endblock %}')


urlpatterns = [path("bench/hello", hello), path("bench/bare", bare), *project_urls]
