from django.http import HttpResponse
from django.urls import path

from partnering.urls import urlpatterns as project_urls


def hello(request):
    return HttpResponse("Hello, world")


urlpatterns = [path("bench/hello", hello), *project_urls]
