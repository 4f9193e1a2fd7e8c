"""The Arabic catalogues as a reader meets them: the site's chrome, the search page's
messages and counts, the 404 page and a registrant's emails, with Arabic's plural forms.

(tests/cms/test_added_catalogues.py checks the catalogues themselves, in the main suite.)
"""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail

from sessions.models import Registration, SessionPage
from sessions.registration import emails

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "ar" not in dict(settings.LANGUAGES), reason="these settings do not add Arabic"
    ),
]


def page(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, path
    return BeautifulSoup(response.content, "html.parser")


def test_the_arabic_home_page_speaks_arabic(client):
    soup = page(client, "/ar/")
    assert soup.select_one("a[href='#main']").get_text(strip=True) == "الانتقال إلى المحتوى الرئيسي"
    assert "حوارات Fairville" in soup.select_one(".site-name").get_text()
    box = soup.find("input", attrs={"type": "search"})
    label = soup.select_one(f"label[for='{box['id']}']")
    assert label.get_text(strip=True) == "البحث في الموقع"


def test_the_arabic_404_page_speaks_arabic(client):
    soup = page(client, "/ar/no-such-page-here/", status=404)
    assert soup.h1.get_text(strip=True) == "الصفحة غير موجودة"
    assert "الذهاب إلى الصفحة الرئيسية" in soup.get_text()


def test_an_arabic_search_counts_with_arabic_plurals(client):
    empty = page(client, "/ar/search/?q=zqxjkv")
    assert "لا نتائج للبحث عن «zqxjkv»" in empty.get_text()
    # French and English content found from the Arabic page, counted in Arabic.
    soup = page(client, "/ar/search/?q=Fairville&lang=all")
    summary = soup.select_one(".search-summary").get_text(" ", strip=True)
    count = int(summary.split()[0])
    noun = {0: "نتيجة", 1: "نتيجة", 2: "نتيجتان"}.get(count)
    if noun is None:
        noun = "نتائج" if 3 <= count % 100 <= 10 else "نتيجة"
    assert summary == f"{count} {noun} للبحث عن «Fairville»"


@pytest.fixture
def registration(db):
    # The demo's example session: the seed's real sessions stay French and English.
    session = SessionPage.objects.get(locale__language_code="fr", slug="session-d-exemple")
    return Registration.objects.create(
        session=session,
        first_name="Layla",
        last_name="Example",
        email="layla@example.org",
        role="resident",
        language="ar",
        privacy_consent=True,
        status=Registration.Status.CONFIRMED,
    )


@pytest.mark.parametrize(
    ("hours", "in_subject"),
    [(1, "1 ساعة"), (2, "2 ساعتين"), (3, "3 ساعات"), (24, "24 ساعة"), (100, "100 ساعة")],
)
def test_an_arabic_reminder_counts_hours_in_arabic(registration, hours, in_subject):
    message = emails.registration_message(registration, emails.REMINDER, hours=hours)
    assert message.subject.startswith("تذكير: تبدأ ")
    assert message.subject.endswith(f"بعد {in_subject}")
    assert "مرحبًا،" in message.body


def test_an_arabic_confirmation_email_is_arabic_throughout(registration):
    emails.registration_message(registration, emails.CONFIRMED).send()
    (message,) = mail.outbox
    assert message.subject.startswith("تم تأكيد تسجيلك: ")
    assert "تم تأكيد تسجيلك. نتطلع إلى لقائك." in message.body
    assert "رابطك الشخصي للانضمام إلى الجلسة:" in message.body
    html = BeautifulSoup(message.alternatives[0][0], "html.parser")
    assert "انضم إلى الجلسة برابطك الشخصي" in html.get_text()
