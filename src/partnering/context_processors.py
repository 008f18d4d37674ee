def navigation(request):
    """Who is signed in, for the page header."""
    user = getattr(request, "user", None)
    return {
        "signed_in": bool(user and user.is_authenticated),
        "is_platform_admin": bool(user and user.is_authenticated and user.is_superuser),
    }
