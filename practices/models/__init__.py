from .case_studies import CaseStudyLever, CaseStudyPage, CaseStudySession
from .discussions import CaseStudyDiscussion
from .glossary import GlossaryTerm
from .labs import Lab, LabPartner
from .library import LibraryPage, LibraryVersion
from .submissions import Submission
from .tags import CaseStudyTag, TaggedCaseStudy

__all__ = [
    "CaseStudyDiscussion",
    "CaseStudyLever",
    "CaseStudyPage",
    "CaseStudySession",
    "CaseStudyTag",
    "GlossaryTerm",
    "Lab",
    "LabPartner",
    "LibraryPage",
    "LibraryVersion",
    "Submission",
    "TaggedCaseStudy",
]
