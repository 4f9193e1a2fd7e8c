"""The public pages a browser test should visit: one live page of every page type.

Discovered from the demo data, so a new page type is covered as soon as the demo
has a page of it (and a test fails if it has none).
"""

from wagtail.models import Page, get_page_models

NOT_FOUND = "/{language}/this-page-does-not-exist/"


def page_types():
    return sorted(
        (model for model in get_page_models() if model.is_creatable and model is not Page),
        key=lambda model: model._meta.label,
    )


def public_pages(language):
    """[(label, path)] for the first live public page of each type, then the 404 page."""
    targets, missing = [], []
    for model in page_types():
        page = (
            model.objects.live()
            .public()
            .filter(locale__language_code=language, alias_of__isnull=True)
            .order_by("path")
            .first()
        )
        if page is None:
            missing.append(model._meta.label)
        else:
            targets.append((model._meta.label, page.get_url()))
    assert not missing, f"no live {language} demo page of type {missing}: add one to the demo"
    targets.append(("404", NOT_FOUND.format(language=language)))
    return targets
