from django.core.management.base import BaseCommand, CommandError

from cms.archive import export


class Command(BaseCommand):
    help = (
        "Write a static, self-contained copy of the public site (every page in both "
        "languages, transcripts, captions, documents, the data package) to a folder or a "
        ".zip, with relative links: it reads with no server."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="A folder, or a file ending in .zip.")
        parser.add_argument(
            "--live-url",
            default="",
            help="Where the site is served (https://...): links to what the archive cannot "
            "hold (forms, search, the admin) point there. Default: the default site's root.",
        )
        parser.add_argument("--limit", type=int, default=10_000, help="At most this many files.")

    def handle(self, *args, **options):
        from wagtail.models import Site

        destination = options["destination"]
        live_url = options["live_url"]
        if not live_url:
            site = Site.objects.filter(is_default_site=True).first()
            if site is None:
                raise CommandError("No site: give --live-url.")
            live_url = site.root_url
        count = export(
            destination, live_url, as_zip=destination.endswith(".zip"), limit=options["limit"]
        )
        self.stdout.write(self.style.SUCCESS(f"{count} files written to {destination}."))
