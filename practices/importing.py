"""Import case studies from CSV or JSON files with the open-data columns.

Every row is checked before anything is written; one bad row and nothing is
imported, and each problem is reported with its line (CSV) or record (JSON)
number. Then all rows are written in one transaction.

A row is identified by ``reference`` and ``language``: importing the same file
again updates those case studies (or leaves them alone when nothing changed), it
never duplicates them. Rows sharing a reference are versions of one case study:
the French row (or the version already on the site) is the source, and the
others become its translations through wagtail-localize, as in the admin, so an
editor can keep them in sync afterwards. Their texts must therefore line up with
the source: the same number of paragraphs in each text, and the same number of
tags (each tag is named in its row's language).
"""

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms import languages
from cms.models import Lever
from cms.translation import translate

from .models import CaseStudyLever, CaseStudyPage, CaseStudyTag, Lab, LibraryPage
from .opendata import FIELDS, LIST_SEPARATOR, plain_text, stream_text
from .submissions import paragraphs, unique_slug
from .vocabulary import localized_tags

TEXT_FIELDS = ("body", "actors", "outcomes", "lessons")
IMPORTABLE = {f.name for f in FIELDS if f.importable}
REQUIRED = [f.name for f in FIELDS if f.required]
YES, NO = ("true", "1", "yes"), ("", "false", "0", "no")


class ImportFailed(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class Row:
    where: str  # "line 3" or "record 2", in the reader's language
    reference: str
    language: str
    values: dict = field(default_factory=dict)
    tags: list = field(default_factory=list)
    levers: list = field(default_factory=list)


def read_file(path):
    """``[(where, {column: text})]`` from a .csv or .json file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = path.read_text(encoding="utf-8-sig")
        reader = csv.DictReader(io.StringIO(text, newline=""))
        rows = []
        for record in reader:
            rows.append((_("line %(number)s") % {"number": reader.line_num}, record))
        return rows
    if suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            data = data.get("case_studies")
        if not isinstance(data, list):
            raise ImportFailed([_("the JSON file must hold a list of case studies")])
        return [
            (_("record %(number)s") % {"number": number}, record)
            for number, record in enumerate(data, start=1)
        ]
    raise ImportFailed(
        [_("%(file)s: only .csv and .json files can be imported") % {"file": path.name}]
    )


def _text(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value).strip()


def _list(value):
    if isinstance(value, list):
        items = value
    else:
        items = _text(value).split(LIST_SEPARATOR)
    return [" ".join(str(item).split()) for item in items if str(item).strip()]


def _read_numbers(values, problems):
    """Years, coordinates and the two flags as the model holds them, from their text.

    Returns (numbers, unreadable): the columns that could not be read are None in
    ``numbers`` and named in ``unreadable``. What values are allowed is the model's rule.
    """
    numbers, unreadable = {}, set()
    for name in ("start_year", "end_year"):
        numbers[name] = None
        if values[name]:
            try:
                numbers[name] = int(values[name])
            except ValueError:
                problems.append(
                    _("%(column)s must be a year, not %(value)r")
                    % {"column": name, "value": values[name]}
                )
                unreadable.add(name)
    for name in ("latitude", "longitude"):
        numbers[name] = None
        if values[name]:
            try:
                number = Decimal(values[name]).quantize(Decimal("0.00001"))
            except InvalidOperation:
                number = None
            if number is None or not number.is_finite():
                problems.append(_("%(column)s must be a decimal number") % {"column": name})
                unreadable.add(name)
            else:
                numbers[name] = number
    # Empty lab_is_author (or a file exported before the column existed): the lab, as the
    # model's default.
    for name, empty in (("ongoing", False), ("lab_is_author", True)):
        flag = values[name].lower()
        if flag not in YES + NO:
            problems.append(_("%(column)s must be true or false") % {"column": name})
            unreadable.add(name)
        numbers[name] = flag in YES or (empty and not flag)
    return numbers, unreadable


class Importer:
    def __init__(self):
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.labs = {(lab.slug, lab.locale_id) for lab in Lab.objects.all()}
        self.levers = {(lever.code, lever.locale_id): lever for lever in Lever.objects.all()}
        self.libraries = {
            library.locale_id: library for library in LibraryPage.objects.order_by("-path")
        }

    # Validation

    def validate(self, records):
        errors, rows, seen = [], [], {}
        if not records:
            errors.append(_("the file holds no case study"))
        for where, record in records:
            if not isinstance(record, dict):
                errors.append(
                    _("%(where)s: not an object with the open-data fields") % {"where": where}
                )
                continue
            row, problems = self._check(where, record)
            errors += [f"{where}: {problem}" for problem in problems]
            if row is None:
                continue
            key = (row.reference, row.language)
            if key in seen:
                errors.append(
                    _("%(where)s: %(reference)s in %(language)s is already in %(first)s")
                    % {
                        "where": where,
                        "reference": row.reference,
                        "language": row.language,
                        "first": seen[key],
                    }
                )
            seen[key] = where
            rows.append(row)
        errors += self._check_versions(rows)
        if errors:
            raise ImportFailed(errors)
        return rows

    def _check(self, where, record):
        """(Row, []) for a good record, else (None, its problems in the reader's language).

        The file's own rules (columns, codes, lists) are checked here; the case study's
        rules are the model's (``CaseStudyPage.clean_new``), the same as in the admin and
        the proposal form.
        """
        values = {name: _text(record.get(name)) for name in IMPORTABLE}
        problems = [
            _("%(column)s is required") % {"column": name} for name in REQUIRED if not values[name]
        ]
        if any("\x00" in value for value in values.values()):
            problems.append(_("contains a null character"))
        values["country"] = values["country"].upper()
        locale = self._check_codes(values, problems)
        numbers, unreadable = _read_numbers(values, problems)
        values.update(numbers)
        levers = self._check_levers(_list(record.get("levers")), locale, values, problems)
        tags = _list(record.get("tags"))
        problems += _tag_problems(tags)
        missing = {name for name in REQUIRED if not values[name]}
        problems += self._case_study_problems(values, locale, exclude=unreadable | missing)
        if problems:
            return None, problems
        return Row(where, values["reference"], values["language"], values, tags, levers), []

    def _check_codes(self, values, problems):
        """The row's locale (None when its language is not the site's); checks its lab."""
        language = values["language"]
        locale = self.locales.get(language)
        if language and (locale is None or language not in dict(settings.LANGUAGES)):
            problems.append(
                _("language must be one of %(languages)s")
                % {"languages": ", ".join(dict(settings.LANGUAGES))}
            )
            return None
        lab = values["lab"]
        if lab and locale is not None and (lab, locale.pk) not in self.labs:
            problems.append(
                _("no lab with the code %(code)r in %(language)s")
                % {"code": lab, "language": language}
            )
        if locale is not None and locale.pk not in self.libraries:
            problems.append(_("the site has no library in %(language)s") % {"language": language})
        return locale

    def _check_levers(self, levers, locale, values, problems):
        if locale is not None:
            for code in levers:
                if (code, locale.pk) not in self.levers:
                    problems.append(
                        _("no lever with the code %(code)r in %(language)s")
                        % {"code": code, "language": values["language"]}
                    )
        return levers

    def _case_study_problems(self, values, locale, exclude):
        """The model's objections to this row as a case study, column by column."""
        page = CaseStudyPage(locale=locale, **self._page_values(values, locale))
        try:
            page.clean_new(exclude=exclude)
        except ValidationError as error:
            return [
                f"{column}: {message}"
                for column, messages in error.message_dict.items()
                for message in messages
            ]
        return []

    def _check_versions(self, rows):
        errors = []
        by_reference = {}
        for row in rows:
            by_reference.setdefault(row.reference, []).append(row)
        for reference, versions in by_reference.items():
            source = self._source_values(reference, versions)
            if source is None:
                continue
            for row in versions:
                if row.language == source["language"]:
                    continue
                errors += _misaligned(row, source)
        return errors

    def _source_values(self, reference, versions):
        existing = self._existing(reference)
        if existing:
            source = existing.get(languages.source()) or next(iter(existing.values()))
            row = next((r for r in versions if r.language == source.locale.language_code), None)
            if row is not None:
                return {**row.values, "language": row.language, "tags": row.tags}
            return {
                "language": source.locale.language_code,
                "place": source.place,
                "tags": list(source.tags.all()),
                "body": stream_text(source.body),
                **{name: plain_text(getattr(source, name)) for name in TEXT_FIELDS[1:]},
            }
        if len(versions) < 2:
            return None
        row = _pick_source(versions)
        return {**row.values, "language": row.language, "tags": row.tags}

    def _existing(self, reference):
        pages = CaseStudyPage.objects.filter(reference=reference).select_related("locale")
        return {page.locale.language_code: page for page in pages}

    # Writing

    @transaction.atomic
    def write(self, rows, progress=None):
        by_reference = {}
        for row in rows:
            by_reference.setdefault(row.reference, []).append(row)
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        for reference, versions in by_reference.items():
            existing = self._existing(reference)
            if existing:
                source = existing.get(languages.source()) or next(iter(existing.values()))
                source_row = next(
                    (r for r in versions if r.language == source.locale.language_code), None
                )
            else:
                source, source_row = None, _pick_source(versions)
            if source_row is not None:
                source, outcome = self._write_source(source, source_row)
                counts[outcome] += 1
                if progress:
                    progress.update(1)
            for row in versions:
                if row is source_row:
                    continue
                counts[self._write_translation(source, row)] += 1
                if progress:
                    progress.update(1)
        return counts

    def _write_source(self, page, row):
        locale = self.locales[row.language]
        values = self._page_values(row.values, locale)
        if page is not None and self._unchanged(page, values, row):
            return page, "unchanged"
        created = page is None
        if created:
            library = self.libraries[locale.pk]
            page = CaseStudyPage(
                locale=locale, slug=unique_slug(library, row.values["title"]), **values
            )
            library.add_child(instance=page)
            page = CaseStudyPage.objects.get(pk=page.pk)
        else:
            page = CaseStudyPage.objects.get(pk=page.pk)
            for name, value in values.items():
                setattr(page, name, value)
        page.tags.set(row.tags)
        page.lever_links = [
            CaseStudyLever(lever=self.levers[(code, locale.pk)], sort_order=order, locale=locale)
            for order, code in enumerate(row.levers)
        ]
        page.save_revision().publish()
        return CaseStudyPage.objects.get(pk=page.pk), "created" if created else "updated"

    def _page_values(self, values, locale):
        lab = (
            Lab.objects.filter(slug=values["lab"], locale=locale).first()
            if values["lab"] and locale is not None
            else None
        )
        return {
            "title": values["title"],
            "reference": values["reference"],
            "summary": values["summary"],
            "lab": lab,
            "city": values["city"],
            "country": values["country"],
            "place": values["place"],
            "latitude": values["latitude"],
            "longitude": values["longitude"],
            "start_year": values["start_year"],
            "end_year": values["end_year"],
            "ongoing": values["ongoing"],
            "lab_is_author": values["lab_is_author"],
            "body": [{"type": "paragraph", "value": paragraphs(values["body"])}]
            if values["body"]
            else [],
            "actors": paragraphs(values["actors"]),
            "outcomes": paragraphs(values["outcomes"]),
            "lessons": paragraphs(values["lessons"]),
        }

    def _unchanged(self, page, values, row):
        simple = [name for name in values if name not in ("body", *TEXT_FIELDS)]
        for name in simple:
            current = getattr(page, name)
            if name == "country":
                current = current.code
            if name in ("latitude", "longitude") and current is not None:
                current = Decimal(current).quantize(Decimal("0.00001"))
            if current != values[name]:
                return False
        if stream_text(page.body) != _normalise(row.values["body"]):
            return False
        for name in TEXT_FIELDS[1:]:
            if plain_text(getattr(page, name)) != _normalise(row.values[name]):
                return False
        # A translation carries its source's tags (synced): compare them by their names here.
        names = [tag.name for tag in localized_tags(page.tags.all(), page.locale).values()]
        if sorted(names) != sorted(row.tags):
            return False
        codes = [link.lever.code for link in page.lever_links.select_related("lever")]
        return codes == row.levers

    def _write_translation(self, source, row):
        locale = self.locales[row.language]
        existing = source.get_translation_or_none(locale)
        if existing is not None and self._unchanged(
            existing.specific, self._page_values(row.values, locale), row
        ):
            return "unchanged"
        self._translate_tags(source, row, locale)
        strings = {
            source.title: row.values["title"],
            source.slug: existing.slug
            if existing is not None
            else slugify(row.values["title"], allow_unicode=True)[:60].strip("-") or source.slug,
            source.summary: row.values["summary"],
            source.city: row.values["city"],
        }
        if source.place:
            strings[source.place] = row.values["place"]
        pairs = [(stream_text(source.body), row.values["body"])]
        pairs += [(plain_text(getattr(source, name)), row.values[name]) for name in TEXT_FIELDS[1:]]
        for ours, theirs in pairs:
            for mine, yours in zip(_split(ours), _split(theirs), strict=True):
                strings[mine] = yours
        translate(source, locale, strings)
        return "updated" if existing is not None else "created"

    def _translate_tags(self, source, row, locale):
        # The source's tags in the order they were given, to pair them with this row's.
        tags = [item.tag for item in source.tagged_items.select_related("tag").order_by("pk")]
        for tag, name in zip(tags, row.tags, strict=True):
            translated = CaseStudyTag.objects.filter(
                translation_key=tag.translation_key, locale=locale
            ).first()
            if translated is None:
                CaseStudyTag.objects.create(
                    translation_key=tag.translation_key, locale=locale, name=name
                )
            elif translated.name != name:
                translated.name = name
                translated.save(update_fields=["name"])


def _tag_problems(tags):
    name = CaseStudyTag._meta.get_field("name")
    problems = []
    for tag in tags:
        try:
            name.clean(tag, None)
        except ValidationError as error:
            problems += [f"tags: {message}" for message in error.messages]
    return problems


def _misaligned(row, source):
    """What keeps a translation's row from lining up with its source's, paragraph by paragraph."""
    errors = []
    language = source["language"]
    for name in TEXT_FIELDS:
        theirs = _paragraph_count(row.values[name])
        ours = _paragraph_count(source[name])
        if theirs != ours:
            errors.append(
                _(
                    "%(where)s: %(column)s has %(count)s paragraph(s) but the %(language)s "
                    "version has %(source)s"
                )
                % {
                    "where": row.where,
                    "column": name,
                    "count": theirs,
                    "language": language,
                    "source": ours,
                }
            )
    if bool(row.values["place"]) != bool(source["place"]):
        errors.append(
            _("%(where)s: place must be given in both languages or neither") % {"where": row.where}
        )
    if len(row.tags) != len(source["tags"]):
        errors.append(
            _(
                "%(where)s: %(count)s tag(s) but the %(language)s version has %(source)s; "
                "name the same tags in each language"
            )
            % {
                "where": row.where,
                "count": len(row.tags),
                "language": language,
                "source": len(source["tags"]),
            }
        )
    return errors


def _pick_source(versions):
    default = settings.LANGUAGE_CODE
    return next((row for row in versions if row.language == default), versions[0])


def _split(text):
    return [
        " ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()
    ]


def _paragraph_count(text):
    return len(_split(text))


def _normalise(text):
    return "\n\n".join(_split(text))
