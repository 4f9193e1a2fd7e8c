"""The admin's Content-Security-Policy: what can be enforced today, and the rest reported.

Wagtail 8's admin runs inline scripts and styles (inline panels, date widgets, the
rich-text editor's toolbar), so the public site's policy would break it. It gets two
headers instead:

- enforced (``FAIRVILLE_ADMIN_CSP``): what the admin never needs, so a script injected
  into it cannot load plugins, rewrite the base URL, post forms elsewhere or be framed
  by another site;
- report-only (``FAIRVILLE_ADMIN_CSP_REPORT_ONLY``): the policy the admin should reach,
  without inline scripts; browsers list each violation in the console (docs/deploy.md,
  "Security model"), and it can be enforced once Wagtail no longer needs them.
"""

from django.conf import settings

ADMIN_PREFIX = "/admin/"


def header(directives):
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


class AdminContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(ADMIN_PREFIX):
            response.headers.setdefault(
                "Content-Security-Policy", header(settings.FAIRVILLE_ADMIN_CSP)
            )
            response.headers.setdefault(
                "Content-Security-Policy-Report-Only",
                header(settings.FAIRVILLE_ADMIN_CSP_REPORT_ONLY),
            )
        return response
