from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views import account as wagtail_account
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from cms import api, missing_translation
from cms.ratelimit import ratelimit
from cms.signin import (
    FrontEndLoginView,
    PasswordResetConfirmView,
    SignInView,
    password_form,
    reset_address,
)
from cms.sitemap import Sitemap
from cms.views import favicon, robots_txt

handler500 = "cms.views.server_error"

urlpatterns = [
    # Every path that checks a password goes through the sign-in throttle (cms/signin.py):
    # Wagtail's own views, wrapped at URLs ahead of Wagtail's, which they replace.
    path("admin/login/", SignInView.as_view(), name="wagtailadmin_login"),
    path(
        "admin/password_reset/",
        ratelimit("password-reset")(
            ratelimit("password-reset-address", key=reset_address)(
                wagtail_account.PasswordResetView.as_view()
            )
        ),
        name="wagtailadmin_password_reset",
    ),
    path(
        "admin/password_reset/confirm/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="wagtailadmin_password_reset_confirm",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        password_form(
            wagtaildocs_serve.authenticate_with_password,
            CollectionViewRestriction,
            "collection",
            "restriction_id",
        ),
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    # Where crawlers look for them, outside the language prefixes.
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}, name="sitemap"),
    # The search's bilingual vocabulary as SKOS, one address for every language.
    path("", include("search.export_urls")),
    # Machines ask for one language with ?locale=: no language prefix.
    *api.urlpatterns(),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under /fr/ or /en/; "/" redirects by the browser's language.
urlpatterns += i18n_patterns(
    path("", include("sessions.urls")),
    path("", include("practices.urls")),
    path("", include("search.urls")),
    path("", include("community.urls")),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        password_form(
            wagtail_views.authenticate_with_password,
            PageViewRestriction,
            "page",
            "page_view_restriction_id",
        ),
        name="wagtailcore_authenticate_with_password",
    ),
    path("_util/login/", FrontEndLoginView.as_view(), name="wagtailcore_login"),
    # Wagtail's page serving, which says when a page is missing in the URL's language.
    re_path(wagtail_urls.serve_pattern, missing_translation.serve, name="wagtail_serve"),
    prefix_default_language=True,
)
