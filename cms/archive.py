"""A static, self-contained copy of the public site (``manage.py export_archive``).

The archive is what an anonymous visitor can reach from the home pages in each language,
fetched through the site's own code (Django's test client: no server, no network), and
written as files whose links are relative, so that it reads from a folder or a zip with
no server at all: every page in both languages, the recordings with their transcripts
(each part, each language) and captions, the documents and media the pages use, the feeds
and calendars, and whatever the pages link to for download (the library's data package).

What a static file cannot be: a page that depends on a query string is kept only for the
parameters that choose what is shown whole (a transcript's language or part, a video
version, a listing's page); a link with any other parameter (a time, a filter, a search)
leads to its page without it. A link to something not in the archive (the admin, a form's
answer, the search) points to the live site, absolutely. Only what the public site shows
is fetched, anonymously, so nothing private can end up in it.
"""

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from django.utils.html import escape, format_html

from cms import languages

from . import ratelimit


def homes():
    """Each language's home address, where the crawl starts."""
    return [f"/{code}/" for code in languages.codes()]


# Query parameters whose pages are archived, one file each: they choose what a page shows
# whole (a bounded number of variants), not a subset or a moment of it.
KEPT_PARAMETERS = frozenset({"transcript", "part", "video", "page"})
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/_util/", "/api/")
LINK_ATTRIBUTES = ("href", "src", "poster", "action")
CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")
EXTENSIONS = {
    "text/html": ".html",
    "application/json": ".json",
    "application/zip": ".zip",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "text/csv": ".csv",
    "text/plain": ".txt",
    "text/calendar": ".ics",
    "text/vtt": ".vtt",
    "application/rss+xml": ".rss",
    "application/atom+xml": ".atom",
    "application/x-bibtex": ".bib",
    "application/x-research-info-systems": ".ris",
    "application/vnd.citationstyles.csl+json": ".json",
}
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass
class Archive:
    """What the crawl found: each fetched address's file and content, and redirects."""

    live_url: str
    hosts: frozenset  # the site's own names, as its absolute links write them
    files: dict = field(default_factory=dict)  # address -> (relative path, content type, bytes)
    aliases: dict = field(default_factory=dict)  # address -> the address it redirects to

    def file_for(self, address):
        for _hop in range(10):
            if address in self.files:
                return self.files[address][0]
            if address not in self.aliases:
                return None
            address = self.aliases[address]
        return None


def normalise(address):
    """The address as archived: path and the kept parameters, sorted; None if skipped."""
    parts = urlsplit(address)
    if parts.path.startswith(SKIPPED_PREFIXES):
        return None
    query = [(k, v) for k, v in parse_qsl(parts.query) if k in KEPT_PARAMETERS]
    if len(query) != len(parse_qsl(parts.query)):
        query = []  # a filtered or timed view: its page, whole
    return parts.path + (f"?{urlencode(sorted(query))}" if query else "")


def file_name(address, content_type):
    """``/fr/a/?part=2`` -> ``fr/a/index--part-2.html``; ``/static/x.css`` as it is."""
    parts = urlsplit(address)
    path = parts.path.lstrip("/")
    kind = content_type.split(";")[0].strip().lower()
    if not path or path.endswith("/"):
        stem, extension = f"{path}index", EXTENSIONS.get(kind, ".html")
    else:
        stem, extension = posixpath.splitext(path)
        if not extension:
            extension = EXTENSIONS.get(kind, "")
    if parts.query:
        stem += "--" + re.sub(r"[^A-Za-z0-9]+", "-", parts.query).strip("-")
    return stem + extension


def same_site(base, value, hosts):
    """The site-relative address of a link (fragment apart), or None for another site."""
    target = urljoin(base, value.strip())
    parts = urlsplit(target)
    if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc not in hosts):
        return None, ""
    return parts.path + (f"?{parts.query}" if parts.query else ""), parts.fragment


def crawl(client, live_url, hosts, start=None, limit=10_000):
    archive = Archive(live_url=live_url.rstrip("/"), hosts=frozenset(hosts))
    start = homes() if start is None else start
    queue, seen = list(start), set(start)
    while queue and len(archive.files) < limit:
        address = queue.pop(0)
        response = client.get(address)
        if response.status_code in REDIRECTS:
            target, _fragment = same_site(address, response["Location"], archive.hosts)
            target = normalise(target) if target else None
            if target:
                archive.aliases[address] = target
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
            continue
        if response.status_code != 200:
            continue
        content = (
            b"".join(response.streaming_content)
            if getattr(response, "streaming", False)
            else response.content
        )
        content_type = response.get("Content-Type", "application/octet-stream")
        archive.files[address] = (file_name(address, content_type), content_type, content)
        for link in links(address, content, content_type, archive.hosts):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return archive


def _is(content_type, kind):
    return content_type.split(";")[0].strip().lower() == kind


def links(address, content, content_type, hosts):
    if _is(content_type, "text/html"):
        soup = BeautifulSoup(content, "html.parser")
        values = [
            tag.get(attribute)
            for tag in soup.find_all(True)
            for attribute in LINK_ATTRIBUTES
            if tag.get(attribute) and not (attribute == "action" or tag.name == "form")
        ]
        values += [
            candidate.strip().split(" ")[0]
            for tag in soup.find_all(srcset=True)
            for candidate in tag["srcset"].split(",")
        ]
    elif _is(content_type, "text/css"):
        values = [match[2] for match in CSS_URL.finditer(content.decode("utf-8", "replace"))]
    else:
        return []
    found = []
    for value in values:
        target, _fragment = same_site(address, value, hosts)
        target = normalise(target) if target else None
        if target:
            found.append(target)
    return found


def rewrite(archive, address):
    """The file's content with its same-site links relative (or absolute to the live
    site when what they point to is not in the archive)."""
    name, content_type, content = archive.files[address]
    here = posixpath.dirname(name)

    def relative(value):
        target, fragment = same_site(address, value, archive.hosts)
        if target is None:
            return value
        archived = archive.file_for(normalise(target) or "")
        if archived is None:
            new = archive.live_url + target
        else:
            new = posixpath.relpath(archived, here or ".")
        return new + (f"#{fragment}" if fragment else "")

    if _is(content_type, "text/html"):
        soup = BeautifulSoup(content, "html.parser")
        for tag in soup.find_all(True):
            for attribute in LINK_ATTRIBUTES:
                value = tag.get(attribute)
                if value and not value.startswith("#"):
                    tag[attribute] = relative(value)
            if tag.get("srcset"):
                tag["srcset"] = ", ".join(
                    " ".join([relative(c.strip().split(" ")[0]), *c.strip().split(" ")[1:]])
                    for c in tag["srcset"].split(",")
                )
        return str(soup).encode()
    if _is(content_type, "text/css"):
        text = content.decode("utf-8", "replace")
        return CSS_URL.sub(lambda m: f"url({m[1]}{relative(m[2])}{m[1]})", text).encode()
    return content


REDIRECT = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url={url}">
<link rel="canonical" href="{url}"></head><body><p><a href="{url}">{url}</a></p></body></html>
"""


def redirect_files(archive):
    """A page that redirects (``/fr/dialogues/`` to its first section) becomes a file that
    sends the reader on, so that its address holds something in the archive too."""
    files = {}
    for address in archive.aliases:
        target = archive.file_for(address)
        path = urlsplit(address).path
        if target is None or not path.endswith("/") or address in archive.files:
            continue
        name = file_name(address, "text/html")
        if name in files or any(name == item[0] for item in archive.files.values()):
            continue
        files[name] = REDIRECT.format(
            url=posixpath.relpath(target, posixpath.dirname(name))
        ).encode()
    return files


INDEX = """<!DOCTYPE html>
<html lang="{source}"><head><meta charset="utf-8"><title>{name}</title>
<meta http-equiv="refresh" content="0; url={source}/index.html"></head>
<body><p>{links}</p>
</body></html>
"""


def index_html():
    """The archive's front door: to the source language's home, naming every language."""
    links = " · ".join(
        format_html('<a href="{0}/index.html" lang="{0}">{1}</a>', code, languages.own_name(code))
        for code in languages.codes()
    )
    return INDEX.format(
        source=languages.source(), name=escape(settings.WAGTAIL_SITE_NAME), links=links
    )


def export(destination, live_url, as_zip=False, host=None, limit=10_000):
    """Crawl the public site and write it to ``destination`` (a folder, or a zip file);
    returns the number of files written."""
    host = host or _host()
    client = Client(HTTP_HOST=host, secure=settings.SECURE_SSL_REDIRECT)
    hosts = {host, "testserver", urlsplit(live_url).netloc} | _site_hosts()
    with ratelimit.exempt():
        archive = crawl(client, live_url, hosts, start=_start(), limit=limit)
    outputs = {name: rewrite(archive, address) for address, (name, _t, _c) in archive.files.items()}
    outputs.update(redirect_files(archive))
    outputs["index.html"] = index_html().encode()
    destination = Path(destination)
    if as_zip:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
            for name, content in sorted(outputs.items()):
                bundle.writestr(name, content)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(buffer.getvalue())
    else:
        for name, content in outputs.items():
            path = destination / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    return len(outputs)


def _host():
    """A host the site answers to (the default site's, if allowed; else the first
    allowed name)."""
    from django.http.request import validate_host
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and validate_host(site.hostname, settings.ALLOWED_HOSTS):
        return site.hostname
    names = [h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*" and "*" not in h]
    return names[0] if names else "localhost"


def _site_hosts():
    """The names Wagtail's sites write in full URLs (host, or host:port)."""
    from wagtail.models import Site

    names = set()
    for hostname, port in Site.objects.values_list("hostname", "port"):
        names |= {hostname, f"{hostname}:{port}"}
    return names


def _start():
    """The home pages, then every live public page, linked from a menu or not (a page
    that only redirects is kept as a file that sends the reader on)."""
    from wagtail.models import Page

    pages = Page.objects.live().public().filter(depth__gt=1).order_by("path")
    urls = [page.get_url() for page in pages]
    return list(dict.fromkeys([*homes(), *(url for url in urls if url)]))
