from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import api
from cms.admin_login import RateLimitedLoginView
from cms.sitemap import Sitemap
from cms.views import robots_txt

urlpatterns = [
    # Ahead of Wagtail's own sign-in URL, which it replaces.
    path("admin/login/", RateLimitedLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Where crawlers look for them, outside the language prefixes.
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}, name="sitemap"),
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
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
