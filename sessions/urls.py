"""Public URLs of the sessions app, under /fr/ and /en/ (cms.urls includes them)."""

from django.urls import path

from . import views

app_name = "event_sessions"

urlpatterns = [
    path("calendar/session-<int:pk>.ics", views.session_calendar, name="session_calendar"),
    path("calendar/series-<int:pk>.ics", views.series_calendar, name="series_calendar"),
]
