from pathlib import Path

from django.core.management.base import BaseCommand

from cms.error_pages import static_pages


class Command(BaseCommand):
    help = (
        "Write the static 503 pages the load balancer serves when Django cannot answer: "
        "503.<language>.html for each language with its own text, and 503.html in all of them."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="where the load balancer reads them")

    def handle(self, directory, **options):
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        for name, html in static_pages().items():
            (target / name).write_text(html, encoding="utf-8")
            self.stdout.write(f"wrote {target / name}")
