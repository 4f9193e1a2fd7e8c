"""A language added by settings gets its pages the way editors make them: translated from
French with wagtail-localize (cms/translation.py), strings left untranslated staying in
French until someone writes them.

The demo has Arabic versions of the site's own pages (cms/demo_arabic.py and the apps'
``demo_arabic`` modules). ``translate_site`` gives another language versions of the same
pages and snippets, in the demo's order: levers before the pages that point to them,
labs and tags before the case studies filed under them, a parent before its children.
"""

from wagtail.models import Locale, Page

from cms.models import Footer, HomePage, Lever, MainMenu, StandardPage
from cms.translation import translate
from practices.models import CaseStudyPage, CaseStudyTag, Lab, LibraryPage
from sessions.models import DialoguesPage, SeriesPage, SessionPage

# The models the Arabic demo translates, in the order an editor must translate them.
ORDER = [
    HomePage,
    Lever,
    StandardPage,
    MainMenu,
    Footer,
    LibraryPage,
    Lab,
    CaseStudyTag,
    CaseStudyPage,
    DialoguesPage,
    SeriesPage,
    SessionPage,
]


def arabic_sources():
    """The French source of every page and snippet the demo has in Arabic, in ``ORDER``."""
    arabic = Locale.objects.get(language_code="ar")
    source = Locale.objects.get(language_code="fr")
    found = []
    for model in ORDER:
        objects = model.objects.filter(locale=arabic)
        if issubclass(model, Page):
            # A parent before its children.
            objects = objects.filter(live=True, alias_of__isnull=True).order_by("path")
        else:
            objects = objects.order_by("pk")
        items = [item.get_translation(source) for item in objects]
        if model is Lever:  # the levers before their entry points
            items.sort(key=lambda lever: lever.parent_id is not None)
        found += items
    return found


def translate_site(language, strings):
    """Translate what the demo has in Arabic into ``language`` (an editor's work), with
    ``strings`` (French -> that language) where they are known; return the versions made."""
    locale = Locale.objects.get(language_code=language)
    made = []
    for source in arabic_sources():
        existing = source.get_translation_or_none(locale)
        if existing is not None:
            made.append(existing)
            continue
        made.append(translate(source, locale, strings, strict=False))
    return made
