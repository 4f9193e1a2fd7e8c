"""A recording read from an Arabic page: the page is right to left, the interface around
the transcript is Arabic, and a French transcript's paragraphs keep lang="fr" dir="ltr",
so their punctuation and timestamps stay where French puts them.

The demo has no Arabic recording (the seed's programme stays in French and English):
this test makes one from the example recording (fictional speakers), as an editor would
with wagtail-localize, leaving its strings untranslated."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from cms.translation import translate
from sessions.models import RecordingPage

pytestmark = pytest.mark.django_db


def test_a_french_transcript_in_an_arabic_page_keeps_its_direction(client):
    source = RecordingPage.objects.get(locale__language_code="fr", slug="enregistrement")
    arabic = translate(source, Locale.objects.get(language_code="ar"), {}, strict=False)
    response = client.get(arabic.url + "?transcript=fr")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")
    transcript = page.select_one("#transcript")
    assert not transcript.has_attr("lang") and not transcript.has_attr("dir")
    paragraphs = transcript.select(".transcript__paragraph")
    assert paragraphs and {(p["lang"], p["dir"]) for p in paragraphs} == {("fr", "ltr")}
    assert "Bonjour et bienvenue" in paragraphs[0].get_text()
    # The words read aloud before each time are the page's.
    assert {span["lang"] for span in transcript.select(".timestamp .visually-hidden")} == {"ar"}
