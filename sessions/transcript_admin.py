"""Transcripts in the admin: an editor uploads a WebVTT or SRT file for a recording.

The same parser and writer as ``import_recording``: the file is read and checked when the
form is validated (a mistake is shown on the file field, naming the line), and the
segments are written with the transcript, in one transaction.
"""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from .captions import CaptionError, parse_captions
from .models import Transcript
from .recording_import import MAX_FILE_BYTES, write_transcript


class TranscriptForm(WagtailAdminModelForm):
    file = forms.FileField(
        label=_("WebVTT or SRT file"),
        required=False,
        help_text=_(
            "As the meeting tool exports it. Uploading a file replaces the transcript's text."
        ),
    )

    def clean(self):
        data = super().clean()
        self.cues = None
        upload = data.get("file")
        if upload is None:
            if self.instance.pk is None:
                self.add_error("file", _("Choose the transcript's file."))
            return data
        if upload.size > MAX_FILE_BYTES:
            self.add_error("file", _("The file is larger than 50 MB."))
            return data
        try:
            self.cues = parse_captions(upload.read(), upload.name)
        except CaptionError as error:
            self.add_error("file", str(error))
            return data
        if not self.cues:
            self.add_error("file", _("The file holds no cue with text."))
        self.source_name = upload.name
        return data

    @transaction.atomic
    def save(self, commit=True):
        transcript = super().save(commit=commit)
        if commit and self.cues:
            transcript.source_name = self.source_name[:255]
            transcript.save(update_fields=["source_name"])
            write_transcript(
                transcript.recording, transcript.language, self.source_name, self.cues, None
            )
        return transcript


class TranscriptViewSet(SnippetViewSet):
    model = Transcript
    icon = "doc-full"
    menu_label = _("Transcripts")
    menu_name = "transcripts"
    menu_order = 257  # before Registrations (260)
    add_to_admin_menu = True
    list_display = ["recording", "language", "source_name", "imported_at"]
    list_filter = ["language"]
    edit_handler = ObjectList(
        [
            FieldPanel("recording"),
            FieldPanel("language"),
            FieldPanel("file"),
            FieldPanel("licence", help_text=_("Leave empty for the recording's licence.")),
        ],
        base_form_class=TranscriptForm,
    )
