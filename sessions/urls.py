"""Public URLs of the sessions app, under /fr/ and /en/ (cms.urls includes them)."""

from django.urls import path

from . import views
from .registration import views as registration

app_name = "event_sessions"

urlpatterns = [
    path("calendar/session-<int:pk>.ics", views.session_calendar, name="session_calendar"),
    path("calendar/series-<int:pk>.ics", views.series_calendar, name="series_calendar"),
    path("registration/<int:pk>/", registration.register, name="register"),
    path("registration/<int:pk>/sent/", registration.registered, name="registered"),
    path("registration/<int:pk>/notify/", registration.notify, name="notify"),
    path("registration/<int:pk>/noted/", registration.noted, name="noted"),
    path("registration/confirm/<str:token>/", registration.confirm, name="confirm"),
    path("registration/join/<str:token>/", registration.join, name="join"),
    path("registration/cancel/<str:token>/", registration.cancel, name="cancel"),
    path("recordings/<int:pk>/captions-<slug:language>.vtt", views.captions, name="captions"),
]
