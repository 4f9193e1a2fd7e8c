"""Editors write case studies in the admin; tags typed there belong to the page's language."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from practices.models import CaseStudyPage, CaseStudyTag

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@fairville.invalid", "pw")
    client.force_login(user)
    return client


def test_an_editor_creates_a_case_study_with_tags_and_levers(editor, library_en, en):
    from cms.models import Lever

    lever = Lever.objects.get(code="financer", locale=en)
    data = nested_form_data(
        {
            "title": "A food cooperative",
            "slug": "a-food-cooperative",
            "summary": "Example case study: a food cooperative.",
            "city": "Leeds",
            "country": "GB",
            "place": "",
            "latitude": "53.8",
            "longitude": "-1.55",
            "start_year": "2018",
            "end_year": "",
            "ongoing": "on",
            "body": streamfield([("paragraph", rich_text("<p>Example text.</p>"))]),
            "actors": rich_text(""),
            "outcomes": rich_text(""),
            "lessons": rich_text(""),
            "resources": streamfield([]),
            "images": streamfield([]),
            "tags": "housing, food sovereignty",
            "lever_links": inline_formset([{"lever": lever.pk}]),
            "session_links": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = editor.post(f"/admin/pages/add/practices/casestudypage/{library_en.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    page = CaseStudyPage.objects.get(slug="a-food-cooperative")
    assert page.live and page.locale == en
    tags = {tag.name: tag.locale for tag in page.tags.all()}
    assert tags == {"housing": en, "food sovereignty": en}
    assert CaseStudyTag.objects.filter(name="housing").count() == 1
    assert [link.lever for link in page.lever_links.all()] == [lever]


def test_the_admin_validates_the_period(editor, library_fr):
    data = nested_form_data(
        {
            "title": "Une période impossible",
            "slug": "periode",
            "summary": "Résumé.",
            "city": "Lyon",
            "country": "FR",
            "start_year": "2020",
            "end_year": "2010",
            "body": streamfield([]),
            "actors": rich_text(""),
            "outcomes": rich_text(""),
            "lessons": rich_text(""),
            "resources": streamfield([]),
            "images": streamfield([]),
            "tags": "",
            "lever_links": inline_formset([]),
            "session_links": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    response = editor.post(f"/admin/pages/add/practices/casestudypage/{library_fr.pk}/", data)
    assert response.status_code == 200
    assert "end_year" in response.context["form"].errors
    assert not CaseStudyPage.objects.filter(slug="periode").exists()
