from .case_studies import CaseStudyLever, CaseStudyPage, CaseStudySession
from .labs import Lab, LabPartner
from .library import LibraryPage
from .submissions import Submission
from .tags import CaseStudyTag, TaggedCaseStudy

__all__ = [
    "CaseStudyLever",
    "CaseStudyPage",
    "CaseStudySession",
    "CaseStudyTag",
    "Lab",
    "LabPartner",
    "LibraryPage",
    "Submission",
    "TaggedCaseStudy",
]
