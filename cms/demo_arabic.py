"""The demo's Arabic: the site's own pages, loaded only when Arabic is a configured language.

Arabic versions of the home page, the two "about" pages, the privacy notice (which says
at its top that it is a translation awaiting review), the navigation, the footer and the
levers, made through wagtail-localize as an editor's translation would be. The texts are
translations of the French (the seed's words about the project, the site's own notice);
nothing is added about the seed's people or sessions, which stay in French and English.

The Arabic below is keyed by the English translation of each French string: the loader
records French -> English with ``t()``, so ``strings(loader, ARABIC)`` gives the
French -> Arabic map wagtail-localize needs. It has not been reviewed by a native
speaker yet (README.md, "Languages").
"""

from cms.models import Footer, MainMenu
from cms.translation import translate

LANGUAGE = "ar"

# Put first in the Arabic privacy notice's introduction.
AWAITING_REVIEW = (
    "هذه ترجمة عربية تنتظر مراجعة متحدث أصلي للغة. النص الفرنسي هو النص المرجعي لهذه السياسة."
)

ARABIC = {
    # Home
    "Home": "الصفحة الرئيسية",
    # Not in any URL; "home" is the English home page's, a sibling under the root.
    "home": "الرئيسية",
    "Co-production Dialogues": "حوارات الإنتاج المشترك",
    "The Co-production Dialogues are a series of public online seminars on the "
    "co-production of just cities.": "حوارات الإنتاج المشترك سلسلة من الندوات العامة عبر "
    "الإنترنت حول الإنتاج المشترك لمدن عادلة.",
    # About the Dialogues (the seed's text)
    "about-the-dialogues": "about-the-dialogues",
    "About the Dialogues": "عن الحوارات",
    "The Co-production Dialogues are a series of public online seminars on the "
    "co-production of just cities. Our ambition is to help consolidate an international "
    "community of practice interested in exploring and learning from concrete experiments "
    "that respond to the growing social, spatial, environmental and political inequalities "
    "in our cities.": "حوارات الإنتاج المشترك سلسلة من الندوات العامة عبر الإنترنت حول "
    "الإنتاج المشترك لمدن عادلة. نطمح إلى المساهمة في ترسيخ مجتمع دولي من الممارسين "
    "المهتمين باستكشاف تجارب ملموسة والتعلم منها، تجارب تستجيب لأوجه عدم المساواة "
    "الاجتماعية والمكانية والبيئية والسياسية المتزايدة في مدننا.",
    "The Co-production Dialogues are open to residents, activists, academics and "
    "practitioners, as well as to other actors from civil-society organisations and local "
    "governments.": "حوارات الإنتاج المشترك مفتوحة للسكان والناشطين والأكاديميين "
    "والممارسين، وكذلك لجهات فاعلة أخرى من منظمات المجتمع المدني والحكومات المحلية.",
    "Within the Dialogues, <b>the Levers series</b> focuses on the conditions that allow "
    "meaningful co-production to emerge and to shape the production of community-led "
    "practices, policies, plans, services and places. Beyond co-learning and networking, "
    "the series aims to help formulate consolidated demands and proposals that strengthen "
    "co-production practices across the European region (and beyond).": "ضمن الحوارات، "
    "تركّز <b>سلسلة الروافع</b> على الشروط التي تتيح لإنتاج مشترك ذي معنى أن ينشأ وأن "
    "يؤثر في إنتاج ممارسات وسياسات وخطط وخدمات وأماكن تقودها المجتمعات المحلية. وإلى "
    "جانب أهداف التعلم المشترك وبناء الشبكات، تسعى السلسلة إلى المساهمة في صياغة مطالب "
    "ومقترحات موحّدة تعزّز ممارسات الإنتاج المشترك في المنطقة الأوروبية كلها (وخارجها).",
    # About the Fairville project (the seed's text)
    "about-fairville": "about-fairville",
    "About the Fairville project": "عن مشروع فيرفيل",
    "The Fairville project is an international, collaborative research project funded by "
    "Horizon Europe (the EU's funding programme for research and innovation) for the "
    "period 2023-2026.": "مشروع فيرفيل مشروع بحثي دولي وتعاوني يموّله برنامج أفق أوروبا "
    "(برنامج الاتحاد الأوروبي لتمويل البحث والابتكار) للفترة 2023-2026.",
    "The project aims to tackle deep-rooted urban inequalities and the challenges they pose "
    "to democracy in large cities and urban regions. To do so, it supports co-production "
    "and bottom-up collaboration by involving citizens' collectives in low-income "
    "neighbourhoods.": "يهدف المشروع إلى مواجهة أوجه عدم المساواة الحضرية المتجذّرة "
    "والتحديات التي تطرحها على الديمقراطية في المدن الكبرى والمناطق الحضرية. ولهذا يدعم "
    "الإنتاج المشترك والتعاون من القاعدة إلى القمة بإشراك تجمّعات المواطنين في الأحياء "
    "ذات الدخل المنخفض.",
    "The project uses participatory action research and the co-production of knowledge as "
    "spatial-justice strategies to tackle the urban inequalities that affect cities, mainly "
    "in Europe but also in Africa. The research is based in eight Fairville labs, most of "
    "them linked to citizen initiatives led by local groups that are partners in the "
    "project. The labs are located in Athens, Berlin, Brussels, Cairo, Dakar, London and "
    "Marseille.": "يعتمد المشروع البحث الإجرائي التشاركي والإنتاج المشترك للمعرفة "
    "استراتيجياتٍ للعدالة المكانية لمواجهة أوجه عدم المساواة الحضرية التي تمسّ المدن، في "
    "أوروبا أساسًا وفي أفريقيا أيضًا. يستند البحث إلى ثمانية مختبرات فيرفيل، يرتبط معظمها "
    "بمبادرات مواطنية تقودها مجموعات محلية شريكة في المشروع. تقع المختبرات في أثينا "
    "وبرلين وبروكسل والقاهرة وداكار ولندن ومرسيليا.",
    "The Fairville project website": "موقع مشروع فيرفيل",
    # Navigation and footer
    "Main menu": "القائمة الرئيسية",
    "Co-production Dialogues · The Fairville project, Horizon Europe 2023-2026": "حوارات "
    "الإنتاج المشترك · مشروع فيرفيل، أفق أوروبا 2023-2026",
    "www.fairville-eu.org": "www.fairville-eu.org",
    # Levers: the seed's session titles and entry points, translated
    "Anchoring": "الترسيخ",
    "Anchoring meaningful co-production for the long term": "ترسيخ إنتاج مشترك ذي معنى "
    "على المدى الطويل",
    "Funding and supporting": "التمويل والدعم",
    "Funding and supporting meaningful co-production": "تمويل إنتاج مشترك ذي معنى ودعمه",
    "Regulating": "التنظيم",
    "Regulating for meaningful co-production": "التنظيم من أجل إنتاج مشترك ذي معنى",
    "Defending": "الدفاع",
    "Defending meaningful co-production": "الدفاع عن إنتاج مشترك ذي معنى",
    "Enabling at scale": "التمكين على نطاق واسع",
    "Enabling meaningful co-production at scale": "تمكين إنتاج مشترك ذي معنى على نطاق واسع",
    "Strong citizen networks": "شبكات مواطنية قوية",
    "Strong citizen networks, able to resist injustice, share knowledge and build a "
    "horizontal base": "شبكات مواطنية قوية قادرة على مقاومة الظلم وتبادل المعرفة وبناء قاعدة أفقية",
    "Broader support for co-production": "دعم أوسع للإنتاج المشترك",
    "Broader support for co-production, reflecting a shift in public discourse": "دعم أوسع "
    "للإنتاج المشترك يعكس تحوّلًا في الخطاب العام",
    "Accessible institutions": "مؤسسات في المتناول",
    "Accessible, responsive institutions with the capacity to engage with the knowledge "
    "and ambitions of co-producers": "مؤسسات في المتناول ومتجاوبة، تملك القدرة على التفاعل "
    "مع معارف المنتجين المشاركين وطموحاتهم",
    # Privacy notice (the site's own text)
    "privacy-notice": "privacy-notice",
    "Privacy notice": "سياسة الخصوصية",
    "This page explains what personal data this site collects, why, and how long it keeps "
    "it.": f"{AWAITING_REVIEW} تشرح هذه الصفحة البيانات الشخصية التي يجمعها هذا الموقع، "
    "ولماذا، وكم من الوقت يحتفظ بها.",
    "Registering for a session": "التسجيل في جلسة",
    "To register for a session, you give your name, email address, organisation, role, "
    "country and the language of your emails and, if you wish, your interpretation and "
    "accessibility needs. This data is used only to send you the meeting link, the "
    "reminders and the practical information about the session.": "للتسجيل في جلسة، "
    "تُدخل اسمك وبريدك الإلكتروني ومنظمتك ودورك وبلدك ولغة رسائلك، وإن شئت احتياجاتك من "
    "الترجمة الفورية وإمكانية الوصول. لا تُستخدم هذه البيانات إلا لإرسال رابط الاجتماع "
    "والتذكيرات والمعلومات العملية عن الجلسة إليك.",
    "Registering takes two steps (double opt-in): the form records a request and sends "
    "an email to the address given, and your place is only taken when you confirm from "
    "the link in that email. So no one can register your address without you. A request "
    "that is not confirmed expires after 48 hours and is then deleted.": "يتم التسجيل على "
    "خطوتين (تأكيد مزدوج): يسجّل النموذج طلبًا ويرسل رسالة إلى العنوان المُدخل، ولا يُحجز "
    "مكانك إلا عندما تؤكد من الرابط الموجود في تلك الرسالة. لذلك لا يستطيع أحد تسجيل "
    "عنوانك من دونك. تنتهي صلاحية الطلب غير المؤكد بعد 48 ساعة ثم يُحذف.",
    "Registrants' personal data is deleted or anonymised 30 days after the session ends. "
    "Only anonymous totals by role and by country are kept for reporting.": "تُحذف البيانات "
    "الشخصية للمسجلين أو تُجعل مجهولة الهوية بعد 30 يومًا من انتهاء الجلسة. ولا يُحتفظ "
    "إلا بمجاميع مجهولة الهوية حسب الدور والبلد لإعداد التقارير.",
    "You can cancel your registration at any time with the personal link in every email.": ""
    "يمكنك إلغاء تسجيلك في أي وقت عبر الرابط الشخصي الموجود في كل رسالة.",
    "After the session: the recording": "بعد الجلسة: التسجيل",
    "If you tick “Email me when the recording of this session is online” when you "
    "register, we send you one email, in the language of your emails, when the recording "
    "is published. This choice is kept with your registration and deleted with it, 30 "
    "days after the session ends: a recording published later is not announced to you.": ""
    "إذا اخترت «راسلوني عند نشر تسجيل هذه الجلسة» عند التسجيل، نرسل إليك رسالة واحدة، "
    "بلغة رسائلك، عند نشر التسجيل. يُحفظ هذا الاختيار مع تسجيلك ويُحذف معه بعد 30 يومًا "
    "من انتهاء الجلسة: فلا نُعلمك بتسجيل يُنشر بعد ذلك.",
    "Following by email": "المتابعة عبر البريد الإلكتروني",
    "You can follow the Dialogues, a series, a lever, a lab, a theme or the whole "
    "library by email, without an account. We then keep your email address, the "
    "language and frequency of your emails and what you follow, only to send you this "
    "news.": "يمكنك متابعة الحوارات أو سلسلة أو رافعة أو مختبر أو موضوع أو المكتبة كلها عبر "
    "البريد الإلكتروني، من دون حساب. نحتفظ عندئذ بعنوان بريدك الإلكتروني ولغة رسائلك "
    "وتواترها وما تتابعه، لا لشيء إلا لإرسال هذه الأخبار إليك.",
    "Nothing is recorded as a subscription until you confirm from the link in the "
    "email we send you. A request that is not confirmed is deleted after 48 hours.": "لا "
    "يُسجَّل أي اشتراك قبل أن تؤكد من الرابط الموجود في الرسالة التي نرسلها إليك. ويُحذف "
    "الطلب غير المؤكد بعد 48 ساعة.",
    "If you tick “Follow the Dialogues by email” when registering for a session, you "
    "follow the Dialogues with that address, confirmed by the same email as your "
    "registration. This subscription is not deleted with the registration's data.": "إذا "
    "اخترت «متابعة الحوارات عبر البريد الإلكتروني» عند التسجيل في جلسة، فإنك تتابع "
    "الحوارات بذلك العنوان، ويُؤكَّد ذلك بالرسالة نفسها التي تؤكد تسجيلك. ولا يُحذف هذا "
    "الاشتراك مع بيانات التسجيل.",
    "Your subscription is kept until you leave. Every email has a link to change what "
    "you follow or to unsubscribe in one click. Unsubscribing deletes your address and "
    "what you followed at once: we keep only a number of unsubscriptions per month.": ""
    "يبقى اشتراكك محفوظًا إلى أن تلغيه. في كل رسالة رابط لتغيير ما تتابعه أو لإلغاء "
    "الاشتراك بنقرة واحدة. يحذف إلغاء الاشتراك عنوانك وما كنت تتابعه فورًا: لا نحتفظ إلا "
    "بعدد حالات إلغاء الاشتراك في كل شهر.",
    "Questions for the speakers and attendance": "أسئلة للمتحدثين والحضور",
    "A session may ask you extra questions when you register, such as your question "
    "for the speakers. Your answers are visible only to the people who manage "
    "registrations, and they are deleted with your registration, 30 days after the "
    "session ends.": "قد تطرح عليك جلسة أسئلة إضافية عند التسجيل، مثل سؤالك للمتحدثين. لا "
    "يرى إجاباتك إلا الأشخاص الذين يديرون التسجيلات، وتُحذف مع تسجيلك بعد 30 يومًا من "
    "انتهاء الجلسة.",
    "The first use of your personal link to join the session is recorded with your "
    "registration, to count attendance. 30 days after the session ends, only anonymous "
    "totals remain.": "يُسجَّل أول استخدام لرابطك الشخصي للانضمام إلى الجلسة مع تسجيلك، "
    "لإحصاء الحضور. وبعد 30 يومًا من انتهاء الجلسة لا يبقى منه إلا مجاميع مجهولة الهوية.",
    "Proposing a case study": "اقتراح دراسة حالة",
    "When you propose a case study, your contact details are used only by the editorial "
    "team to discuss it with you. Nothing is published without review.": "عندما تقترح دراسة "
    "حالة، لا يستخدم بيانات الاتصال بك إلا فريق التحرير لمناقشتها معك. ولا يُنشر شيء من "
    "دون مراجعة.",
    "Your name, email address and organisation are erased 180 days after you send your "
    "proposal; the proposal itself is kept.": "يُمحى اسمك وعنوان بريدك الإلكتروني ومنظمتك "
    "بعد 180 يومًا من إرسال اقتراحك؛ أما الاقتراح نفسه فيُحتفظ به.",
    "Analytics and third parties": "قياس الجمهور والأطراف الثالثة",
    "This site uses no trackers and loads nothing from other sites. A video hosted "
    "elsewhere loads only when you click it.": "لا يستخدم هذا الموقع أي أدوات تتبّع ولا "
    "يحمّل أي شيء من مواقع أخرى. ولا يُحمَّل الفيديو المستضاف في مكان آخر إلا عندما تنقر "
    "عليه.",
    "Your rights": "حقوقك",
    "Under the GDPR, you can ask to see, correct or delete your data by writing to the "
    "Dialogues team.": "بموجب اللائحة العامة لحماية البيانات، يمكنك أن تطلب الاطلاع على "
    "بياناتك أو تصحيحها أو حذفها بالكتابة إلى فريق الحوارات.",
}


def locale(loader):
    """The Arabic locale when Arabic is configured, else None."""
    return loader.locales.get(LANGUAGE)


def strings(loader, arabic):
    """French -> Arabic for every French string the loader recorded with an English
    translation that ``arabic`` (English -> Arabic) knows."""
    return {fr: arabic[en] for fr, en in loader.glossary.items() if en in arabic}


def translate_into_arabic(loader, instance, arabic=ARABIC, *, french=None, strict=True):
    """The Arabic translation of ``instance``, made through wagtail-localize if missing;
    ``french`` adds French -> Arabic strings the loader did not record."""
    target = locale(loader)
    existing = instance.get_translation_or_none(target)
    if existing is not None:
        return existing
    loader.log(f"  translated {instance!r} into Arabic")
    return translate(instance, target, strings(loader, arabic) | (french or {}), strict=strict)


def load(loader):
    if locale(loader) is None:
        return
    loader.log("Arabic")
    loader.add_language(LANGUAGE, lambda: strings(loader, ARABIC))
    translate_into_arabic(loader, loader.home)
    # In the demo's order, levers before their entry points: a translated entry point
    # points to its lever's Arabic version.
    for lever in loader.levers.values():
        translate_into_arabic(loader, lever)
    for page in (loader.about_dialogues, loader.about_fairville):
        translate_into_arabic(loader, page)
    # The notice changes with the site: a paragraph added since these translations were
    # written stays in French (the reference text) rather than stopping the demo.
    translate_into_arabic(loader, loader.privacy, strict=False)
    translate_into_arabic(loader, MainMenu.objects.get(locale=loader.fr))
    translate_into_arabic(loader, Footer.objects.get(locale=loader.fr))
