from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.blocks import BaseStreamBlock


class EntryPointsBlock(blocks.StructBlock):
    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    points = blocks.ListBlock(
        blocks.TextBlock(label=_("Entry point")), label=_("Entry points"), min_num=1
    )

    class Meta:
        icon = "list-ul"
        label = _("Entry points or themes")
        template = "event_sessions/blocks/entry_points.html"
        description = _("The questions or themes the session explores, as a list.")
        preview_value = {
            "intro": "Le premier événement de cette série explore trois points d'entrée :",
            "points": ["Des réseaux citoyens solides", "Un soutien élargi à la co-production"],
        }


class SessionStreamBlock(BaseStreamBlock):
    entry_points = EntryPointsBlock()
