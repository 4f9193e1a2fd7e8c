"""The Arabic privacy notice has the notice's latest sections in Arabic (the demo's
translation map, cms/demo_arabic.py, follows cms/demo.py's text), not in French."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page

pytestmark = pytest.mark.django_db


def test_the_arabic_privacy_notice_covers_the_recording_email_and_the_news_follow(client):
    ar = Locale.objects.get(language_code="ar")
    page = Page.objects.get(slug="privacy-notice", locale=ar)
    text = " ".join(
        BeautifulSoup(client.get(page.url).content, "html.parser").get_text(" ").split()
    )
    assert "بعد الجلسة: التسجيل" in text
    assert "«متابعة الحوارات عبر البريد الإلكتروني»" in text
    assert "«راسلوني عند نشر تسجيل هذه الجلسة»" in text
    for french in ("Après la session", "Si vous cochez", "Suivre les Dialogues"):
        assert french not in text
