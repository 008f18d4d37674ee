from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from partnering.accounts import services
from partnering.accounts.forms import SignInForm, TokenForm
from partnering.viewhelpers import apply_errors


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _, new_token = services.create_token(request.user, form.cleaned_data["name"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            form = TokenForm()
    return render(request, "accounts/tokens.html", {
        "form": form, "new_token": new_token, "tokens": request.user.api_tokens.all(),
    })


@login_required
@require_POST
def revoke_token(request, token_id: int):
    token = get_object_or_404(request.user.api_tokens, pk=token_id)
    services.revoke_token(request.user, token)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("tokens")
