import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page, Revision, Site
from wagtail_localize.models import StringTranslation, Translation

from cms.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, DemoLoader
from cms.models import Footer, FooterLink, HomePage, MainMenu, MenuItem, SiteSettings

pytestmark = pytest.mark.django_db

COUNTED = [Page, Revision, Translation, StringTranslation, MainMenu, MenuItem, Footer, FooterLink]


def snapshot():
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_loading_the_demo_twice_changes_nothing():
    before = snapshot()
    DemoLoader().run()
    assert snapshot() == before


def test_demo_pages_exist_in_both_languages_and_are_linked(fr, en):
    for slug, en_url in [
        ("a-propos-des-dialogues", "/en/about-the-dialogues/"),
        ("a-propos-de-fairville", "/en/about-fairville/"),
        ("politique-de-confidentialite", "/en/privacy-notice/"),
    ]:
        page = Page.objects.get(slug=slug, locale=fr)
        assert page.get_translation(en).url == en_url


def test_privacy_notice_is_the_site_setting(client, fr):
    setting = SiteSettings.for_site(Page.objects.get(slug="accueil").get_site())
    assert setting.privacy_page.slug == "politique-de-confidentialite"


def test_seed_text_is_verbatim_in_french(client):
    body = client.get("/fr/a-propos-de-fairville/").content.decode()
    assert (
        "Les laboratoires sont situés à Athènes, Berlin, Bruxelles, Le Caire, Dakar, Londres et "
        "Marseille." in body
    )


@override_settings(FAIRVILLE_DEMO_ADMIN=True)
def test_demo_admin_logs_into_the_admin_in_dev(client):
    DemoLoader().run()
    response = client.post(
        "/admin/login/", {"username": DEMO_ADMIN_USERNAME, "password": DEMO_ADMIN_PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_no_demo_admin_outside_dev():
    assert not get_user_model().objects.filter(username=DEMO_ADMIN_USERNAME).exists()


def test_site_url_option_makes_full_urls_point_where_the_site_is_served(home_fr):
    call_command("load_demo", site_url="http://127.0.0.1:8000", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"
    assert HomePage.objects.get(pk=home_fr.pk).full_url == "http://127.0.0.1:8000/fr/"
