"""The library's Arabic demo, loaded only when Arabic is a configured language.

The library page, the labs, the tags and two of the example case studies (one from the
Cairo lab) in Arabic, through wagtail-localize. Both case studies say in their first
paragraph that they are examples and describe no real experience; the labs get the
same words as in French and English (their city, the seed's sentence about the labs).
Keyed by English like cms/demo_arabic.py; awaiting review by a native speaker.
"""

from cms.demo_arabic import locale, translate_into_arabic

from .demo import LABS, TAGS
from .models import CaseStudyPage, CaseStudyTag, Lab, LibraryPage

# Slugs of the French case studies translated: a shared garden in Athens, and a housing
# cooperative in Cairo.
CASE_STUDIES = ("exemple-jardin-partage-athenes", "exemple-cooperative-habitants-le-caire")

CITIES = {
    "Athens": ("أثينا", "مختبر فيرفيل في أثينا"),
    "Berlin": ("برلين", "مختبر فيرفيل في برلين"),
    "Brussels": ("بروكسل", "مختبر فيرفيل في بروكسل"),
    "Cairo": ("القاهرة", "مختبر فيرفيل في القاهرة"),
    "Dakar": ("داكار", "مختبر فيرفيل في داكار"),
    "London": ("لندن", "مختبر فيرفيل في لندن"),
    "Marseille": ("مرسيليا", "مختبر فيرفيل في مرسيليا"),
}

TAG_NAMES = {
    "housing": "السكن",
    "community gardens": "الحدائق المشتركة",
    "public space": "الفضاء العام",
    "land": "الأراضي",
    "cooperatives": "التعاونيات",
    "participatory budgeting": "الموازنة التشاركية",
    "mapping": "رسم الخرائط",
    "right to housing": "الحق في السكن",
    "local economy": "الاقتصاد المحلي",
    "governance": "الحوكمة",
    "water": "المياه",
    "health": "الصحة",
    "transport": "النقل",
}

ARABIC = {
    "library": "library",
    "Case-study library": "مكتبة دراسات الحالة",
    "Experiences of co-production from the Fairville labs and beyond, to filter by "
    "lab, lever, theme, country and period.": "تجارب في الإنتاج المشترك من مختبرات فيرفيل "
    "ومن خارجها، يمكن تصفيتها حسب المختبر والرافعة والموضوع والبلد والفترة.",
    "One of the Fairville labs, where the research project is based. Most Fairville labs are "
    "linked to citizen initiatives led by local groups that are partners in the project.": ""
    "أحد مختبرات فيرفيل التي يستند إليها المشروع البحثي. يرتبط معظم مختبرات فيرفيل بمبادرات "
    "مواطنية تقودها مجموعات محلية شريكة في المشروع.",
    **{city: names[0] for city, names in CITIES.items()},
    **{f"Fairville Lab {city}": names[1] for city, names in CITIES.items()},
    # A shared garden in Athens (an example)
    "example-shared-garden-athenes": "example-shared-garden-athenes",
    "A shared garden on vacant land in Athens": "حديقة مشتركة على أرض مهجورة في أثينا",
    "Example case study: residents turn vacant land into a shared garden in Athens and "
    "obtain a lease from the public landowner.": "دراسة حالة على سبيل المثال: يحوّل السكان "
    "أرضًا مهجورة إلى حديقة مشتركة في أثينا ويحصلون على عقد إيجار من المالك العام.",
    "This is an example case study, written to show the library: it does not describe a real "
    "experience and says nothing about the activities of the Fairville lab in Athens.": ""
    "هذه دراسة حالة على سبيل المثال، كُتبت لعرض المكتبة: لا تصف تجربة حقيقية ولا تقول شيئًا "
    "عن أنشطة مختبر فيرفيل في أثينا.",
    "A group of neighbours starts by clearing the site and holding open meals, then "
    "negotiates a temporary use that becomes a ten-year lease.": "تبدأ مجموعة من الجيران "
    "بتنظيف الموقع وتنظيم وجبات مفتوحة، ثم تتفاوض على استخدام مؤقت يتحوّل إلى عقد إيجار "
    "لعشر سنوات.",
    "A residents' collective, a neighbourhood association and the city's land department.": ""
    "تجمّع من السكان، وجمعية حيّ، وإدارة الأراضي في المدينة.",
    "A place open to everyone, run by a monthly assembly.": "مكان مفتوح للجميع تديره جمعية شهرية.",
    "Visible, regular use helps to negotiate a lasting arrangement.": "الاستخدام الظاهر "
    "والمنتظم يساعد على التفاوض على ترتيب دائم.",
    # A housing cooperative in Cairo (an example)
    "example-housing-cooperative-le-caire": "example-housing-cooperative-le-caire",
    "A residents' housing cooperative in Cairo": "تعاونية سكنية للسكان في القاهرة",
    "Example case study: tenants set up a cooperative in Cairo to buy their building back "
    "with the help of a solidarity fund.": "دراسة حالة على سبيل المثال: ينشئ مستأجرون "
    "تعاونية في القاهرة لشراء مبناهم بمساعدة صندوق تضامني.",
    "This is an example case study, written to show the library: it does not describe a real "
    "experience and says nothing about the activities of the Fairville lab in Cairo.": ""
    "هذه دراسة حالة على سبيل المثال، كُتبت لعرض المكتبة: لا تصف تجربة حقيقية ولا تقول شيئًا "
    "عن أنشطة مختبر فيرفيل في القاهرة.",
    "Threatened by a sale to an investor, the tenants form a cooperative and raise the "
    "deposit through solidarity loans.": "أمام خطر بيع المبنى لمستثمر، يؤسس المستأجرون "
    "تعاونية ويجمعون الدفعة الأولى بفضل قروض تضامنية.",
    "The building's tenants, a solidarity fund and a cooperative bank.": "مستأجرو المبنى، "
    "وصندوق تضامني، ومصرف تعاوني.",
    "Stable rents and collective management of the building.": "إيجارات مستقرة وإدارة "
    "جماعية للمبنى.",
    "Patient finance makes possible what the market refuses.": "التمويل الصبور يجعل ممكنًا "
    "ما يرفضه السوق.",
}


def load(loader):
    if locale(loader) is None:
        return
    loader.log("Arabic library")
    for code, *_rest in LABS:
        translate_into_arabic(loader, Lab.objects.get(locale=loader.fr, slug=code), ARABIC)
    for slug, _name, slug_en, name_en in TAGS:
        tag = CaseStudyTag.objects.get(locale=loader.fr, slug=slug)
        # Arabic slugs are the English ones: the library's tag filter names them in URLs.
        french = {tag.name: TAG_NAMES[name_en], tag.slug: slug_en}
        translate_into_arabic(loader, tag, {}, french=french)
    library = LibraryPage.objects.child_of(loader.home).get(locale=loader.fr)
    translate_into_arabic(loader, library, ARABIC)
    for slug in CASE_STUDIES:
        page = CaseStudyPage.objects.child_of(library).get(slug=slug)
        translate_into_arabic(loader, page, ARABIC)
