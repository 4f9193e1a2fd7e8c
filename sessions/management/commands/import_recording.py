"""manage.py import_recording SESSION --video … --transcript fr=FILE.vtt --chapters FILE

Reads and checks every file first (WebVTT or SRT transcripts, chapters, video sources),
reports every mistake with its file and line, and writes nothing unless all are good;
then writes the recording in one transaction. Running it again replaces what it is
given (the versions, the chapters, each transcript named) and leaves the rest.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from sessions.recording_import import ImportProblem, apply, find_session, read_plan


class Command(BaseCommand):
    help = (
        "Import a session's recording: video versions, transcripts (WebVTT or SRT) and "
        "chapters, all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "session", help="the session: page id, address (/fr/…/) or number in its series (#1)"
        )
        parser.add_argument(
            "--video",
            action="append",
            default=[],
            metavar="[VERSION=]URL|FILE",
            help="a YouTube or Vimeo address, or a .webm/.mp4 file; VERSION is original "
            "(the default), fr or en. Repeat for each version.",
        )
        parser.add_argument(
            "--transcript",
            action="append",
            default=[],
            metavar="LANG=FILE",
            help="a WebVTT or SRT file, e.g. fr=session1-fr.vtt. Repeat for each language.",
        )
        parser.add_argument(
            "--chapters",
            action="append",
            default=[],
            metavar="[LANG=]FILE",
            help="chapters, as WebVTT or lines '12:30 Title', in the session's language; "
            "add en=FILE for the English titles (same times).",
        )
        parser.add_argument("--duration", help="e.g. 1:58:30 (default: the transcript's end)")
        parser.add_argument(
            "--title",
            action="append",
            default=[],
            metavar="LANG=TITLE",
            help="the recording's title (default: 'Recording: #1 Session title').",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish the recording (and its translations); otherwise it is saved as a draft",
        )
        parser.add_argument(
            "--progress",
            action="store_true",
            help="show a progress bar (shown anyway when standard error is a terminal)",
        )

    def handle(self, *args, **options):
        titles = {}
        for value in options["title"]:
            language, sep, title = value.partition("=")
            if not sep or not title.strip():
                raise CommandError(f"--title {value}: write it LANG=TITLE, e.g. en=Recording")
            titles[language] = title.strip()
        try:
            session = find_session(options["session"])
            plan = read_plan(
                session,
                videos=options["video"],
                transcripts=options["transcript"],
                chapters=options["chapters"],
                duration=options["duration"],
                titles=titles,
            )
        except ImportProblem as problem:
            report = "\n".join(f"  {line}" for line in problem.problems)
            raise CommandError(
                f"Nothing imported: {len(problem.problems)} problem(s) found.\n{report}"
            ) from problem
        if not (plan.videos or plan.transcripts or plan.chapters):
            raise CommandError("Nothing to import: give --video, --transcript or --chapters.")

        show = options["progress"] or self.stderr.isatty()
        bars = {}

        def progress(label, done, total):
            if not show:
                return
            bar = bars.get(label)
            if bar is None:
                bar = bars[label] = tqdm(total=total, unit="cue", desc=label, file=self.stderr._out)
            bar.update(done - bar.n)

        try:
            recording = apply(plan, publish=options["publish"], progress=progress)
        finally:
            for bar in bars.values():
                bar.close()
        segments = sum(len(cues) for _name, cues in plan.transcripts.values())
        state = "published" if options["publish"] else "saved as a draft"
        self.stdout.write(
            self.style.SUCCESS(
                f"Recording {recording.pk} of “{session.label}” {state}: "
                f"{len(plan.videos)} version(s), {len(plan.transcripts)} transcript(s) "
                f"({segments} segments), "
                f"{len(plan.chapters.get(session.locale.language_code, ('', []))[1])} chapter(s)."
            )
        )
