"""Creating pages the way an editor does (add, publish), for search tests."""

from cms.models import StandardPage


def publish_page(parent, title, intro="", body="", slug=None, first_published_at=None):
    page = StandardPage(
        title=title,
        slug=slug or _slug(title),
        intro=intro,
        body=[("paragraph", f"<p>{body}</p>")] if body else [],
        # Kept by the first publish (a page's date in the index).
        first_published_at=first_published_at,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


def _slug(title):
    from django.utils.text import slugify

    return slugify(title)[:50] or "page"
