"""Who proposed a case study is kept for a set number of days, then erased.

The editorial team needs a proposer's contact details while it discusses the proposal;
after that the ``Submission`` row keeps what is not personal (the proposal's title, page,
language and dates) and loses the name, email and organisation.
"""

from datetime import timedelta

from django.utils import timezone

from .models import Submission

DEFAULT_DAYS = 180


def purge(days=DEFAULT_DAYS, now=None):
    """Erase the contact details of proposals sent more than ``days`` ago; return how many."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    expired = Submission.objects.filter(created_at__lt=cutoff).exclude(
        name="", email="", organisation=""
    )
    return expired.update(name="", email="", organisation="")
