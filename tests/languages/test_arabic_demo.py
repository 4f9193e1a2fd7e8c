"""The demo in Arabic: the site's own pages, the library with two example case studies
and the example session, right to left; nothing of the seed's programme in Arabic."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page

from cms.demo import DemoLoader
from cms.models import HomePage
from practices.models import CaseStudyPage, Lab
from sessions.models import Person, RecordingPage, SessionPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def ar():
    return Locale.objects.get(language_code="ar")


def arabic_pages(ar):
    return {
        page.specific_class.__name__ + " " + page.slug: page
        for page in Page.objects.live().filter(locale=ar, alias_of__isnull=True)
    }


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_the_sites_own_pages_are_in_arabic_right_to_left(client, ar):
    pages = arabic_pages(ar)
    assert HomePage.objects.live().filter(locale=ar).exists()
    assert {
        "StandardPage about-the-dialogues",
        "StandardPage about-fairville",
        "StandardPage privacy-notice",
        "LibraryPage library",
    } <= set(pages)
    about, library = pages["StandardPage about-the-dialogues"], pages["LibraryPage library"]
    for url in ("/ar/", about.url, library.url):
        html = soup(client, url)
        assert (html.html["lang"], html.html["dir"]) == ("ar", "rtl"), url
    about = soup(client, pages["StandardPage about-the-dialogues"].url)
    assert "سلسلة الروافع" in about.main.get_text()
    # The menu and the footer are the Arabic ones.
    assert "حوارات الإنتاج المشترك · مشروع فيرفيل" in about.footer.get_text()


def test_the_privacy_notice_says_it_awaits_review(client, ar):
    page = arabic_pages(ar)["StandardPage privacy-notice"]
    text = soup(client, page.url).main.get_text()
    assert "ترجمة عربية تنتظر مراجعة متحدث أصلي" in text
    assert "حقوقك" in text  # "Your rights", a section heading


def test_two_example_case_studies_one_from_cairo(client, ar):
    cases = CaseStudyPage.objects.live().filter(locale=ar)
    assert cases.count() == 2
    labs = {case.lab.slug for case in cases}
    assert "le-caire" in labs
    for case in cases:
        main = soup(client, case.url).main.get_text()
        assert "دراسة حالة على سبيل المثال" in main, case.url  # "an example case study"
    cairo = Lab.objects.get(locale=ar, slug="le-caire")
    assert cairo.city == "القاهرة"


def test_only_the_example_session_exists_in_arabic(ar):
    sessions = SessionPage.objects.filter(locale=ar)
    assert [session.slug for session in sessions] == ["example-session"]
    assert "مثال" in sessions.get().intro
    assert not RecordingPage.objects.filter(locale=ar).exists()
    assert not Person.objects.filter(locale=ar).exists()


def test_loading_the_demo_again_changes_nothing(ar):
    before = sorted(arabic_pages(ar))
    DemoLoader().run()
    assert sorted(arabic_pages(ar)) == before
