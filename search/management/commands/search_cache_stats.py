from django.core.management.base import BaseCommand

from search import results_cache


class Command(BaseCommand):
    help = "Print the search results cache's hits, misses and hit rate (shared by all workers)."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Then set the counts to zero.")

    def handle(self, *args, **options):
        stats = results_cache.stats()
        rate = "-" if stats["hit_rate"] is None else f"{stats['hit_rate']:.1%}"
        self.stdout.write(f"hits {stats['hits']}, misses {stats['misses']}, hit rate {rate}")
        if options["reset"]:
            results_cache.reset_stats()
