from .contributors import SessionContributor
from .levers import SessionLever
from .opening_notice import OpeningNotice
from .people import Organisation, Person
from .registration import EmailLanguage, Registration, Role, SentReminder
from .roles import ContributorRole
from .series import DialoguesPage, SeriesPage
from .session import Phase, SessionPage
from .tally import RegistrationTally

__all__ = [
    "ContributorRole",
    "DialoguesPage",
    "EmailLanguage",
    "OpeningNotice",
    "Organisation",
    "Person",
    "Phase",
    "Registration",
    "RegistrationTally",
    "Role",
    "SentReminder",
    "SeriesPage",
    "SessionContributor",
    "SessionLever",
    "SessionPage",
]
