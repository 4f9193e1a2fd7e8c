"""The demo site: the seed's real French text, its English translation, and an admin.

``load_demo`` builds the core tree here, then runs every function registered with
the ``fairville_load_demo`` Wagtail hook, in hook order, so that other apps add
their own demo content without this app importing them. Every step looks for what
it would create first, so the command can run any number of times.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from wagtail import hooks
from wagtail.models import Locale, Page, Site

from cms.demo_privacy import update_privacy_notice
from cms.models import (
    Footer,
    FooterLink,
    HomePage,
    Lever,
    Licence,
    MainMenu,
    MenuItem,
    SiteSettings,
    StandardPage,
)
from cms.translation import sync, translate

DEMO_HOOK = "fairville_load_demo"
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "fairville-demo"  # noqa: S105 - documented in the README, dev only
DEMO_CONTACT = "dialogues@fairville.invalid"


class DemoLoader:
    """Shared state and helpers handed to every demo hook."""

    def __init__(self, stdout=None, site_url=None):
        self.stdout = stdout
        # Where the site is served, so full URLs (feeds, calendars, emails) reach it.
        self.site_url = urlsplit(site_url) if site_url else None
        self.glossary = {}

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def t(self, fr, en):
        """Record a French text and its English translation, and return the French."""
        self.glossary[fr] = en
        return fr

    def paragraphs(self, *pairs):
        """Rich text made of (French, English) paragraph pairs; returns the French HTML."""
        return "".join(f"<p>{self.t(fr, en)}</p>" for fr, en in pairs)

    def child_page(self, parent, model, slug, **fields):
        """The published child of ``parent`` with this slug, created if missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        page = model(slug=slug, locale_id=parent.locale_id, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.log(f"  created {model.__name__} {slug}")
        return model.objects.get(pk=page.pk)

    def translate(self, instance, strings=None):
        """The English translation of ``instance``, made through wagtail-localize if missing;
        None when the site has no English (the demo has no other text for it)."""
        if self.en is None:
            return None
        existing = instance.get_translation_or_none(self.en)
        if existing is not None:
            return existing
        self.log(f"  translated {instance!r} into English")
        return translate(instance, self.en, strings or self.glossary)

    def add_language(self, code, strings):
        """Say that the demo has text in ``code``: ``strings()`` gives its French -> ``code``
        map, with which a French page the demo updates is re-synced (cms/demo_privacy.py)."""
        self.texts[code] = strings

    def add_to_menu(self, page, sort_order):
        """Link ``page`` from the main menu (and re-sync the menu's translations)."""
        menu = MainMenu.objects.get(locale=self.fr)
        if menu.items.filter(link_page=page).exists():
            return
        MenuItem.objects.create(menu=menu, link_page=page, sort_order=sort_order, locale=self.fr)
        if menu.get_translations().exists():
            sync(menu)

    @transaction.atomic
    def run(self):
        # Every configured language gets its locale, so that editors can translate into
        # it; the demo's own text is French with its English translation.
        self.locales = {
            code: Locale.objects.get_or_create(language_code=code)[0]
            for code, _name in settings.LANGUAGES
        }
        # The seed is French, the source, with its English translation where the site has
        # English; other languages add theirs in their own demo modules, and a language
        # the demo has no text for gets none (its addresses offer the other versions).
        if settings.LANGUAGE_CODE != "fr":
            raise ImproperlyConfigured(
                "The demo's text is French: FAIRVILLE_LANGUAGES must start with fr."
            )
        self.fr = self.locales["fr"]
        self.en = self.locales.get("en")
        self.texts = {}
        if self.en is not None:
            self.add_language("en", lambda: self.glossary)
        self.home = self.load_home()
        self.home_en = self.translate(self.home)
        self.load_about_pages()
        self.load_navigation()
        self.load_levers()
        self.load_admin()
        for load in hooks.get_hooks(DEMO_HOOK):
            load(self)
        # After every language's demo: an install older than the notice's latest sections
        # gets them, in every language that has the notice (cms/demo_privacy.py).
        update_privacy_notice(self, self.privacy, self.privacy_body)

    def load_home(self):
        fields = {
            "title": self.t("Accueil", "Home"),
            "slug": self.t("accueil", "home"),
            "hero_title": self.t("Dialogues en co-production", "Co-production Dialogues"),
            "hero_text": self.paragraphs(
                (
                    "Les Dialogues en co-production constituent une série de séminaires "
                    "publics en ligne consacrés à la co-production de villes justes.",
                    "The Co-production Dialogues are a series of public online seminars on "
                    "the co-production of just cities.",
                )
            ),
        }
        home = HomePage.objects.filter(locale=self.fr).first()
        if home is None:
            home = HomePage(locale=self.fr, **fields)
            self.root_page().add_child(instance=home)
            home.save_revision().publish()
            self.log("  created the French home page")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        if self.site_url is not None:
            site.hostname = self.site_url.hostname
            site.port = self.site_url.port or (443 if self.site_url.scheme == "https" else 80)
            site.save()
        if site.root_page_id != home.pk:
            stale = site.root_page if site.root_page_id else None
            site.root_page = home
            site.site_name = settings.WAGTAIL_SITE_NAME
            site.save()
            if stale is not None and not isinstance(stale.specific, HomePage):
                stale.delete()  # Wagtail's "Welcome" page from its first migration
        return HomePage.objects.get(pk=home.pk)

    def root_page(self):
        # Wagtail's migrations create the root, but a flushed test database has none.
        root = Page.get_first_root_node()
        if root is None:
            root = Page.add_root(instance=Page(title="Root", slug="root", locale=self.fr))
        return root

    def load_about_pages(self):
        self.about_dialogues = self.child_page(
            self.home,
            StandardPage,
            self.t("a-propos-des-dialogues", "about-the-dialogues"),
            title=self.t("À propos des Dialogues", "About the Dialogues"),
            body=[{"type": "paragraph", "value": self.paragraphs(*ABOUT_DIALOGUES)}],
        )
        self.about_fairville = self.child_page(
            self.home,
            StandardPage,
            self.t("a-propos-de-fairville", "about-fairville"),
            title=self.t("À propos du projet Fairville", "About the Fairville project"),
            body=[
                {"type": "paragraph", "value": self.paragraphs(*ABOUT_FAIRVILLE)},
                {
                    "type": "link",
                    "value": {
                        "label": self.t(
                            "Le site du projet Fairville", "The Fairville project website"
                        ),
                        "page": None,
                        "url": "https://www.fairville-eu.org",
                    },
                },
            ],
        )
        privacy_body = [block for section in PRIVACY_SECTIONS for block in self._section(*section)]
        self.privacy = self.child_page(
            self.home,
            StandardPage,
            self.t("politique-de-confidentialite", "privacy-notice"),
            title=self.t("Politique de confidentialité", "Privacy notice"),
            intro=self.t(*PRIVACY_INTRO),
            body=privacy_body,
            show_in_menus=False,
        )
        for page in (self.about_dialogues, self.about_fairville, self.privacy):
            self.translate(page)
        self.privacy_body = privacy_body
        settings_obj = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        if settings_obj.privacy_page_id is None:
            settings_obj.privacy_page = self.privacy
            settings_obj.save()
        if not settings_obj.contact_email:
            # Not a real mailbox (.invalid never resolves): the demo's own sender address.
            settings_obj.contact_email = DEMO_CONTACT
            settings_obj.save()
        Licence.creative_commons()
        if settings_obj.default_licence_id is None:
            settings_obj.default_licence = Licence.fallback()
            settings_obj.save()

    def _section(self, heading, *paragraph_pairs):
        yield {"type": "heading", "value": {"text": self.t(*heading), "level": "h2"}}
        yield {"type": "paragraph", "value": self.paragraphs(*paragraph_pairs)}

    def load_navigation(self):
        menu = MainMenu.objects.filter(locale=self.fr).first()
        if menu is None:
            menu = MainMenu.objects.create(
                name=self.t("Menu principal", "Main menu"), locale=self.fr
            )
            for order, page in enumerate((self.about_dialogues, self.about_fairville)):
                MenuItem.objects.create(
                    menu=menu, link_page=page, sort_order=order * 10, locale=self.fr
                )
        self.t("Menu principal", "Main menu")
        self.translate(menu)

        footer = Footer.objects.filter(locale=self.fr).first()
        text = self.paragraphs(
            (
                "Dialogues en co-production · Projet Fairville, Horizon Europe 2023-2026",
                "Co-production Dialogues · The Fairville project, Horizon Europe 2023-2026",
            )
        )
        if footer is None:
            footer = Footer.objects.create(text=text, locale=self.fr)
            FooterLink.objects.create(
                footer=footer,
                link_url="https://www.fairville-eu.org",
                label=self.t("www.fairville-eu.org", "www.fairville-eu.org"),
                sort_order=0,
                locale=self.fr,
            )
            FooterLink.objects.create(
                footer=footer, link_page=self.privacy, sort_order=10, locale=self.fr
            )
        self.t("www.fairville-eu.org", "www.fairville-eu.org")
        self.translate(footer)

    def load_levers(self):
        """The five levers of the series (session titles) and the three entry points of #1."""
        self.levers = {}
        for kind, parent_code, number, code, name, description in LEVERS:
            lever = Lever.objects.filter(locale=self.fr, code=code).first()
            fields = {
                "name": self.t(*name),
                "description": self.paragraphs(description),
                "kind": kind,
                "number": number,
                "parent": self.levers.get(parent_code),
            }
            if lever is None:
                lever = Lever.objects.create(locale=self.fr, code=code, **fields)
            self.translate(lever)
            self.levers[code] = lever

    def load_admin(self):
        if not getattr(settings, "FAIRVILLE_DEMO_ADMIN", False):
            return
        User = get_user_model()
        if not User.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
            User.objects.create_superuser(
                DEMO_ADMIN_USERNAME, "admin@fairville.invalid", DEMO_ADMIN_PASSWORD
            )
            self.log(f"  created the demo admin {DEMO_ADMIN_USERNAME!r}")


# The seed's text (../shared/seeds), verbatim in French, with our English translation.
ABOUT_DIALOGUES = [
    (
        "Les Dialogues en co-production constituent une série de séminaires publics en ligne "
        "consacrés à la co-production de villes justes. Notre ambition est de contribuer à la "
        "consolidation d'une communauté internationale de pratiques intéressée par "
        "l'exploration et l'apprentissage à partir d'expérimentations concrètes répondant aux "
        "inégalités sociales, spatiales, environnementales et politiques croissantes dans nos "
        "villes.",
        "The Co-production Dialogues are a series of public online seminars on the "
        "co-production of just cities. Our ambition is to help consolidate an international "
        "community of practice interested in exploring and learning from concrete experiments "
        "that respond to the growing social, spatial, environmental and political inequalities "
        "in our cities.",
    ),
    (
        "Les Dialogues en co-production sont ouverts aux habitant·e·s, militant·e·s, "
        "universitaires et professionnel·le·s, ainsi qu'à d'autres acteurs issus des "
        "organisations de la société civile et des gouvernements locaux.",
        "The Co-production Dialogues are open to residents, activists, academics and "
        "practitioners, as well as to other actors from civil-society organisations and local "
        "governments.",
    ),
    (
        "Au sein des Dialogues, <b>la Série des leviers</b> se concentre sur les conditions "
        "permettant à une co-production porteuse de sens d'émerger et d'influencer la "
        "production de pratiques, de politiques, de plans, de services et de lieux portés par "
        "les communautés. Au-delà des objectifs de co-apprentissage et de mise en réseau, la "
        "série vise à contribuer à la formulation de revendications et de propositions "
        "consolidées afin de renforcer les pratiques de co-production dans l'ensemble de la "
        "région européenne (et au-delà).",
        "Within the Dialogues, <b>the Levers series</b> focuses on the conditions that allow "
        "meaningful co-production to emerge and to shape the production of community-led "
        "practices, policies, plans, services and places. Beyond co-learning and networking, "
        "the series aims to help formulate consolidated demands and proposals that strengthen "
        "co-production practices across the European region (and beyond).",
    ),
]

ABOUT_FAIRVILLE = [
    (
        "Le projet Fairville est un projet de recherche international et collaboratif financé "
        "par Horizon Europe (programme de financement de l'UE pour la recherche et "
        "l'innovation) pour la période 2023-2026.",
        "The Fairville project is an international, collaborative research project funded by "
        "Horizon Europe (the EU's funding programme for research and innovation) for the "
        "period 2023-2026.",
    ),
    (
        "Le projet vise à lutter contre les inégalités urbaines profondément ancrées et les "
        "défis qu'elles posent à la démocratie dans les grandes villes et les régions urbaines. "
        "Pour ce faire, il soutient la co-production et la collaboration ascendante en "
        "impliquant des collectifs de citoyens dans les quartiers à faibles revenus.",
        "The project aims to tackle deep-rooted urban inequalities and the challenges they pose "
        "to democracy in large cities and urban regions. To do so, it supports co-production "
        "and bottom-up collaboration by involving citizens' collectives in low-income "
        "neighbourhoods.",
    ),
    (
        "Le projet utilise la recherche-action participative et la co-production de "
        "connaissances comme stratégies de justice spatiale pour lutter contre les inégalités "
        "urbaines qui touchent les villes, principalement en Europe, mais aussi en Afrique. Le "
        "projet de recherche est basé dans huit laboratoires Fairville, pour la plupart liés à "
        "des initiatives citoyennes menées par des groupes locaux partenaires du projet. Les "
        "laboratoires sont situés à Athènes, Berlin, Bruxelles, Le Caire, Dakar, Londres et "
        "Marseille.",
        "The project uses participatory action research and the co-production of knowledge as "
        "spatial-justice strategies to tackle the urban inequalities that affect cities, mainly "
        "in Europe but also in Africa. The research is based in eight Fairville labs, most of "
        "them linked to citizen initiatives led by local groups that are partners in the "
        "project. The labs are located in Athens, Berlin, Brussels, Cairo, Dakar, London and "
        "Marseille.",
    ),
]

_LEVER, _ENTRY = Lever.Kind.LEVER, Lever.Kind.ENTRY_POINT
# Names are short forms of the seed's session titles and entry points, which are
# quoted in full in each description.
LEVERS = [
    (
        _LEVER,
        None,
        1,
        "ancrer",
        ("Ancrer", "Anchoring"),
        (
            "Ancrer durablement la co-production porteuse de sens",
            "Anchoring meaningful co-production for the long term",
        ),
    ),
    (
        _LEVER,
        None,
        2,
        "financer",
        ("Financer et soutenir", "Funding and supporting"),
        (
            "Financer et soutenir une co-production porteuse de sens",
            "Funding and supporting meaningful co-production",
        ),
    ),
    (
        _LEVER,
        None,
        3,
        "reguler",
        ("Réguler", "Regulating"),
        (
            "Réguler pour une co-production porteuse de sens",
            "Regulating for meaningful co-production",
        ),
    ),
    (
        _LEVER,
        None,
        4,
        "defendre",
        ("Défendre", "Defending"),
        ("Défendre une co-production porteuse de sens", "Defending meaningful co-production"),
    ),
    (
        _LEVER,
        None,
        5,
        "grande-echelle",
        ("Permettre à grande échelle", "Enabling at scale"),
        (
            "Permettre une co-production porteuse de sens à grande échelle",
            "Enabling meaningful co-production at scale",
        ),
    ),
    (
        _ENTRY,
        "ancrer",
        1,
        "reseaux-citoyens",
        ("Des réseaux citoyens solides", "Strong citizen networks"),
        (
            "Des réseaux citoyens solides capables de résister aux injustices, de partager les "
            "connaissances et de constituer une base horizontale",
            "Strong citizen networks, able to resist injustice, share knowledge and build a "
            "horizontal base",
        ),
    ),
    (
        _ENTRY,
        "ancrer",
        2,
        "soutien-elargi",
        ("Un soutien élargi à la co-production", "Broader support for co-production"),
        (
            "Un soutien élargi à la co-production, reflétant une évolution du discours public",
            "Broader support for co-production, reflecting a shift in public discourse",
        ),
    ),
    (
        _ENTRY,
        "ancrer",
        3,
        "institutions-accessibles",
        ("Des institutions accessibles", "Accessible institutions"),
        (
            "Des institutions accessibles, réceptives et dotées des capacités nécessaires pour "
            "s'engager avec les savoirs et les ambitions des co-producteurs.trices",
            "Accessible, responsive institutions with the capacity to engage with the knowledge "
            "and ambitions of co-producers",
        ),
    ),
]

# Written for this site: it describes what the platform itself does with personal data.
PRIVACY_INTRO = (
    "Cette page explique quelles données personnelles ce site recueille, pourquoi, et combien "
    "de temps il les conserve.",
    "This page explains what personal data this site collects, why, and how long it keeps it.",
)

PRIVACY_SECTIONS = [
    (
        ("S'inscrire à une session", "Registering for a session"),
        (
            "Pour vous inscrire à une session, vous indiquez votre nom, votre adresse "
            "électronique, votre organisation, votre rôle, votre pays et la langue de vos "
            "courriels, ainsi que, si vous le souhaitez, vos besoins d'interprétation et "
            "d'accessibilité. Ces données servent uniquement à vous envoyer le lien de la "
            "réunion, les rappels et les informations pratiques de la session.",
            "To register for a session, you give your name, email address, organisation, role, "
            "country and the language of your emails and, if you wish, your interpretation and "
            "accessibility needs. This data is used only to send you the meeting link, the "
            "reminders and the practical information about the session.",
        ),
        (
            "L'inscription se fait en deux temps (double confirmation) : le formulaire "
            "enregistre une demande et envoie un courriel à l'adresse indiquée, et votre place "
            "n'est réservée que lorsque vous confirmez depuis le lien de ce courriel. Personne ne "
            "peut donc inscrire votre adresse sans vous. Une demande non confirmée expire après "
            "48 heures, puis elle est supprimée.",
            "Registering takes two steps (double opt-in): the form records a request and sends "
            "an email to the address given, and your place is only taken when you confirm from "
            "the link in that email. So no one can register your address without you. A request "
            "that is not confirmed expires after 48 hours and is then deleted.",
        ),
        (
            "Les données personnelles des personnes inscrites sont supprimées ou anonymisées "
            "30 jours après la fin de la session. Seuls des totaux anonymes par rôle et par pays "
            "sont conservés pour nos rapports.",
            "Registrants' personal data is deleted or anonymised 30 days after the session ends. "
            "Only anonymous totals by role and by country are kept for reporting.",
        ),
        (
            "Vous pouvez annuler votre inscription à tout moment grâce au lien personnel qui "
            "figure dans chaque courriel.",
            "You can cancel your registration at any time with the personal link in every email.",
        ),
    ),
    (
        ("Après la session : l'enregistrement", "After the session: the recording"),
        (
            "Si vous cochez « M'écrire quand l'enregistrement de cette session est en ligne » en "
            "vous inscrivant, nous vous envoyons un seul courriel, dans la langue de vos "
            "courriels, quand l'enregistrement est publié. Ce choix est conservé avec votre "
            "inscription et supprimé avec elle, 30 jours après la fin de la session : un "
            "enregistrement publié plus tard ne vous est pas signalé.",
            "If you tick “Email me when the recording of this session is online” when you "
            "register, we send you one email, in the language of your emails, when the recording "
            "is published. This choice is kept with your registration and deleted with it, 30 "
            "days after the session ends: a recording published later is not announced to you.",
        ),
    ),
    (
        ("Suivre par courriel", "Following by email"),
        (
            "Vous pouvez suivre par courriel les Dialogues, une série, un levier, un "
            "laboratoire, un thème ou toute la bibliothèque, sans compte. Nous conservons "
            "alors votre adresse électronique, la langue et la fréquence de vos courriels et ce "
            "que vous suivez, uniquement pour vous envoyer ces nouvelles.",
            "You can follow the Dialogues, a series, a lever, a lab, a theme or the whole "
            "library by email, without an account. We then keep your email address, the "
            "language and frequency of your emails and what you follow, only to send you this "
            "news.",
        ),
        (
            "Rien n'est enregistré comme abonnement avant que vous ne confirmiez depuis le lien "
            "du courriel que nous vous envoyons. Une demande non confirmée est supprimée après "
            "48 heures.",
            "Nothing is recorded as a subscription until you confirm from the link in the "
            "email we send you. A request that is not confirmed is deleted after 48 hours.",
        ),
        (
            "Si vous cochez « Suivre les Dialogues par e-mail » en vous inscrivant à une "
            "session, vous suivez les Dialogues avec cette adresse, confirmée par le même "
            "courriel que votre inscription. Cet abonnement n'est pas supprimé avec les données "
            "de l'inscription.",
            "If you tick “Follow the Dialogues by email” when registering for a session, you "
            "follow the Dialogues with that address, confirmed by the same email as your "
            "registration. This subscription is not deleted with the registration's data.",
        ),
        (
            "Votre abonnement est conservé jusqu'à ce que vous le quittiez. Chaque courriel "
            "contient un lien pour changer ce que vous suivez ou vous désabonner en un clic. Se "
            "désabonner supprime immédiatement votre adresse et ce que vous suiviez : nous ne "
            "gardons qu'un nombre de désabonnements par mois.",
            "Your subscription is kept until you leave. Every email has a link to change what "
            "you follow or to unsubscribe in one click. Unsubscribing deletes your address and "
            "what you followed at once: we keep only a number of unsubscriptions per month.",
        ),
    ),
    (
        ("Questions aux intervenant·e·s et présence", "Questions for the speakers and attendance"),
        (
            "Une session peut vous poser des questions supplémentaires lors de l'inscription, "
            "par exemple votre question pour les intervenant·e·s. Vos réponses ne sont visibles "
            "que des personnes qui gèrent les inscriptions, et elles sont supprimées avec votre "
            "inscription, 30 jours après la fin de la session.",
            "A session may ask you extra questions when you register, such as your question "
            "for the speakers. Your answers are visible only to the people who manage "
            "registrations, and they are deleted with your registration, 30 days after the "
            "session ends.",
        ),
        (
            "La première utilisation de votre lien personnel pour rejoindre la session est "
            "enregistrée avec votre inscription, pour compter les présences. 30 jours après la "
            "fin de la session, il n'en reste que des totaux anonymes.",
            "The first use of your personal link to join the session is recorded with your "
            "registration, to count attendance. 30 days after the session ends, only anonymous "
            "totals remain.",
        ),
    ),
    (
        ("Proposer une étude de cas", "Proposing a case study"),
        (
            "Lorsque vous proposez une étude de cas, vos coordonnées servent uniquement à "
            "l'équipe éditoriale pour en discuter avec vous. Rien n'est publié sans relecture.",
            "When you propose a case study, your contact details are used only by the editorial "
            "team to discuss it with you. Nothing is published without review.",
        ),
        (
            "Votre nom, votre adresse électronique et votre organisation sont effacés 180 jours "
            "après l'envoi de votre proposition ; la proposition elle-même est conservée.",
            "Your name, email address and organisation are erased 180 days after you send your "
            "proposal; the proposal itself is kept.",
        ),
    ),
    (
        ("Mesure d'audience et services tiers", "Analytics and third parties"),
        (
            "Ce site n'utilise aucun traceur et ne charge aucune ressource depuis un autre site. "
            "Une vidéo hébergée ailleurs n'est chargée que si vous cliquez dessus.",
            "This site uses no trackers and loads nothing from other sites. A video hosted "
            "elsewhere loads only when you click it.",
        ),
    ),
    (
        ("Vos droits", "Your rights"),
        (
            "Conformément au RGPD, vous pouvez demander l'accès à vos données, leur "
            "rectification ou leur suppression en écrivant à l'équipe des Dialogues.",
            "Under the GDPR, you can ask to see, correct or delete your data by writing to the "
            "Dialogues team.",
        ),
    ),
]
