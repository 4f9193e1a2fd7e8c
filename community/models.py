"""Subscribers, what they follow, and the requests waiting for their address to confirm.

Double opt-in: a ``SubscriptionRequest`` is what the public form records; it is no
subscription. Only when the link emailed to the address is confirmed (a POST) does it
become a ``Subscriber`` with its ``Follow`` rows. Unconfirmed requests are purged after
``REQUEST_HOURS`` (``community.retention``).

A followed item is named by its ``translation_key``: the French and English versions of
a series, lever, lab or tag are one item, whatever the language of the page the visitor
followed it from. The Dialogues as a whole and the library as a whole have no key.

Leaving deletes the subscriber and its follows; ``Unsubscription`` keeps only a count
per month, for reporting.
"""

import uuid

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from cms.languages import own_name_choices
from cms.optin import EmailedRequest

# Unconfirmed requests (and their links) last this long, then are purged.
REQUEST_HOURS = 48


class Topic(models.TextChoices):
    DIALOGUES = "dialogues", _("The Dialogues")
    SERIES = "series", _("Series")
    LEVER = "lever", _("Lever")
    LAB = "lab", _("Lab")
    TAG = "tag", _("Theme")
    LIBRARY = "library", _("The case-study library")


# Topics that name no particular item: their key is "".
WHOLE = {Topic.DIALOGUES, Topic.LIBRARY}


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("As it happens")
    WEEKLY = "weekly", _("Once a week")
    MONTHLY = "monthly", _("Once a month")


class Subscriber(models.Model):
    """A confirmed address, with its language and how often it wants news."""

    email = models.EmailField(_("email"), max_length=254)
    # The secret behind the manage and unsubscribe links (signed, see community.tokens).
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    language = models.CharField(_("language of emails"), max_length=10, choices=own_name_choices)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    confirmed_at = models.DateTimeField(_("confirmed"))
    # Everything published up to this moment has been considered for a digest (sent, or
    # there was nothing): the next digest starts after it. Moved in the same transaction
    # that queues the digest, which makes the command idempotent and resumable.
    digest_until = models.DateTimeField()
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [models.UniqueConstraint(Lower("email"), name="one_subscriber_per_email")]
        indexes = [models.Index(fields=["frequency", "digest_until"])]

    def __str__(self):
        return f"subscriber {self.pk}"


class Follow(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="follows")
    topic = models.CharField(_("topic"), max_length=10, choices=Topic.choices)
    # The item's translation_key, "" for the Dialogues or the library as a whole.
    key = models.CharField(max_length=36, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "topic", "key"], name="one_follow_per_item"
            )
        ]
        indexes = [models.Index(fields=["topic", "key"])]

    def __str__(self):
        return f"{self.topic}:{self.key}"


class SubscriptionRequestQuerySet(models.QuerySet):
    def for_email(self, email):
        return self.alias(lower_email=Lower("email")).filter(lower_email=email.strip().lower())


class SubscriptionRequest(EmailedRequest):
    """What the follow form was sent, waiting for its address to confirm (double opt-in).

    One row per address: a second follow before confirming adds to ``follows``. It
    counts the emails sent to the address (``cms.optin.EmailedRequest``), as a
    registration request does, so the form cannot flood an inbox.
    """

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(max_length=254)
    language = models.CharField(max_length=10, choices=own_name_choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    # [[topic, key], ...]
    follows = models.JSONField(default=list)
    requested_at = models.DateTimeField()

    objects = SubscriptionRequestQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="one_subscription_request_per_email")
        ]
        indexes = [models.Index(fields=["requested_at"])]

    def __str__(self):
        return f"request {self.pk}"


class Unsubscription(models.Model):
    """How many subscribers left in a month: all that is kept of them."""

    month = models.DateField(unique=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("unsubscriptions")
        verbose_name_plural = _("unsubscriptions")

    def __str__(self):
        return f"{self.month:%Y-%m}: {self.count}"


class LabChange(models.Model):
    """When a lab was first saved and last changed: labs are snippets, without dates.

    Kept by a signal (``community.signals``), read by the digests.
    """

    lab = models.OneToOneField("practices.Lab", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()
    changed_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"lab {self.lab_id}"
