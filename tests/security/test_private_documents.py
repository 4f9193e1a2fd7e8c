"""A private document in the media bucket is never given out at a permanent address.

The attack: someone who once had access (or read a shared link, a proxy log, a browser
history) keeps the address the site redirected to, or guesses it from the file name,
and reads the private document for ever. The site must redirect only to addresses the
bucket signed, expiring soon for a private document.

S3 cannot run here (no bucket, no network): the test runs the live server with the
storage the production settings build from a bucket's environment (read from a
production process), with fake credentials. Signing an address is computed locally by
boto3, so every redirect is real; what is not exercised is the bucket refusing an
unsigned or expired request, which is its own configuration (docs/deploy.md).
"""

import json
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.cms.test_quality import PRODUCTION_ENV, manage

BUCKET_ENV = {
    "AWS_STORAGE_BUCKET_NAME": "fairville-media",
    "AWS_S3_REGION_NAME": "eu-west-3",
    "AWS_S3_CUSTOM_DOMAIN": "media.dialogues.example.org",
    "AWS_ACCESS_KEY_ID": "AKIAFAKEFORTESTS",
    "AWS_SECRET_ACCESS_KEY": "not-a-real-secret",
}
PRINT_SETTINGS = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'STORAGES': s.STORAGES, "
    "'WAGTAILDOCS_SERVE_METHOD': getattr(s, 'WAGTAILDOCS_SERVE_METHOD', None), "
    "'media_src': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['media-src']}))"
)


def production_with_bucket():
    result = manage("shell", "-c", PRINT_SETTINGS, env={**PRODUCTION_ENV, **BUCKET_ENV})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def cookies(answer):
    # http.client joins several Set-Cookie headers with ", ".
    found = {}
    for part in answer.header("Set-Cookie").split(", "):
        name, _, rest = part.partition("=")
        if name.strip() and ";" in rest:
            found[name.strip()] = rest.split(";")[0]
    return found


def signed(location):
    parts = urlsplit(location)
    query = parse_qs(parts.query)
    return parts, query


def test_documents_in_the_bucket_are_reached_only_by_expiring_signed_addresses(
    attacker, settings, monkeypatch
):
    production = production_with_bucket()
    Document = get_document_model()
    root = Collection.get_first_root_node()
    private = root.add_child(name="Compte rendus internes")
    CollectionViewRestriction.objects.create(
        collection=private,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="long-enough-password",
    )
    secret = Document.objects.create(
        title="Compte rendu interne",
        file=ContentFile(b"%PDF-1.4 internal minutes", name="compte-rendu-interne.pdf"),
        collection=private,
    )
    public = Document.objects.create(
        title="Programme", file=ContentFile(b"%PDF-1.4 programme", name="programme.pdf")
    )
    for name, value in BUCKET_ENV.items():
        monkeypatch.setenv(name, value)  # boto3 reads the credentials from the environment
    settings.STORAGES = production["STORAGES"]
    settings.WAGTAILDOCS_SERVE_METHOD = production["WAGTAILDOCS_SERVE_METHOD"]

    # Anonymous: the password form, and no address of the file anywhere.
    form_page = attacker.get(secret.url)
    assert form_page.status == 200
    assert "amazonaws" not in form_page.body and "media.dialogues" not in form_page.body
    assert not form_page.header("Location")

    # The password given, as the person allowed to read it.
    form = BeautifulSoup(form_page.body, "html.parser").find("form")
    fields = {f["name"]: f.get("value", "") for f in form.find_all("input") if f.get("name")}
    fields["password"] = "long-enough-password"
    csrf = cookies(form_page)
    passed = attacker.post(
        form["action"],
        data=fields,
        headers={
            "Cookie": "; ".join(f"{k}={v}" for k, v in csrf.items()),
            "Referer": attacker.base_url + secret.url,
        },
    )
    assert passed.status == 302, passed.body[:500]
    session = {**csrf, **cookies(passed)}
    answer = attacker.get(
        secret.url, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in session.items())}
    )

    assert answer.status == 302
    parts, query = signed(answer.header("Location"))
    assert parts.path == f"/{secret.file.name}"
    assert parts.netloc == "fairville-media.s3.amazonaws.com"  # never the public domain
    assert query["X-Amz-Signature"] and query["X-Amz-Credential"][0].startswith("AKIAFAKE")
    assert query["X-Amz-Expires"] == ["300"]
    # The bucket answers with the name and disposition Wagtail's own view would give.
    assert query["response-content-disposition"] == [secret.content_disposition]
    assert query["response-content-type"] == ["application/pdf"]
    assert "no-store" in answer.header("Cache-Control")
    # The browser may load it as media (a private recording): the policy admits the origin.
    assert f"{parts.scheme}://{parts.netloc}" in production["media_src"]

    # A public document goes to the bucket too, signed: the bucket lets no one read
    # documents/ unsigned, so the private one's name is no address.
    answer = attacker.get(public.url)
    assert answer.status == 302
    parts, query = signed(answer.header("Location"))
    assert parts.path == f"/{public.file.name}" and query["X-Amz-Signature"]
    assert query["X-Amz-Expires"] == ["21600"]
