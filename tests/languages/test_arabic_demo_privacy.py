"""``load_demo`` on a site whose privacy notice is older than the demo's: bringing it up to
date re-syncs every language that has the notice, Arabic too, not only English
(cms/demo_privacy.py, ``DemoLoader.add_language``)."""

import pytest
from wagtail.models import Locale

from cms.demo import DemoLoader
from cms.demo_arabic import ARABIC, strings
from cms.translation import translate
from tests.cms.test_demo_privacy import (
    NEW_SECTION,
    OLD_PARAGRAPH_FR,
    install_the_old_notice,
    privacy_pages,
    read,
)


@pytest.mark.django_db
def test_an_old_privacy_notice_is_brought_up_to_date_in_arabic_too(client, monkeypatch):
    fr, en, ar = (Locale.objects.get(language_code=code) for code in ("fr", "en", "ar"))
    page, _english = privacy_pages(fr, en)
    monkeypatch.setattr("cms.demo.update_privacy_notice", lambda *args: False)
    install_the_old_notice(page, en)
    loader = DemoLoader()
    loader.run()
    old_arabic = {**strings(loader, ARABIC), OLD_PARAGRAPH_FR: "فقرة قديمة OLD-ARABIC."}
    translate(page, ar, old_arabic, strict=False)
    monkeypatch.undo()
    arabic = page.get_translation(ar)
    before = read(client, arabic.url)
    assert "OLD-ARABIC" in before and ARABIC[NEW_SECTION["en"]] not in before

    DemoLoader().run()
    after = read(client, arabic.url)
    assert ARABIC[NEW_SECTION["en"]] in after
    assert "OLD-ARABIC" not in after
    assert NEW_SECTION["en"] in read(client, page.get_translation(en).url)
