"""The acceptance journey of issue 18: follow a lever, confirm, a case study is published
with that lever, one digest in the follower's language with one-click unsubscribe
headers, nothing the second time, and a one-click POST without cookie removes the address."""

import pytest
from django.core.management import call_command
from django.test import Client

from community.models import Follow, Subscriber, SubscriptionRequest, Unsubscription

from .conftest import link, soup, text

pytestmark = pytest.mark.django_db


def test_follow_a_lever_then_one_digest_then_one_click_unsubscribe(
    client, follow, publish_case, outbox
):
    # From the English site, she follows the lever "financer" and wants English emails.
    page = client.get("/en/follow/lever/financer/")
    assert page.status_code == 200
    html = soup(page)
    assert "Lever: Funding and supporting" in text(html)
    assert html.select_one("form[method=post] input[name=email]") is not None
    response = follow("lever", "financer", "en", email="Ines@Example.org", language="en")
    assert response.status_code == 302 and response["Location"] == "/en/follow-sent/"
    assert "Check your inbox" in text(soup(client.get(response["Location"])))

    # Nothing is a subscription yet: a request, and an email asking to confirm.
    assert not Subscriber.objects.exists()
    (request_email,) = outbox
    assert request_email.to == ["Ines@Example.org"]
    assert request_email.subject == "Confirm your subscription"
    assert "Lever: Funding and supporting" in request_email.body
    confirm = link(request_email, "confirm")
    assert confirm.startswith("/en/subscriptions/confirm/")

    # Opening the link (a mail scanner does) subscribes nobody; the button does.
    for _ in range(2):
        ask = client.get(confirm)
        assert ask.status_code == 200 and "no-store" in ask["Cache-Control"]
    assert not Subscriber.objects.exists()
    done = client.post(confirm, follow=True)
    assert "Your subscription is confirmed" in text(soup(done))
    (ines,) = Subscriber.objects.all()
    assert (ines.email, ines.language, ines.frequency) == ("Ines@Example.org", "en", "immediate")
    assert [(f.topic) for f in ines.follows.all()] == ["lever"]
    assert not SubscriptionRequest.objects.exists()

    # An editor publishes a case study with that lever, in French and English.
    outbox.clear()
    publish_case("Caisse solidaire", english="Solidarity fund", levers=["financer"])
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    (digest,) = outbox
    assert digest.to == ["Ines@Example.org"]
    assert digest.subject == "Fairville Dialogues: 1 new item for you"
    assert "New: Solidarity fund" in digest.body and "Caisse solidaire" not in digest.body
    html = digest.alternatives[0][0]
    assert "Solidarity fund" in html and 'lang="en"' in html
    unsubscribe = link(digest, "unsubscribe")
    assert digest.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe}>"
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link(digest, "manage").startswith("/en/subscriptions/")

    # Running the command again sends nothing.
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(outbox) == 1

    # One click in the mail client: a POST from the provider, no cookie, no CSRF token.
    provider = Client(enforce_csrf_checks=True)
    answer = provider.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert not Subscriber.objects.exists() and not Follow.objects.exists()
    assert sum(row.count for row in Unsubscription.objects.all()) == 1
    # Only a count is kept: the address is nowhere in the subscriptions' tables.
    assert "example.org" not in repr(list(Unsubscription.objects.values()))
