"""The attack suite: what a script would do to the public site, sent over HTTP to a live
server (pytest-django's ``live_server``) holding the demo, on SQLite and PostgreSQL.

Tests here speak HTTP as an attacker's script does, with no cookies unless it sets them,
so they prove what the deployed site does rather than what a view returns in-process.
The live server runs in this process: ``settings`` overrides (tighter limits, trusted
proxies) apply to it, and ``mail.outbox`` collects what it sends.
"""

import http.client
import urllib.parse
from dataclasses import dataclass, field

import pytest


@dataclass
class Answer:
    status: int
    headers: dict
    body: str

    def header(self, name):
        return self.headers.get(name.lower(), "")


@dataclass
class Attacker:
    """A script against the live server: one request, no redirects followed, no cookies
    kept unless passed."""

    base_url: str
    headers: dict = field(default_factory=dict)

    def request(self, method, path, data=None, headers=None, body=None):
        url = urllib.parse.urlsplit(self.base_url)
        sent = {"User-Agent": "attack-suite", **self.headers, **(headers or {})}
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            answer_headers = {name.lower(): value for name, value in response.getheaders()}
            return Answer(response.status, answer_headers, text)
        finally:
            connection.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data=None, **kwargs):
        return self.request("POST", path, data=data, **kwargs)


@pytest.fixture
def attacker(demo_live, live_server):
    return Attacker(live_server.url)
