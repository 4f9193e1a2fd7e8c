"""The example session in Arabic, loaded only when Arabic is a configured language.

Only the example session (no speakers, "not part of the Dialogues programme") and the
two pages above it, which carry the seed's description of the Dialogues and of the
series: so the registration form can be tried in Arabic. The seed's own sessions, people
and recordings stay in French and English; the Arabic series page lists the example
alone. Keyed by English like cms/demo_arabic.py; awaiting review by a native speaker.
"""

from cms.demo_arabic import locale, translate_into_arabic

from .demo import EXAMPLE_SLUG
from .models import DialoguesPage, SeriesPage, SessionPage

ARABIC = {
    "dialogues": "dialogues",
    "Co-production Dialogues": "حوارات الإنتاج المشترك",
    "levers-series": "levers-series",
    "Levers series": "سلسلة الروافع",
    "Five online seminars, from January to June 2026, on the levers of meaningful "
    "co-production.": "خمس ندوات عبر الإنترنت، من يناير إلى يونيو 2026، حول روافع إنتاج "
    "مشترك ذي معنى.",
    "example-session": "example-session",
    "Example session — try out registration": "جلسة على سبيل المثال — جرّب التسجيل",
    "This session is an example: it is not part of the Dialogues programme and no meeting "
    "will take place. It is here to try out registration on the demonstration site.": ""
    "هذه الجلسة مثال: ليست جزءًا من برنامج الحوارات ولن يُعقد أي اجتماع. إنها هنا لتجربة "
    "التسجيل على موقع العرض.",
}


def load(loader):
    from cms.demo_arabic import ARABIC as SITE

    if locale(loader) is None:
        return
    loader.log("Arabic example session")
    arabic = {**SITE, **ARABIC}
    dialogues = DialoguesPage.objects.child_of(loader.home).get(locale=loader.fr)
    series = SeriesPage.objects.child_of(dialogues).get(slug="serie-des-leviers")
    example = SessionPage.objects.child_of(series).get(slug=EXAMPLE_SLUG)
    for page in (dialogues, series, example):
        translate_into_arabic(loader, page, arabic)
