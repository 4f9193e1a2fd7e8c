"""One set of rules for a case study: the same bad input gets the same error, in the
reader's language, from the model (the admin), the proposal form and the importer."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Locale

from practices.models import CaseStudyPage

from .conftest import soup
from .test_import_export import HEADER, write
from .test_submissions import URL_EN, URL_FR, proposal

pytestmark = pytest.mark.django_db

NEXT_YEAR = datetime.date.today().year + 1
# (field in error, changes to a good case study, the message in French and in English)
BAD = [
    (
        "start_year",
        {"start_year": NEXT_YEAR},
        "L'année de début ne peut pas être dans le futur.",
        "The start year cannot be in the future.",
    ),
    (
        "start_year",
        {"start_year": 1850},
        "Assurez-vous que cette valeur est supérieure ou égale à 1900.",
        "Ensure this value is greater than or equal to 1900.",
    ),
    (
        "end_year",
        {"start_year": 2020, "end_year": 2010},
        "L'année de fin ne peut pas précéder l'année de début.",
        "The end year cannot be before the start year.",
    ),
    (
        "ongoing",
        {"start_year": 2020, "end_year": 2021, "ongoing": True},
        "Une étude de cas en cours n'a pas d'année de fin.",
        "An ongoing case study has no end year.",
    ),
]
GOOD = {"title": "Une épicerie", "summary": "Un résumé.", "city": "Lyon", "country": "FR"}


def model_errors(language, changes):
    page = CaseStudyPage(
        locale=Locale.objects.get(language_code="fr"), **{"start_year": 2020, **GOOD, **changes}
    )
    with translation.override(language):
        with pytest.raises(ValidationError) as error:
            page.clean_new()
        return error.value.message_dict


def form_errors(client, url, changes):
    answers = {name: "" if value is None else str(value) for name, value in changes.items()}
    if answers.pop("ongoing", None):
        answers["ongoing"] = "on"
    page = soup(client.post(url, proposal(**answers)))
    return page.select_one(".error-summary").get_text(" ", strip=True)


def import_errors(tmp_path, language, changes):
    values = {"start_year": "2020", "end_year": "", "ongoing": "false"}
    values.update({name: str(value).lower() for name, value in changes.items()})
    row = (
        f"IMP-7,fr,Titre,Résumé.,,Lyon,FR,,,,{values['start_year']},{values['end_year']},"
        f"{values['ongoing']},,,,,,"
    )
    with pytest.raises(CommandError) as error:
        call_command(
            "import_case_studies",
            f"--language={language}",
            write(tmp_path, "bad.csv", HEADER + row),
        )
    return str(error.value)


@pytest.mark.parametrize(("field", "changes", "french", "english"), BAD)
def test_the_model_the_form_and_the_importer_give_the_same_error(
    client, tmp_path, field, changes, french, english
):
    assert model_errors("fr", changes)[field] == [french]
    assert model_errors("en", changes)[field] == [english]
    assert french in form_errors(client, URL_FR, changes)
    assert english in form_errors(client, URL_EN, changes)
    assert f"ligne 2: {field}: {french}" in import_errors(tmp_path, "fr", changes)
    assert f"line 2: {field}: {english}" in import_errors(tmp_path, "en", changes)
    assert not CaseStudyPage.objects.filter(title__in=["Titre", "Une épicerie solidaire"]).exists()
