"""The Wagtail admin's sign-in, rate-limited per client against password guessing."""

from django.contrib import messages
from django.utils.translation import ngettext
from wagtail.admin.views.account import LoginView

from cms.ratelimit import is_rate_limited, limit_for

SCOPE = "admin-login"


class RateLimitedLoginView(LoginView):
    def post(self, request, *args, **kwargs):
        if not is_rate_limited(request, SCOPE):
            return super().post(request, *args, **kwargs)
        # Answer before the form is validated, so that no password is even checked.
        minutes = max(1, limit_for(SCOPE)[1] // 60)
        messages.error(
            request,
            ngettext(
                "Too many sign-in attempts from your address. "
                "Please wait %(minutes)s minute and try again.",
                "Too many sign-in attempts from your address. "
                "Please wait %(minutes)s minutes and try again.",
                minutes,
            )
            % {"minutes": minutes},
        )
        form = self.get_form_class()(request, initial={"username": request.POST.get("username")})
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 429
        response["Retry-After"] = str(limit_for(SCOPE)[1])
        return response
