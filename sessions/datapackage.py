"""Every published transcript as a Frictionless Data Package: one CSV row per timed
segment, with the recording, the session, the moment's address and the licence.

``transcripts_package(request, archive) -> (descriptor, files)`` is what the recordings
archive's ``export/transcripts/`` route serves as a zip, and what a static archive can
write. Only live recordings an anonymous visitor may see; nothing private (a meeting
link lives on the session, never here).
"""

import csv
import io

from django.db.models import Count, Max
from django.http import HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms import datapackage, exportcache, languages
from cms.exports import spreadsheet_text
from cms.licences import licence_for, site_licence
from cms.ratelimit import ratelimit

from .models import RecordingPage, Transcript, TranscriptSegment
from .moments import moment_id

PATH = "data/transcripts.csv"
COLUMNS = [
    (
        "recording",
        "string",
        "uri",
        _("Address of the recording's page, in its source language."),
    ),
    ("session", "string", None, _("The session recorded, with its number.")),
    ("recorded_on", "date", None, _("Date of the recording (ISO 8601).")),
    ("language", "string", None, languages.with_codes(_("Language of the transcript: %(codes)s."))),
    ("position", "integer", None, _("Order of the segment in the transcript, from 0.")),
    ("start", "number", None, _("Start of the segment, in seconds from the beginning.")),
    ("end", "number", None, _("End of the segment, in seconds from the beginning.")),
    ("speaker", "string", None, _("Who speaks, as the transcript names them; may be empty.")),
    ("text", "string", None, _("What is said.")),
    ("moment", "string", "uri", _("Address that plays the recording from this segment.")),
    ("licence", "string", None, _("SPDX identifier of the transcript's licence.")),
    ("licence_url", "string", "uri", _("Address of the licence's text.")),
]
REQUIRED = {"recording", "language", "position", "start", "end", "text", "licence"}


def table_schema():
    fields = []
    for name, kind, fmt, description in COLUMNS:
        field = {"name": name, "type": kind, "description": str(description)}
        if fmt:
            field["format"] = fmt
        if name in REQUIRED:
            field["constraints"] = {"required": True}
        fields.append(field)
    return {"fields": fields, "primaryKey": ["recording", "language", "position"]}


def _rows(request):
    recordings = {
        page.pk: page
        for page in RecordingPage.objects.live().public().select_related("licence", "locale")
    }
    transcripts = (
        Transcript.objects.filter(recording_id__in=recordings)
        .select_related("licence")
        .order_by("recording_id", "language")
    )
    for transcript in transcripts:
        recording = recordings[transcript.recording_id]
        session = recording.session
        licence = licence_for(transcript, request, parent=recording)
        url = recording.get_full_url(request)
        recorded = recording.recorded_at
        segments = TranscriptSegment.objects.filter(transcript=transcript).order_by(
            "start_ms", "position"
        )
        for segment in segments.iterator(chunk_size=2000):
            # The moment's permalink, as the recording page gives it (sessions.moments).
            moment = moment_id(segment)
            yield [
                url,
                session.label if session else "",
                recorded.date().isoformat() if recorded else "",
                transcript.language,
                segment.position,
                segment.start_ms / 1000,
                segment.end_ms / 1000,
                spreadsheet_text(segment.speaker),
                spreadsheet_text(" ".join(segment.text.split())),
                f"{url}?moment={moment}#m-{moment}",
                licence.spdx_id,
                licence.url,
            ]


def transcripts_package(request, archive):
    """``(descriptor, files)`` of every published transcript."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([name for name, *_rest in COLUMNS])
    writer.writerows(_rows(request))
    changes = RecordingPage.objects.live().public().values_list("last_published_at", flat=True)
    descriptor = datapackage.descriptor(
        name="fairville-transcripts",
        title=gettext("Fairville Dialogues: transcripts of the recorded sessions"),
        description=gettext(
            "The timed transcripts of the Fairville Dialogues' recorded sessions, one row per "
            "segment, with the address that plays each moment."
        ),
        homepage=archive.get_full_url(request),
        licence=site_licence(request),
        version=datapackage.version_of(changes),
        resources=[
            datapackage.csv_resource(
                name="transcripts",
                path=PATH,
                title=gettext("Transcript segments"),
                schema=table_schema(),
            )
        ],
        request=request,
    )
    return descriptor, {PATH: buffer.getvalue().encode("utf-8")}


def transcripts_version(archive):
    """What the package's content depends on, read in four small queries (no segment is
    read): the live public recordings (their address, licence and last publishing),
    the latest publishing of any page (a session's title is in the rows), each
    transcript's import and licence, and the segments' count and newest id (a re-import
    replaces them all)."""
    recordings = (
        RecordingPage.objects.live()
        .public()
        .order_by("pk")
        .values_list("pk", "url_path", "last_published_at", "licence_id")
    )
    published = Page.objects.filter(live=True).aggregate(latest=Max("last_published_at"))
    transcripts = Transcript.objects.order_by("pk").values_list("pk", "imported_at", "licence_id")
    segments = TranscriptSegment.objects.aggregate(count=Count("pk"), newest=Max("pk"))
    return (
        archive.pk,
        tuple(recordings),
        published["latest"],
        tuple(transcripts),
        segments["count"],
        segments["newest"],
    )


@ratelimit(exportcache.OPEN_DATA_SCOPE, methods=("GET", "HEAD"))
def transcripts_download(request, archive):
    """The ``export/transcripts/`` route: the package as a zip, built once per version."""

    def build():
        descriptor, files = transcripts_package(request, archive)
        name = f"fairville-transcripts-{descriptor['version']}.zip"
        return name, datapackage.package_zip(descriptor, files)

    filename, content = exportcache.download(
        request, "transcripts-datapackage", transcripts_version(archive), build
    )
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
