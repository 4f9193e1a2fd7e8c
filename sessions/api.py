"""The sessions endpoint of the public API (/api/v2/sessions/); fields: SessionPage.api_fields."""

from cms.api import PublicPagesAPIViewSet

from .models import SessionPage


class SessionsAPIViewSet(PublicPagesAPIViewSet):
    model = SessionPage
