"""The shared StreamField vocabulary. Every block tells editors what it is for."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Subsection heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "cms/blocks/heading.html"
        description = _("A section heading, which also appears in the page outline.")
        preview_value = {"text": "Les leviers de la co-production", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "cms/blocks/quote.html"
        description = _(
            "A quotation with its source. Quote only what a person has said or written."
        )
        preview_value = {"quote": "…", "attribution": ""}


class CaptionedImageBlock(ImageBlock):
    class Meta:
        label = _("Image")
        description = _("An image with its alternative text (required) and an optional caption.")


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=120)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External URL"), required=False)

    class Meta:
        icon = "link"
        label = _("Button link")
        template = "cms/blocks/link.html"
        description = _("A prominent link to a page of this site or to another site.")
        preview_value = {"label": "En savoir plus", "url": "https://www.fairville-eu.org"}

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose either a page or an external URL."))}
            )
        return value


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        description=_("Running text with links and lists."),
        preview_value="<p>Les Dialogues en co-production sont ouverts à toutes et à tous.</p>",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    link = LinkBlock()
