"""A stopped clock for tests whose answer depends on how long until a moment.

The project reads the time through ``django.utils.timezone.now`` only (modules call
``timezone.now()``), so patching it stops the clock for the code under test: a page
due to change in 90 seconds says ``max-age=90`` exactly, however slow the machine.
"""

from contextlib import contextmanager
from unittest import mock

from django.utils import timezone


@contextmanager
def frozen(moment=None):
    """Stop the clock at ``moment`` (now by default) for the block; yields the moment."""
    moment = moment or timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield moment
