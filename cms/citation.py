"""Citations: one value, written as BibTeX, RIS, CSL-JSON, a formatted reference,
Highwire ``citation_*`` meta tags and schema.org properties.

A page (or a transcript moment) builds a ``Citation`` from what the editors entered: its
authors are a lab, the Fairville project or the contributors of a session, as typed,
never invented and never split into given and family names (a name is kept whole:
``{"literal": ...}`` in CSL-JSON, braces in BibTeX). Everything else derives from it::

    citation = Citation(
        kind="recording",
        key=f"fairville-recording-{page.pk}",
        title=page.title,
        authors=[Author("Ana Example"), Author("Le projet Fairville", organisation=True)],
        issued=(2026, 1, 15),
        publisher="Le projet Fairville",
        language="fr",
        url="https://.../fr/.../",
        licence={"name": "CC BY 4.0", "url": "https://...", "spdx_id": "CC-BY-4.0"},
    )
    citation.bibtex(), citation.ris(), citation.csl_json(), citation.formatted()

``formatted()`` and the labels are in the active language (the reader's).
"""

import json
import re
from dataclasses import dataclass, field

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Author:
    name: str
    organisation: bool = False


@dataclass(frozen=True)
class Kind:
    label: object  # lazy translation: what it is, in the reader's language
    bibtex: str
    ris: str
    csl: str


# Zotero's own mappings: a web page, a presentation, a video recording, a dataset.
KINDS = {
    "case_study": Kind(_("Case study"), "misc", "ELEC", "webpage"),
    "session": Kind(_("Online seminar"), "misc", "SLIDE", "speech"),
    "recording": Kind(_("Video recording"), "misc", "VIDEO", "motion_picture"),
    "moment": Kind(_("Excerpt of a video recording"), "misc", "VIDEO", "motion_picture"),
    "dataset": Kind(_("Dataset"), "misc", "DATA", "dataset"),
}

FORMATS = {
    # format: (file extension, content type)
    "bibtex": ("bib", "application/x-bibtex; charset=utf-8"),
    "ris": ("ris", "application/x-research-info-systems; charset=utf-8"),
    "csl-json": ("json", "application/vnd.citationstyles.csl+json; charset=utf-8"),
}


@dataclass(frozen=True)
class Citation:
    kind: str
    key: str
    title: str
    authors: list
    issued: tuple  # (year,), (year, month) or (year, month, day)
    publisher: str
    language: str
    url: str
    licence: dict  # name, url, spdx_id
    doi: str = ""
    container_title: str = ""
    abstract: str = ""
    note: str = ""
    pdf_url: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def kind_info(self):
        return KINDS[self.kind]

    @property
    def year(self):
        return self.issued[0] if self.issued else None

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    def _iso_date(self, separator="-"):
        return separator.join(
            f"{part:02d}" if i else str(part) for i, part in enumerate(self.issued)
        )

    def _licence_note(self):
        return gettext("Licence: %(name)s (%(url)s)") % self.licence

    # -- BibTeX -------------------------------------------------------------------

    def bibtex(self):
        kind = self.kind_info
        fields = [("title", "{" + _bibtex_escape(self.title) + "}")]
        if self.authors:
            fields.append(("author", " and ".join(_bibtex_name(author) for author in self.authors)))
        if self.issued:
            fields.append(("year", str(self.year)))
            if len(self.issued) > 1:
                fields.append(("month", str(self.issued[1])))
            fields.append(("date", self._iso_date()))
        if self.container_title:
            fields.append(("howpublished", _bibtex_escape(self.container_title)))
        fields.append(("publisher", _bibtex_escape(self.publisher)))
        fields.append(("language", self.language))
        fields.append(("url", _bibtex_url(self.url)))
        if self.doi:
            fields.append(("doi", _bibtex_url(self.doi)))
        notes = [str(kind.label)] + ([self.note] if self.note else []) + [self._licence_note()]
        fields.append(("note", _bibtex_escape(". ".join(notes))))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@{kind.bibtex}{{{self.key},\n{body}\n}}\n"

    # -- RIS ------------------------------------------------------------------------

    def ris(self):
        lines = [("TY", self.kind_info.ris), ("TI", self.title)]
        lines += [("AU", author.name) for author in self.authors]
        if self.issued:
            lines.append(("PY", str(self.year)))
            # RIS dates: YYYY/MM/DD/other info, the parts one has.
            lines.append(("DA", self._iso_date("/")))
        if self.container_title:
            lines.append(("T2", self.container_title))
        lines += [("PB", self.publisher), ("LA", self.language), ("UR", self.url)]
        if self.doi:
            lines.append(("DO", self.doi))
        if self.abstract:
            lines.append(("AB", self.abstract))
        if self.note:
            lines.append(("N1", self.note))
        lines.append(("N1", self._licence_note()))
        lines.append(("ER", ""))
        # One line per tag: a value typed over several lines stays one value.
        return "".join(f"{tag}  - {' '.join(str(value).split())}\r\n" for tag, value in lines)

    # -- CSL-JSON -------------------------------------------------------------------

    def csl_item(self):
        item = {
            "id": self.key,
            "type": self.kind_info.csl,
            "title": self.title,
            "author": [{"literal": author.name} for author in self.authors],
            "publisher": self.publisher,
            "language": self.language,
            "URL": self.url,
            "license": self.licence["name"],
            "genre": str(self.kind_info.label),
        }
        if self.issued:
            item["issued"] = {"date-parts": [list(self.issued)]}
        if self.doi:
            item["DOI"] = self.doi
        if self.container_title:
            item["container-title"] = self.container_title
        if self.abstract:
            item["abstract"] = self.abstract
        if self.note:
            item["note"] = self.note
        return item

    def csl_json(self):
        return json.dumps([self.csl_item()], ensure_ascii=False, indent=1)

    def render(self, fmt):
        """The citation in a download format: "bibtex", "ris" or "csl-json"."""
        return {"bibtex": self.bibtex, "ris": self.ris, "csl-json": self.csl_json}[fmt]()

    # -- On the page ----------------------------------------------------------------

    def formatted(self):
        """The reference in the reader's language, as HTML (the title in ``<cite>``)."""
        authors = _join_names([author.name for author in self.authors])
        date = str(self.year) if self.issued else gettext("n.d.")
        parts = [
            format_html(
                "{} ({}). <cite>{}</cite> [{}].", authors, date, self.title, self.kind_info.label
            )
        ]
        if self.container_title:
            parts.append(format_html("{} {}.", gettext("In:"), self.container_title))
        parts.append(format_html("{}.", self.publisher))
        if self.note:
            parts.append(format_html("{}.", self.note))
        parts.append(format_html("{}", self.doi_url or self.url))
        return mark_safe(" ".join(parts))  # noqa: S308 - each part escaped by format_html

    def highwire(self):
        """``(name, content)`` pairs of the Highwire Press ``citation_*`` meta tags."""
        tags = [("citation_title", self.title)]
        tags += [("citation_author", author.name) for author in self.authors]
        if self.issued:
            tags.append(("citation_publication_date", self._iso_date("/")))
        tags += [
            ("citation_publisher", self.publisher),
            ("citation_language", self.language),
            ("citation_public_url", self.url),
        ]
        if self.doi:
            tags.append(("citation_doi", self.doi))
        if self.pdf_url:
            tags.append(("citation_pdf_url", self.pdf_url))
        tags.append(("DC.rights", self.licence["url"]))
        return tags

    def schema_org(self):
        """schema.org properties for the page's JSON-LD (merged into its own object)."""
        data = {
            "author": [
                {"@type": "Organization" if author.organisation else "Person", "name": author.name}
                for author in self.authors
            ],
            "publisher": {"@type": "Organization", "name": self.publisher},
            "inLanguage": self.language,
            "license": self.licence["url"],
        }
        if self.issued:
            data["datePublished"] = self._iso_date()
        if self.doi:
            data["identifier"] = {
                "@type": "PropertyValue",
                "propertyID": "DOI",
                "value": self.doi,
                "url": self.doi_url,
            }
            data["sameAs"] = self.doi_url
        return data


def _join_names(names):
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return gettext("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


# Characters that are commands or structure in BibTeX; escaped so that a title like
# "50% of {it} & more" stays one field and reads as typed. Braces become commands:
# BibTeX counts "\{" as a brace, so a lone one would still end the field.
_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#$_~^])")
_BIBTEX_REPLACE = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
}


def _bibtex_escape(text):
    text = " ".join(str(text).split())
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_REPLACE.get(m.group(1), "\\" + m.group(1)), text)


def _bibtex_url(url):
    # URLs are read verbatim by biblatex; only braces could end the field early.
    return url.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def _bibtex_name(author):
    # Braces keep a name whole, as entered: BibTeX neither splits it into first and last
    # names nor reads an "and" inside an organisation's name as a separator.
    return "{" + _bibtex_escape(author.name) + "}"


def fairville_project():
    """The project as an author or publisher, in the active language."""
    return gettext("The Fairville project")


def issued_from(moment, zone=None):
    """A datetime (or date) as ``(year, month, day)``; ``()`` if there is none."""
    if moment is None:
        return ()
    if hasattr(moment, "astimezone") and zone is not None:
        moment = moment.astimezone(zone)
    return (moment.year, moment.month, moment.day)
