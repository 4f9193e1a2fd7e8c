"""The crowd: visitors browsing in both languages, registrants, one editor.

Run by load.py (Locust headless). Each visitor speaks from its own loopback address
(127.B.x.y, never 127.0.0.1), which nginx sees and forwards, so per-client rate limits
count each visitor apart, as they would on the internet. A visitor moves on to a new
address after a while, as new visitors arrive; each run has its own block B of
addresses, so per-client counters never carry over from one run to the next. Every
request is logged with its wall time, kind and status (REHEARSAL_LOG), so that the
report can tell the fault windows apart; every registration the site acknowledges is
logged too (REHEARSAL_ACKS).
"""

import itertools
import json
import os
import random
import re
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import urllib3
from locust import HttpUser, between, events, task
from requests.adapters import HTTPAdapter

urllib3.disable_warnings()  # the rehearsal's own self-signed certificate

PLAN = json.loads(open(os.environ["REHEARSAL_PLAN"]).read())
LOG = open(os.environ["REHEARSAL_LOG"], "a", buffering=1)
ACKS = open(os.environ["REHEARSAL_ACKS"], "a", buffering=1)
REGISTRATIONS = int(os.environ.get("REHEARSAL_REGISTRATIONS", "300"))
RUN = uuid.uuid4().hex[:6]
_addresses = itertools.count(1)
_registrations = itertools.count(1)
_acknowledged = 0
MAIL = Path(os.environ["REHEARSAL_MAIL"])
CONFIRM_LINK = re.compile(rb"https?://[^\s\"<>]+/registration/confirm/[^\s/\"<>]+/")
# smtpstore.py writes the envelope's recipients first, one header each.
RECIPIENT = re.compile(rb"^X-Rehearsal-To: (\S+)\r?$", re.MULTILINE)
MAIL_EVERY = 0.5
_confirm_links, _read_mail, _mail_listed = {}, set(), 0.0
ROLES = ["resident", "activist", "academic", "practitioner", "civil-society", "local-government"]


# This run's block of loopback addresses (load.py gives each run its own).
BLOCK = int(os.environ.get("REHEARSAL_ADDRESS_BLOCK", "0"))


def next_address():
    while True:
        n = next(_addresses)
        a, b = divmod(n, 254)
        address = f"127.{BLOCK}.{a % 256}.{b + 1}"
        if address != "127.0.0.1":
            return address


class SourceAddressAdapter(HTTPAdapter):
    def __init__(self, address, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


@events.request.add_listener
def log_request(request_type, name, response_time, response, exception, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    started = time.time() - response_time / 1000
    LOG.write(f"{started:.3f}\t{name}\t{status}\t{response_time:.1f}\n")


def confirm_link(address):
    """The confirmation link the SMTP server received for ``address``, if any yet.

    Cheap, because it runs in the loop that times every request: while it computes, no
    answer is read, and each one in flight is measured that much slower. The mail
    directory is listed at most twice a second whoever asks, and each new message is
    read once, with two searches of its bytes (the link is plain in the text part,
    which comes first) rather than a parse.
    """
    global _mail_listed
    address = address.lower()
    if address not in _confirm_links and time.monotonic() - _mail_listed >= MAIL_EVERY:
        _mail_listed = time.monotonic()
        with os.scandir(MAIL) as entries:
            new = [e.path for e in entries if e.name.endswith(".eml") and e.name not in _read_mail]
        for path in new:
            _read_mail.add(os.path.basename(path))
            raw = Path(path).read_bytes()
            found = CONFIRM_LINK.search(raw)
            if found:
                for recipient in RECIPIENT.findall(raw):
                    _confirm_links[recipient.decode().lower()] = found.group(0).decode()
    return _confirm_links.get(address)


class Visitor(HttpUser):
    """Anonymous browsing and search, French or English."""

    weight = 8
    wait_time = between(0.5, 2)

    def on_start(self):
        self.new_identity()

    def new_identity(self):
        self.client.mount("https://", SourceAddressAdapter(next_address()))
        self.client.verify = False
        self.client.cookies.clear()
        self.language = random.choice(["fr", "en"])
        self.requests_left = random.randint(10, 25)

    def get(self, kind, url, **kwargs):
        self.requests_left -= 1
        if self.requests_left <= 0:
            self.new_identity()
        return self.client.get(url, name=kind, **kwargs)

    def page(self, kind):
        urls = PLAN["pages"][self.language].get(kind) or PLAN["pages"][self.language]["home"]
        return self.get(kind, random.choice(urls))

    @task(4)
    def home(self):
        self.page("home")

    @task(2)
    def series(self):
        self.page("series")

    @task(3)
    def session(self):
        self.page("session")

    @task(3)
    def recording(self):
        self.page("recording")

    @task(1)
    def recordings_index(self):
        self.page("recordings-index")

    @task(2)
    def library(self):
        urls = (
            PLAN["pages"][self.language]["library-filtered"]
            or PLAN["pages"][self.language]["library"]
        )
        self.get("library-filtered", random.choice(urls))

    @task(2)
    def case_study(self):
        self.page("case-study")

    @task(1)
    def lab(self):
        self.page("lab")

    @task(2)
    def search(self):
        word = random.choice(PLAN["words"][self.language])
        self.get("search", PLAN["pages"][self.language]["search"][0], params={"q": word})

    @task(2)
    def suggestions(self):
        word = random.choice(PLAN["words"][self.language])
        url = PLAN["pages"][self.language]["suggestions"][0]
        self.get("suggestions", url, params={"q": word[: random.randint(3, 6)]})

    @task(1)
    def calendar(self):
        self.page("calendar")

    @task(1)
    def feed(self):
        self.page("feed")

    @task(1)
    def api(self):
        self.page("api")


class Registrant(Visitor):
    """Reads the example session's page and registers, once per identity."""

    weight = 3

    @task(30)
    def register(self):
        global _acknowledged
        if _acknowledged >= REGISTRATIONS:  # the wave is over: browse
            return self.session()
        number = next(_registrations)
        language = random.choice(["fr", "en"])
        urls = PLAN["example"]["urls"][language]
        self.get("session", urls["page"])
        address = f"rehearsal.{RUN}.{number}@example.org"
        data = {
            "first_name": "Visitor",
            "last_name": f"Number {number}",
            "email": address,
            "organisation": "",
            "role": random.choice(ROLES),
            "language": language,
            "privacy_consent": "on",
        }
        response = self.client.post(
            urls["register"],
            data=data,
            headers={"Origin": self.host.rstrip("/")},  # as a browser sends it
            name="register",
            allow_redirects=False,
        )
        if response.status_code == 302 and "/sent/" in response.headers.get("Location", ""):
            self.get("registered", response.headers["Location"])
            if not PLAN["double_opt_in"] or self.confirm(address):
                _acknowledged += 1
                ACKS.write(f"{address}\n")
        self.new_identity()

    def confirm(self, address):
        """Double opt-in: follow the emailed link, as the registrant does, and confirm."""
        deadline = time.monotonic() + 120
        while (link := confirm_link(address)) is None:
            if time.monotonic() > deadline:
                return False
            time.sleep(1)  # gevent's: the other visitors go on meanwhile
        path = urlsplit(link).path
        self.get("confirm", path)
        response = self.client.post(
            path,
            headers={"Origin": self.host.rstrip("/")},
            name="confirm",
            allow_redirects=False,
        )
        return response.status_code == 302


class Editor(HttpUser):
    """Signs in to the admin and publishes a prepared draft, then reads the page back."""

    fixed_count = 1
    wait_time = between(1, 3)

    def on_start(self):
        self.client.mount("https://", SourceAddressAdapter("127.0.200.1"))
        self.client.verify = False
        self.published = False
        self.base = self.host.rstrip("/")
        self.sign_in()

    def sign_in(self):
        login = self.client.get("/admin/login/", name="admin")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)
        self.client.post(
            "/admin/login/",
            data={
                "username": PLAN["editor"]["username"],
                "password": os.environ["REHEARSAL_EDITOR_PASSWORD"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.base}/admin/login/"},
            name="admin",
        )

    @task
    def publish(self):
        if self.published:
            self.client.get("/admin/", name="admin")
            return
        page_id = PLAN["editor"]["page_id"]
        path = f"/admin/bulk/wagtailcore/page/publish/?id={page_id}"
        confirm = self.client.get(path, name="admin")
        if "/admin/login/" in confirm.url:  # signed out (or the sign-in met an outage)
            self.sign_in()
            confirm = self.client.get(path, name="admin")
            if "/admin/login/" in confirm.url:
                return
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm.text)
        response = self.client.post(
            path,
            data={"csrfmiddlewaretoken": token.group(1) if token else ""},
            headers={"Referer": f"{self.base}{path}"},
            name="publish",
            allow_redirects=False,
        )
        # Done: the admin redirects (to a confirmation it has no "next" for).
        if response.status_code == 302 and "/admin/login/" not in response.headers["Location"]:
            self.published = True
            ACKS.write(f"published {time.time():.3f}\n")
