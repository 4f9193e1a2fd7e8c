"""What answers under the library's address: its own routes first (labs, codebook,
proposals, exports), then its case studies and their citation downloads; anything
else is a 404. (A case study is read in one query: test_render_cost's budgets.)"""

import pytest

from .conftest import soup

pytestmark = pytest.mark.django_db


def test_a_route_of_the_library_wins_over_a_case_study_of_the_same_name(client, make_case):
    make_case("Le dictionnaire d'un quartier", slug="codebook")
    page = soup(client.get("/fr/bibliotheque/codebook/"))
    assert page.select(".codebook tbody tr"), "the codebook, not the case study"
    make_case("Une étude de cas", slug="une-etude-de-cas")
    page = soup(client.get("/fr/bibliotheque/une-etude-de-cas/"))
    assert page.select_one("h1").get_text() == "Une étude de cas"
    assert page.select_one(".case-study .meta a")["href"] == "/fr/bibliotheque/"
    download = client.get("/fr/bibliotheque/une-etude-de-cas/cite/bibtex/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="une-etude-de-cas.bib"'
    for missing in ("nope/", "une-etude-de-cas/nope/", "une-etude-de-cas/cite/doc/"):
        assert client.get(f"/fr/bibliotheque/{missing}").status_code == 404, missing
