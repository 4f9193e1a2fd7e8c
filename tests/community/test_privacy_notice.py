"""The privacy notice, in both languages, covers subscriptions, questions and attendance,
with how long each is kept."""

import pytest

from cms.models import SiteSettings

from .conftest import soup, text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            [
                "Suivre par courriel",
                "Une demande non confirmée est supprimée après 48 heures.",
                "Se désabonner supprime immédiatement votre adresse",
                "Cet abonnement n'est pas supprimé avec les données de l'inscription.",
                "Questions aux intervenant·e·s et présence",
                "supprimées avec votre inscription, 30 jours après la fin de la session",
                "il n'en reste que des totaux anonymes",
            ],
        ),
        (
            "en",
            [
                "Following by email",
                "A request that is not confirmed is deleted after 48 hours.",
                "Unsubscribing deletes your address and what you followed at once",
                "This subscription is not deleted with the registration's data.",
                "Questions for the speakers and attendance",
                "deleted with your registration, 30 days after the session ends",
                "only anonymous totals remain",
            ],
        ),
    ],
)
def test_the_privacy_notice_covers_subscriptions_questions_and_attendance(
    client, fr, language, expected
):
    from wagtail.models import Site as WagtailSite

    privacy = SiteSettings.for_site(WagtailSite.objects.get(is_default_site=True)).privacy_page
    page = privacy.get_translation(privacy.locale.__class__.objects.get(language_code=language))
    content = text(soup(client.get(page.url)))
    for sentence in expected:
        assert sentence in content
