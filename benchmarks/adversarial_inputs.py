"""Inputs an attacker (or a careless export) can choose, at doubling sizes: does the cost
double too?

    .venv/bin/python benchmarks/adversarial_inputs.py [--start 2500] [--steps 6] [--repeat 3]

For each input the script prints the best of ``--repeat`` timings at each size and its
ratio to the size before: about 2 per doubling is linear, about 4 quadratic. Figures
are ratios within one run, so a loaded machine shifts the times, not the conclusion.

- snippet highlighting (search/highlight.py) of a text that is one long chain of
  letters joined by hyphens or apostrophes, each link a candidate match;
- the caption parser (sessions/captions.py) on a cue whose line is "<" repeated, or
  "<v " repeated (tags that never close);
- the ``Range`` header of a document (cms/documents.py) with a position of n digits.

No database is needed: each function is called directly.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from cms.documents import RANGE, byte_range  # noqa: E402
from search.highlight import snippet  # noqa: E402
from sessions.captions import CaptionError, parse_webvtt  # noqa: E402


def chain(joiner):
    # "habi" starts like the query's "habitants" (a candidate at every link) but the
    # chain is no form of it, so no match ends the search early.
    def run(n):
        snippet((f"habi{joiner}" * (n // 5 + 1))[:n], ["habitants"], "fr")

    return run


def caption_line(pattern):
    def run(n):
        cue = (pattern * (n // len(pattern) + 1))[:n]
        try:
            parse_webvtt(f"WEBVTT\n\n00:00.000 --> 00:01.000\n{cue}\n")
        except CaptionError:
            pass  # refused as too long: the cost of saying so is what is measured

    return run


def range_digits(n):
    match = RANGE.fullmatch(f"bytes={'9' * n}-")
    byte_range(*match.groups(), 10_000_000)


INPUTS = {
    "highlight: hyphen chain": chain("-"),
    "highlight: apostrophe chain": chain("'"),
    "captions: '<' repeated": caption_line("<"),
    "captions: '<v ' repeated": caption_line("<v "),
    "Range: bytes=<n digits>-": range_digits,
}


def best_time(function, n, repeat):
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        function(n)
        times.append(time.perf_counter() - began)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--start", type=int, default=2500, help="first size, in characters")
    parser.add_argument("--steps", type=int, default=6, help="number of doublings")
    parser.add_argument("--repeat", type=int, default=3, help="timings per size (best kept)")
    args = parser.parse_args()
    sizes = [args.start * 2**step for step in range(args.steps + 1)]
    print(f"{'input':30} {'size':>9} {'best (ms)':>10} {'ratio':>6}")
    for name, function in INPUTS.items():
        previous = None
        for n in sizes:
            try:
                seconds = best_time(function, n, args.repeat)
            except Exception as error:  # noqa: BLE001 (the benchmark reports what breaks)
                print(f"{name:30} {n:>9} {'fails: ' + type(error).__name__:>17}")
                previous = None
                continue
            ratio = f"{seconds / previous:6.2f}" if previous else ""
            print(f"{name:30} {n:>9} {seconds * 1000:10.2f} {ratio:>6}")
            previous = seconds
        print()


if __name__ == "__main__":
    main()
