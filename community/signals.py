"""Dates for labs (``LabChange``), and the registration form's news consent.

A registration confirmed with "tell me about future Dialogues" becomes a confirmed
subscription to the Dialogues: the registration's own confirmation link proved the
address, and the subscription is not registration data, so the purge leaves it.
"""

from django.db.models.signals import post_save
from django.utils import timezone


def lab_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    from .models import LabChange

    now = timezone.now()
    changed = LabChange.objects.filter(lab_id=instance.pk).update(changed_at=now)
    if not changed:
        LabChange.objects.get_or_create(
            lab_id=instance.pk, defaults={"created_at": now, "changed_at": now}
        )


def registration_confirmed(sender, registration_request, registration, **kwargs):
    if not registration_request.details.get("news_consent"):
        return
    from .models import Topic
    from .service import subscribe

    subscribe(registration_request.email, registration_request.language, [(Topic.DIALOGUES, "")])


def connect():
    from practices.models import Lab
    from sessions.registration.signals import request_confirmed

    post_save.connect(lab_saved, sender=Lab, dispatch_uid="community.lab_saved")
    request_confirmed.connect(registration_confirmed, dispatch_uid="community.news_consent")
