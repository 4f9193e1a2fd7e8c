"""Bringing an existing privacy notice up to the demo's (``manage.py load_demo`` again).

The loader creates the privacy notice only when it is missing, so a site installed before
the notice gained a section (following by email, the recording email) kept the old text.
Here a section is the notice's heading and the paragraphs after it, known by its French
heading:

- a section the page lacks is added, after the section that precedes it in the demo;
- a section whose text is one the demo wrote before (``SUPERSEDED``) gets today's text;
- a section an editor rewrote is left as it is (never overwritten), and so is anything
  the editors added.

Every translation of the notice the demo has text for (``DemoLoader.add_language``: English,
Arabic) is then re-synced through wagtail-localize with the demo's strings; if the editors'
own text has no translation yet, that version is left for them to sync in the admin.
"""

from wagtail_localize.models import MissingTranslationError

from .translation import MissingTranslation, translate

# French heading -> the French paragraphs the demo once wrote under it, as rich text
# (each tuple one former version, in order).
SUPERSEDED = {
    "Suivre par courriel": [
        (
            "Vous pouvez suivre par courriel les Dialogues, une série, un levier, un "
            "laboratoire, un thème ou toute la bibliothèque, sans compte. Nous conservons "
            "alors votre adresse électronique, la langue et la fréquence de vos courriels et ce "
            "que vous suivez, uniquement pour vous envoyer ces nouvelles.",
            "Rien n'est enregistré comme abonnement avant que vous ne confirmiez depuis le lien "
            "du courriel que nous vous envoyons. Une demande non confirmée est supprimée après "
            "48 heures.",
            "Si vous cochez « Me tenir informé·e des prochains Dialogues » en vous inscrivant "
            "à une session, vous suivez les Dialogues avec cette adresse, confirmée par le même "
            "courriel que votre inscription. Cet abonnement n'est pas supprimé avec les données "
            "de l'inscription.",
            "Votre abonnement est conservé jusqu'à ce que vous le quittiez. Chaque courriel "
            "contient un lien pour changer ce que vous suivez ou vous désabonner en un clic. Se "
            "désabonner supprime immédiatement votre adresse et ce que vous suiviez : nous ne "
            "gardons qu'un nombre de désabonnements par mois.",
        ),
    ],
}


def as_html(paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _sections(blocks):
    """[(French heading or None, [blocks])]: the body cut before each heading."""
    sections = [(None, [])]
    for block in blocks:
        if block["type"] == "heading":
            sections.append((block["value"].get("text"), [block]))
        else:
            sections[-1][1].append(block)
    return sections


def updated_body(blocks, wanted):
    """``blocks`` (a StreamField's raw data) with the demo's ``wanted`` sections
    ([(French heading, [blocks])]) added or brought up to date; None if nothing changes."""
    sections = _sections(blocks)
    changed = False
    for position, (heading, demo_blocks) in enumerate(wanted):
        found = next((i for i, (h, _b) in enumerate(sections) if h == heading), None)
        if found is None:
            # After the nearest earlier demo section the page has, else at the end.
            earlier = {h for h, _b in wanted[:position]}
            after = max((i for i, (h, _b) in enumerate(sections) if h in earlier), default=None)
            at = len(sections) if after is None else after + 1
            sections.insert(at, (heading, demo_blocks))
            changed = True
            continue
        text = [b["value"] for b in sections[found][1] if b["type"] == "paragraph"]
        current = [b["value"] for b in demo_blocks if b["type"] == "paragraph"]
        former = [[as_html(version)] for version in SUPERSEDED.get(heading, ())]
        if text != current and text in former:
            heading_block = sections[found][1][0]
            sections[found] = (heading, [heading_block, *demo_blocks[1:]])
            changed = True
    if not changed:
        return None
    return [block for _heading, section in sections for block in section]


def update_privacy_notice(loader, page, body):
    """Bring ``page`` (the French notice) up to the demo's ``body`` (blocks as the loader
    writes them), publish, and re-sync each of its translations the demo has text for."""
    wanted = [(heading, section) for heading, section in _sections(body) if heading is not None]
    page = type(page).objects.get(pk=page.pk)  # as the other languages' demos left it
    blocks = updated_body(list(page.body.raw_data), wanted)
    if blocks is None:
        return False
    page.body = blocks
    page.save_revision().publish()
    loader.log("  brought the privacy notice up to date")
    for code, strings in loader.texts.items():
        locale = loader.locales[code]
        if page.get_translation_or_none(locale) is None:
            continue
        try:
            translate(page, locale, strings(), strict=False)
        except (MissingTranslation, MissingTranslationError):
            loader.log(
                f"  the privacy notice in {code} needs the editors' text: sync it in the admin"
            )
    return True
