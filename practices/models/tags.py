"""Bilingual tags: one concept, one name per language, one filter for both.

django-taggit's tags have no language, and wagtail-localize copies a page's tags
as they are onto its translation at every sync. So the design works *with* that
copy instead of against it:

* ``CaseStudyTag`` is a taggit tag model that is also a translatable snippet. The
  French "logement" and the English "housing" are two rows sharing one
  ``translation_key``; an editor names a tag once per language with the admin's
  *Translate* action, like any other snippet. Names and slugs are unique per
  language, not globally, so "transport" can be the same word in both.
* A page is tagged with tags of its own locale: typing "logement" on a French page
  finds or creates the French tag (``LocalizedTagManager``). Its English
  translation receives the same rows through the sync, so both versions carry the
  same tags, whatever the reader's language.
* A reader always sees a tag in their language: ``practices.vocabulary.localized_tags`` swaps
  each tag
  for its translation (one query for any number of tags) and falls back to
  the name it was given while no translation exists.
* A filter names a tag by any of its slugs (``?tag=logement`` or ``?tag=housing``)
  and matches on the ``translation_key``, so it finds the same case studies in
  either language, and a link survives switching languages.
"""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager, _ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index


class CaseStudyTag(TranslatableMixin, index.Indexed, TagBase):
    # TagBase's names and slugs are unique across the table; here they are unique
    # per language (see the constraints), so a word may exist in both languages.
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)

    free_tagging = True

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
        index.FilterField("slug"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "name"], name="unique_tag_name_per_locale"),
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_tag_slug_per_locale"),
        ]

    def slugify(self, tag, i=None):
        # ASCII where possible ("velo" for "vélo"), for links that read well everywhere.
        slug = slugify(tag) or slugify(tag, allow_unicode=True)
        return f"{slug}_{i}" if i is not None else slug

    def save(self, *args, **kwargs):
        if not self.locale_id:
            self.locale = Locale.get_default()
        super().save(*args, **kwargs)


class TaggedCaseStudy(ItemBase):
    tag = models.ForeignKey(
        CaseStudyTag, related_name="tagged_case_studies", on_delete=models.CASCADE
    )
    content_object = ParentalKey(
        "practices.CaseStudyPage", related_name="tagged_items", on_delete=models.CASCADE
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tag", "content_object"], name="unique_case_study_tag")
        ]


class _LocalizedTags(_ClusterTaggableManager):
    def _to_tag_model_instances(self, tags, tag_kwargs):
        # Names typed on a page are looked up (or created) in that page's language.
        locale_id = getattr(self.instance, "locale_id", None) or Locale.get_default().pk
        return super()._to_tag_model_instances(tags, {**tag_kwargs, "locale_id": locale_id})


class LocalizedTagManager(ClusterTaggableManager):
    def __get__(self, instance, model):
        manager = super().__get__(instance, model)
        manager.__class__ = _LocalizedTags
        return manager
