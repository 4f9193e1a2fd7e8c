"""The case-studies endpoint of the public API (/api/v2/case-studies/); fields:
CaseStudyPage.api_fields."""

from cms.api import PublicPagesAPIViewSet

from .models import CaseStudyPage


class CaseStudiesAPIViewSet(PublicPagesAPIViewSet):
    model = CaseStudyPage
