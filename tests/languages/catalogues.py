"""Interface text in a language a run adds, as a reader must get it: in that language's
own words. Where its catalogues lack a msgid, Django shows the source language's (French)
text under the language's ``lang``, and the English msgid where French lacks it too;
``own_words`` refuses both."""

from django.utils import translation


def _gettext(language, msgid, plural, count):
    with translation.override(language):
        if plural is None:
            return translation.gettext(msgid)
        return translation.ngettext(msgid, plural, count)


def own_words(language, msgid, plural=None, count=None):
    """gettext (ngettext with ``plural`` and ``count``) in ``language``, checked to be
    neither the French nor the English."""
    text = _gettext(language, msgid, plural, count)
    english = msgid if plural is None or count == 1 else plural
    assert text not in (_gettext("fr", msgid, plural, count), english), (language, text)
    return text
