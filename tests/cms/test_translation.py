"""wagtail-localize behaviour: every field translated or synced, and edits flow FR -> EN."""

import pytest
from django.apps import apps
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields

from cms.models import StandardPage
from cms.translation import sync, translate

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"cms", "event_sessions", "practices", "search"}
# Editorial workflow, not content: wagtail-localize leaves the publishing schedule
# and the admin's comments to each language version on purpose.
NOT_CONTENT = {"go_live_at", "expire_at", "comment_notifications", "wagtail_admin_comments"}


def editable_fields(model):
    """Every field and inline an editor can fill in, read from the model's edit form."""
    handler = model.get_edit_handler() if issubclass(model, Page) else None
    if handler is None:
        from wagtail.admin.panels import get_edit_handler

        handler = get_edit_handler(model)
    options = handler.get_form_options()
    return (set(options.get("fields", [])) | set(options.get("formsets", {}))) - NOT_CONTENT


def translatable_models():
    for model in apps.get_models():
        if model._meta.app_label in PROJECT_APPS and issubclass(model, TranslatableMixin):
            if (
                model._meta.abstract
                or not getattr(model, "panels", None)
                and not issubclass(model, Page)
            ):
                continue
            yield model


@pytest.mark.parametrize("model", list(translatable_models()), ids=lambda m: m._meta.label)
def test_every_editable_field_is_translated_or_synced(model):
    handled = {
        field.field_name
        for field in get_translatable_fields(model)
        if isinstance(field, TranslatableField | SynchronizedField)
    }
    missing = editable_fields(model) - handled - {"locale"}
    assert not missing, f"{model.__name__}: neither translated nor synced: {sorted(missing)}"


def test_editing_the_french_page_and_syncing_updates_the_english_one(fr, en, home_fr):
    page = home_fr.add_child(
        instance=StandardPage(
            title="Ateliers",
            slug="ateliers",
            intro="Des ateliers ouverts.",
            body=[
                {"type": "paragraph", "value": "<p>Premier paragraphe.</p>"},
                {
                    "type": "link",
                    "value": {"label": "Lien", "page": None, "url": "https://a.example"},
                },
            ],
        )
    )
    page.save_revision().publish()
    english = translate(
        page,
        en,
        {
            "Ateliers": "Workshops",
            "ateliers": "workshops",
            "Des ateliers ouverts.": "Open workshops.",
            "Premier paragraphe.": "First paragraph.",
            "Lien": "Link",
        },
    )
    assert english.title == "Workshops" and english.url == "/en/workshops/"

    page = StandardPage.objects.get(pk=page.pk)
    page.intro = "Des ateliers ouverts à toutes et à tous."
    page.body[1].value["url"] = "https://b.example"
    page.save_revision().publish()
    sync(page)

    english = StandardPage.objects.get(pk=english.pk)
    # A translated string that did not change keeps its translation...
    assert english.title == "Workshops"
    assert english.body[0].value.source == "<p>First paragraph.</p>"
    # ...a synced field follows the source...
    assert english.body[1].value["url"] == "https://b.example"
    # ...and a changed string shows the source until a translator updates it.
    assert english.intro == "Des ateliers ouverts à toutes et à tous."
    assert english.locale == en and english.get_translation(fr) == page


def test_translate_refuses_to_leave_strings_untranslated(en, home_fr):
    from cms.translation import MissingTranslation

    page = home_fr.add_child(instance=StandardPage(title="Seul", slug="seul"))
    with pytest.raises(MissingTranslation, match="seul"):
        translate(page, en, {"Seul": "Alone"})
    assert page.get_translation_or_none(en) is None
