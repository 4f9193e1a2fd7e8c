"""``load_demo`` on a site installed before the privacy notice gained its latest text:
the missing section is added and the demo's own former text replaced, in both languages;
what editors wrote is never overwritten."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from cms.demo import DemoLoader
from cms.demo_privacy import SUPERSEDED, as_html
from cms.translation import translate

pytestmark = pytest.mark.django_db

FOLLOWING = "Suivre par courriel"
OLD_LABEL_FR = "Si vous cochez « Me tenir informé·e des prochains Dialogues »"
OLD_PARAGRAPH_FR = SUPERSEDED[FOLLOWING][0][2]
OLD_PARAGRAPH_EN = (
    "If you tick “Tell me about future Dialogues” when registering for a session, you follow "
    "the Dialogues with that address, confirmed by the same email as your registration. This "
    "subscription is not deleted with the registration's data."
)
NEW_SECTION = {
    "fr": "Après la session : l'enregistrement",
    "en": "After the session: the recording",
}
NEW_LABEL = {"fr": "« Suivre les Dialogues par e-mail »", "en": "“Follow the Dialogues by email”"}
RECORDING = {
    "fr": "un enregistrement publié plus tard ne vous est pas signalé",
    "en": "a recording published later is not announced to you",
}


def read(client, url):
    return " ".join(BeautifulSoup(client.get(url).content, "html.parser").get_text(" ").split())


def privacy_pages(fr, en):
    page = Page.objects.get(slug="politique-de-confidentialite", locale=fr).specific
    return page, page.get_translation(en)


def install_the_old_notice(page, en, editor=None):
    """The notice as the demo wrote it before (no recording section, the old label), or
    with ``editor`` = (French, English) text in place of the following section's."""
    old_paragraphs = SUPERSEDED["Suivre par courriel"][0]
    blocks, skipping = [], False
    for block in page.body.raw_data:
        if block["type"] == "heading":
            skipping = block["value"]["text"] == NEW_SECTION["fr"]
        if not skipping:
            blocks.append(dict(block))
    heading = next(
        i
        for i, b in enumerate(blocks)
        if b["type"] == "heading" and b["value"]["text"] == FOLLOWING
    )
    text = f"<p>{editor[0]}</p>" if editor else as_html(old_paragraphs)
    blocks[heading + 1] = {"type": "paragraph", "value": text}
    page.body = blocks
    page.save_revision().publish()
    loader = DemoLoader()
    loader.run()  # fills loader.glossary
    strings = {**loader.glossary, OLD_PARAGRAPH_FR: OLD_PARAGRAPH_EN}
    if editor:
        strings[editor[0]] = editor[1]
    translate(page, en, strings)


def test_an_old_notice_gets_the_new_section_and_the_new_wording_in_both_languages(
    client, fr, en, monkeypatch
):
    page, english = privacy_pages(fr, en)
    # The old install: load_demo then must not bring it up to date while we build it.
    monkeypatch.setattr("cms.demo.update_privacy_notice", lambda *args: False)
    install_the_old_notice(page, en)
    monkeypatch.undo()
    before = {"fr": read(client, page.url), "en": read(client, english.url)}
    assert OLD_LABEL_FR in before["fr"] and NEW_SECTION["fr"] not in before["fr"]
    assert NEW_SECTION["en"] not in before["en"] and "Tell me about future" in before["en"]

    DemoLoader().run()
    for language, url in (("fr", page.url), ("en", english.url)):
        content = read(client, url)
        assert NEW_SECTION[language] in content and RECORDING[language] in content
        assert NEW_LABEL[language] in content
    assert OLD_LABEL_FR not in read(client, page.url)
    assert "Tell me about future" not in read(client, english.url)
    # In the demo's order: the recording's section right before following by email.
    french = read(client, page.url)
    assert french.index(NEW_SECTION["fr"]) < french.index("Suivre par courriel")

    revisions = page.revisions.count()
    DemoLoader().run()
    assert page.revisions.count() == revisions  # up to date: nothing more to do


def test_a_section_the_editors_rewrote_is_left_as_they_wrote_it(client, fr, en, monkeypatch):
    page, english = privacy_pages(fr, en)
    monkeypatch.setattr("cms.demo.update_privacy_notice", lambda *args: False)
    install_the_old_notice(
        page, en, editor=("Texte de nos juristes EDITOR-TEXT.", "Our lawyers' text EDITOR-TEXT.")
    )
    monkeypatch.undo()

    DemoLoader().run()
    french = read(client, page.url)
    assert "Texte de nos juristes EDITOR-TEXT." in french  # not overwritten
    assert NEW_SECTION["fr"] in french and RECORDING["fr"] in french  # the new section added
    english_text = read(client, english.url)
    assert "Our lawyers' text EDITOR-TEXT." in english_text
    assert NEW_SECTION["en"] in english_text
