"""Open data out (CSV, JSON, codebook) and case studies in (import_case_studies)."""

import csv
import io
import json

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from practices.models import CaseStudyPage
from practices.opendata import FIELD_NAMES

from .conftest import results, soup

pytestmark = pytest.mark.django_db


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_the_csv_export_is_the_current_filtered_listing(client):
    url = "/en/library/export/csv/?lab=marseille&lever=defendre"
    response = client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    titles, _ = results(client, "/en/library/?lab=marseille&lever=defendre")
    assert [row["title"] for row in rows] == titles
    assert list(rows[0]) == FIELD_NAMES
    row = rows[0]
    assert row["language"] == "en" and row["lab"] == "marseille"
    assert row["lab_name"] == "Fairville Lab Marseille" and row["country_name"] == "France"
    assert "defendre" in row["levers"].split(";")
    assert row["available_in"] == "fr;en"
    assert row["body"].startswith("This is an example case study")


def test_the_json_export_matches_the_listing_and_names_its_filters(client):
    data = json.loads(client.get("/fr/bibliotheque/export/json/?tag=housing&sort=title").content)
    titles, _ = results(client, "/fr/bibliotheque/?tag=housing&sort=title")
    assert [case["title"] for case in data["case_studies"]] == titles
    assert data["filters"] == {"tag": ["housing"], "sort": ["title"]}
    first = data["case_studies"][0]
    assert set(first) == set(FIELD_NAMES) == set(data["fields"])
    assert "logement" in first["tags"] and isinstance(first["ongoing"], bool)


def test_csv_cells_cannot_run_as_spreadsheet_formulas(client, make_case):
    make_case('=HYPERLINK("http://evil")', slug="formula", summary="+cmd|' /C calc'!A0")
    rows = read_csv(client.get("/fr/bibliotheque/export/csv/?q=HYPERLINK"))
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["summary"].startswith("'+cmd")


def test_the_codebook_documents_every_exported_field(client):
    for url in ("/en/library/codebook/", "/fr/bibliotheque/dictionnaire-des-donnees/"):
        page = soup(client.get(url))
        documented = [row["id"].removeprefix("field-") for row in page.select(".codebook tbody tr")]
        assert documented == FIELD_NAMES
        assert all(
            cell.get_text(strip=True) for cell in page.select(".codebook tbody td:nth-child(3)")
        )
    page = soup(client.get("/en/library/codebook/"))
    assert "le-caire" in page.get_text() and "grande-echelle" in page.get_text()
    listing = soup(client.get("/en/library/?lab=dakar"))
    links = [a["href"] for a in listing.select(".library__export a")]
    assert links == [
        "/en/library/export/csv/?lab=dakar",
        "/en/library/export/json/?lab=dakar",
        "/en/library/codebook/",
    ]


COLUMNS = (
    "reference,language,title,summary,lab,city,country,place,latitude,longitude,"
    "start_year,end_year,ongoing,levers,tags,body,actors,outcomes,lessons"
)
HEADER = COLUMNS + "\n"


def csv_text(*rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS.split(","))
    writer.writerows(rows)
    return out.getvalue()


WHERE = ["marseille", "Marseille", "FR", "Belsunce", "43.3", "5.38", "2019", "", "true"]
GOOD_CSV = csv_text(
    ["IMP-1", "fr", "Une cantine solidaire", "Étude de cas d'exemple : une cantine.", *WHERE,
     "financer;ancrer", "alimentation;logement", "Premier paragraphe.\n\nSecond paragraphe.",
     "Un collectif.", "", "Une leçon."],
    ["IMP-1", "en", "A solidarity canteen", "Example case study: a canteen.", *WHERE,
     "financer;ancrer", "food;housing", "First paragraph.\n\nSecond paragraph.",
     "A collective.", "", "A lesson."],
    ["IMP-2", "en", "Only in English", "Example case study: in English only.", "", "Leeds", "GB",
     "", "", "", "2020", "2021", "false", "", "allotments", "Text.", "", "", ""],
)  # fmt: skip


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_good_csv_is_imported_in_both_languages_and_again_changes_nothing(
    tmp_path, client, capsys
):
    path = write(tmp_path, "cases.csv", GOOD_CSV)
    call_command("import_case_studies", "--language=en", path)
    assert "3 created" in capsys.readouterr().out
    source = CaseStudyPage.objects.get(reference="IMP-1", locale__language_code="fr")
    english = CaseStudyPage.objects.get(reference="IMP-1", locale__language_code="en")
    assert source.live and english.live and english.translation_key == source.translation_key
    assert english.get_parent().url == "/en/library/"
    page = soup(client.get(english.url))
    assert page.h1.get_text() == "A solidarity canteen"
    assert [t.get_text() for t in page.select(".case-study__facts .tag")] == ["food", "housing"]
    assert "Second paragraph." in page.get_text() and "Belsunce" in page.get_text()
    titles, _ = results(client, "/fr/bibliotheque/?tag=food")
    assert titles == ["Une cantine solidaire"]
    only = CaseStudyPage.objects.get(reference="IMP-2")
    assert only.locale.language_code == "en" and only.get_parent().url == "/en/library/"

    pages, revisions = CaseStudyPage.objects.count(), Revision.objects.count()
    call_command("import_case_studies", "--language=en", path)
    assert "0 created, 0 updated, 3 unchanged" in capsys.readouterr().out
    assert (CaseStudyPage.objects.count(), Revision.objects.count()) == (pages, revisions)

    changed = GOOD_CSV.replace("Une leçon.", "Une leçon retenue.")
    call_command("import_case_studies", "--language=en", write(tmp_path, "changed.csv", changed))
    assert "1 updated" in capsys.readouterr().out
    assert CaseStudyPage.objects.count() == pages
    assert "Une leçon retenue." in CaseStudyPage.objects.get(pk=source.pk).lessons


def test_the_export_can_be_imported_back(tmp_path, client, capsys):
    url = "/en/library/export/json/?lab=dakar"
    data = client.get(url).content
    records = json.loads(data)["case_studies"]
    pages, revisions = CaseStudyPage.objects.count(), Revision.objects.count()
    call_command(
        "import_case_studies", "--language=en", write(tmp_path, "dakar.json", data.decode())
    )
    output = capsys.readouterr().out
    assert f"0 created, 0 updated, {len(records)} unchanged" in output and len(records) > 1
    assert (CaseStudyPage.objects.count(), Revision.objects.count()) == (pages, revisions)
    cache.clear()  # the export is a page like any other: read it again from the database
    assert json.loads(client.get(url).content)["case_studies"] == records


BAD_ROWS = [
    ("IMP-9,fr,,Résumé.,marseille,Marseille,FR,,,,2019,,false,,,,,,", "line 2: title is required"),
    (
        "IMP-9,de,Titre,Résumé.,,Berlin,DE,,,,2019,,false,,,,,,",
        "line 2: language must be one of fr, en",
    ),
    (
        "IMP-9,fr,Titre,Résumé.,atlantis,X,FR,,,,2019,,false,,,,,,",
        "no lab with the code 'atlantis'",
    ),
    ("IMP-9,fr,Titre,Résumé.,,X,XX,,,,2019,,false,,,,,,", "country: Value 'XX' is not a valid"),
    ("IMP-9,fr,Titre,Résumé.,,X,FR,,,,deux mille,,false,,,,,,", "start_year must be a year"),
    (
        "IMP-9,fr,Titre,Résumé.,,X,FR,,,,2019,2010,false,,,,,,",
        "end_year: The end year cannot be before the start year.",
    ),
    (
        "IMP-9,fr,Titre,Résumé.,,X,FR,,95,5,2019,,false,,,,,,",
        "latitude: Ensure this value is less than or equal to 90.",
    ),
    (
        "IMP-9,fr,Titre,Résumé.,,X,FR,,45,,2019,,false,,,,,,",
        "longitude: Give both the latitude and the longitude, or neither.",
    ),
    # The model's rule, as in the admin: no start year in the future (it accepted 2100).
    (
        "IMP-9,fr,Titre,Résumé.,,X,FR,,,,2100,,false,,,,,,",
        "start_year: The start year cannot be in the future.",
    ),
    (
        "IMP-9,fr,Titre,Résumé.,,X,FR,,,,2019,2020,true,,,,,,",
        "ongoing: An ongoing case study has no end year.",
    ),
    (
        "IMP-9,fr,Titre,Résumé.,," + "X" * 101 + ",FR,,,,2019,,false,,,,,,",
        "city: Ensure this value has at most 100 characters (it has 101).",
    ),
    ("IMP-9,fr,Titre,Résumé.,,X,FR,,,,2019,,peut-être,,,,,,", "ongoing must be true or false"),
    ("IMP-9,fr,Titre,Résumé.,,X,FR,,,,2019,,false,voler,,,,,", "no lever with the code 'voler'"),
]
GOOD_ROW = "IMP-8,fr,Bon,Résumé.,,Lyon,FR,,,,2019,,false,,,,,,\n"


@pytest.mark.parametrize(("row", "reason"), BAD_ROWS)
def test_one_bad_row_and_nothing_is_imported(tmp_path, row, reason):
    path = write(tmp_path, "bad.csv", HEADER + row + "\n" + GOOD_ROW)
    pages = CaseStudyPage.objects.count()
    with pytest.raises(CommandError) as error:
        call_command("import_case_studies", "--language=en", path)
    assert reason in str(error.value) and "Nothing imported" in str(error.value)
    assert CaseStudyPage.objects.count() == pages


def test_every_bad_row_is_reported_with_its_line(tmp_path):
    text = HEADER + GOOD_ROW + BAD_ROWS[0][0] + "\n" + GOOD_ROW
    with pytest.raises(CommandError) as error:
        call_command("import_case_studies", "--language=en", write(tmp_path, "bad.csv", text))
    message = str(error.value)
    assert "line 3: title is required" in message
    assert "line 4: IMP-8 in fr is already in line 2" in message


def test_translations_must_line_up_with_their_source(tmp_path):
    text = GOOD_CSV.replace("Second paragraph.", "Second paragraph.\n\nThird.").replace(
        "food;housing", "food"
    )
    with pytest.raises(CommandError) as error:
        call_command("import_case_studies", "--language=en", write(tmp_path, "bad.csv", text))
    assert "body has 3 paragraph(s) but the fr version has 2" in str(error.value)
    assert "1 tag(s) but the fr version has 2" in str(error.value)
    assert not CaseStudyPage.objects.filter(reference="IMP-1").exists()


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("cases.json", '{"case_studies": 3}', "must hold a list"),
        ("cases.json", "[1, 2]", "record 1: not an object"),
        ("cases.json", "{not json", "Cannot read"),
        ("cases.xml", "<x/>", "only .csv and .json"),
        ("cases.csv", "", "holds no case study"),
    ],
)
def test_unreadable_files_are_refused_plainly(tmp_path, name, text, reason):
    with pytest.raises(CommandError, match=reason):
        call_command("import_case_studies", "--language=en", write(tmp_path, name, text))


def test_a_missing_file_is_reported():
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_case_studies", "--language=en", "/nonexistent/cases.csv")


def test_who_wrote_a_case_study_goes_out_and_comes_back_in(tmp_path, client):
    # The citation credits the lab only when it wrote the case study (lab_is_author); the
    # open data did not say so, and an import made every case study the lab's.
    exported = json.loads(client.get("/en/library/export/json/?lab=dakar").content)
    assert {record["lab_is_author"] for record in exported["case_studies"]} == {False}
    rows = read_csv(client.get("/en/library/export/csv/?lab=dakar"))
    assert {row["lab_is_author"] for row in rows} == {"false"}

    header, *rows = csv.reader(io.StringIO(GOOD_CSV))
    written = {"IMP-1": "false", "IMP-2": ""}

    def with_column(rows):
        out = io.StringIO()
        csv.writer(out).writerows([[*header, "lab_is_author"], *rows])
        return out.getvalue()

    by = with_column([[*row, written[row[0]]] for row in rows])
    call_command("import_case_studies", "--language=en", write(tmp_path, "by.csv", by))
    canteen = CaseStudyPage.objects.get(reference="IMP-1", locale__language_code="en")
    assert not canteen.lab_is_author
    author = soup(client.get(canteen.url)).select_one('meta[name="citation_author"]')["content"]
    assert author == "The Fairville project"
    # Empty, or a file from before the column: the lab wrote it, as the model's default.
    assert CaseStudyPage.objects.get(reference="IMP-2").lab_is_author

    bad = with_column([[*row, "perhaps"] for row in rows])
    with pytest.raises(CommandError, match="lab_is_author must be true or false"):
        call_command("import_case_studies", "--language=en", write(tmp_path, "bad.csv", bad))
