from .contributors import SessionContributor
from .levers import SessionLever
from .people import Organisation, Person
from .roles import ContributorRole
from .series import DialoguesPage, SeriesPage
from .session import Phase, SessionPage

__all__ = [
    "ContributorRole",
    "DialoguesPage",
    "Organisation",
    "Person",
    "Phase",
    "SeriesPage",
    "SessionContributor",
    "SessionLever",
    "SessionPage",
]
