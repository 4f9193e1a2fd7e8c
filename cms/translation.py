"""Translate pages and snippets the way an editor does with wagtail-localize.

The demo loader and the tests use this, so their English content is linked to the
French source and kept in sync exactly as in the admin: a ``Translation`` record,
a ``StringTranslation`` per source string, and ``Translation.save_target``.

One difference on purpose: wagtail-localize publishes a translated page in
``transaction.on_commit`` with the page instance it held when it saved the draft.
Inside a longer transaction (the demo loader, a test) that stale instance is
published after its children were added, resetting the tree's ``numchild`` so the
children vanish from routing. So the draft is saved without publishing, and the
fresh latest revision is published here, synchronously.
"""

import html
import re
from collections.abc import Mapping

from django.db import transaction
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource


class MissingTranslation(LookupError):
    """A source string has no entry in the strings given to ``translate``."""


@transaction.atomic
def translate(instance, locale, strings: Mapping[str, str], *, user=None, strict=True):
    """Create or re-sync ``instance``'s translation into ``locale`` and return it.

    ``strings`` maps each source string (as wagtail-localize segments it: one entry
    per text field, rich-text paragraph or list item) to its translation, both
    written as they were entered: plain text for plain fields, HTML for rich text.
    With ``strict``, a string missing from the mapping raises ``MissingTranslation``
    rather than leaving source-language text on the translated object.
    """
    lookup = _segment_lookup(strings)
    if isinstance(locale, str):
        locale = Locale.objects.get(language_code=locale)
    instance = _fresh(instance)
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
        source.refresh_segments()
    translation, _ = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )

    missing = []
    for segment in source.stringsegment_set.select_related("string", "context"):
        text = segment.string.data
        if text not in lookup:
            missing.append(html.unescape(text))
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": lookup[text],
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
    if missing and strict:
        raise MissingTranslation(f"No translation for {instance!r}: {missing!r}")
    return _save_and_publish(translation, user)


def sync(instance, *, user=None):
    """Push the source's current content to every translation, as the admin's Sync does."""
    instance = _fresh(instance)
    source = TranslationSource.objects.get_for_instance(instance)
    source.update_from_db()
    source.refresh_segments()
    for translation in Translation.objects.filter(source=source, enabled=True):
        _save_and_publish(translation, user)


def _save_and_publish(translation, user):
    drafts = issubclass(translation.source.specific_content_type.model_class(), DraftStateMixin)
    translation.save_target(user=user, publish=not drafts)
    target = _fresh(translation.get_target_instance())
    if drafts:
        target.get_latest_revision().publish(user=user)
        target = _fresh(target)
    return target


_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def _as_segment(text):
    # wagtail-localize stores every segment as HTML: plain text escaped, rich text as
    # its inner HTML. Text without tags is normalised, so "A & B" and "A &amp; B" agree.
    if _TAG.search(text):
        return text
    return html.escape(html.unescape(text), quote=False)


def _segment_lookup(strings):
    return {_as_segment(source): _as_segment(target) for source, target in strings.items()}


def _fresh(instance):
    # wagtail-localize must see what is in the database, not a stale in-memory copy.
    if isinstance(instance, Page):
        return Page.objects.get(pk=instance.pk).specific
    return type(instance).objects.get(pk=instance.pk)
