from .archive import RecordingsIndexPage
from .contributors import SessionContributor
from .levers import SessionLever
from .opening_notice import OpeningNotice
from .people import Organisation, Person
from .questions import RegistrationAnswer, SessionQuestion
from .recordings import (
    ORIGINAL,
    RecordingChapter,
    RecordingDocument,
    RecordingPage,
    RecordingSpeaker,
    RecordingVideo,
    version_choices,
)
from .registration import (
    Registration,
    RegistrationRequest,
    Role,
    SentReminder,
)
from .roles import ContributorRole
from .series import DialoguesPage, SeriesPage
from .session import Phase, SessionPage
from .tally import RegistrationTally
from .transcripts import Transcript, TranscriptSegment

__all__ = [
    "ORIGINAL",
    "ContributorRole",
    "DialoguesPage",
    "OpeningNotice",
    "Organisation",
    "Person",
    "Phase",
    "RecordingChapter",
    "RecordingDocument",
    "RecordingPage",
    "RecordingSpeaker",
    "RecordingVideo",
    "RecordingsIndexPage",
    "Registration",
    "RegistrationAnswer",
    "RegistrationRequest",
    "RegistrationTally",
    "Role",
    "SentReminder",
    "SeriesPage",
    "SessionContributor",
    "SessionLever",
    "SessionPage",
    "SessionQuestion",
    "Transcript",
    "TranscriptSegment",
    "version_choices",
]
