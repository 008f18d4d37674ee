"""Response headers that Django 5.2 does not set by itself."""

from django.conf import settings

STRICT_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)
# The interactive API docs (Swagger UI, served locally by django-ninja) start with inline code.
API_DOCS_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; object-src 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.docs_prefix = "/api/v1/docs"
        self.admin_prefix = "/admin/"
        self.debug = settings.DEBUG

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            relaxed = request.path.startswith((self.docs_prefix, self.admin_prefix))
            response["Content-Security-Policy"] = API_DOCS_POLICY if relaxed else STRICT_POLICY
        return response
