"""The sessions and recordings endpoints of the public API (/api/v2/sessions/,
/api/v2/recordings/); fields: SessionPage.api_fields, RecordingPage.api_fields."""

from cms.api import PublicPagesAPIViewSet

from .models import RecordingPage, SessionPage


class SessionsAPIViewSet(PublicPagesAPIViewSet):
    model = SessionPage


class RecordingsAPIViewSet(PublicPagesAPIViewSet):
    model = RecordingPage
