"""What a visitor sees when Django's CSRF check refuses a form (templates/403_csrf.html):
the site's own page in the visitor's language, which says nothing was kept and how to send
again, instead of Django's bare English page. The refused text is never echoed back: another
site may have written it. (tests/security/test_proposal_cross_site.py has the attacks.)
"""

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from practices.models import Submission
from tests.security.test_proposal_cross_site import PATHS, Visit, own_origin, proposal

HEADINGS = {"fr": "Votre formulaire n'a pas pu être envoyé", "en": "Your form could not be sent"}
NOTHING_KEPT = {
    "fr": "Rien n'a été enregistré et aucun e-mail n'a été envoyé.",
    "en": "Nothing has been recorded and no email has been sent.",
}
HOME = {"fr": "/fr/", "en": "/en/"}
TYPED = "<script>alert('épicerie')</script>"


def refusal(answer, language):
    assert answer.status == 403, answer.status
    assert answer.header("Content-Type").startswith("text/html")
    page = BeautifulSoup(answer.body, "html.parser")
    assert page.html["lang"] == language
    assert " ".join(page.h1.get_text().split()) == HEADINGS[language]
    text = " ".join(page.get_text(" ").split())
    assert NOTHING_KEPT[language] in text
    # The site's page, with its way home, not Django's bare one.
    assert page.select_one(".site-name") is not None
    assert page.select_one(f'main a[href="{HOME[language]}"]') is not None
    assert "CSRF" not in text and "Forbidden" not in text
    # Nothing of what was sent comes back.
    assert "alert(" not in answer.body and "camille@" not in answer.body
    return page


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_proposal_without_its_token_gets_the_sites_page_in_the_visitors_language(
    attacker, language
):
    mail.outbox.clear()
    answer = attacker.post(PATHS[language], proposal(title=TYPED))
    refusal(answer, language)
    assert not Submission.objects.exists()
    assert not mail.outbox


def test_a_token_from_an_older_visit_gets_the_same_page(attacker):
    """The usual honest case: the form's token belongs to a cookie the browser no longer
    has (the page stayed open while the cookie was replaced or cleared)."""
    old, new = Visit(attacker), Visit(attacker)
    answer = attacker.post(
        PATHS["fr"],
        old.data(title=TYPED),
        headers={"Cookie": new.cookie, "Origin": own_origin(attacker)},
    )
    refusal(answer, "fr")
    assert not Submission.objects.exists()
