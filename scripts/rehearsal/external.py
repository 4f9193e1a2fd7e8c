"""Checks by clients nobody here wrote: the Nu HTML Checker and Lighthouse.

Both come from npm (vnu-jar, lighthouse), installed on first use into var/npm-tools by
npm itself; they run on Debian's Java and Chromium, against the rehearsal's nginx.
"""

import json
import shutil
import subprocess
from pathlib import Path

from faults import fetch
from stack import ROOT

TOOLS = ROOT / "var" / "npm-tools"
PACKAGES = ("vnu-jar@26.9.27", "lighthouse@12.8.2")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def install():
    subprocess.run(
        [str(ROOT / "scripts" / "system-deps.sh"), "java", "node", "chromium"], check=True
    )
    binaries = TOOLS / "node_modules" / ".bin"
    if not (binaries / "lighthouse").exists() or not (TOOLS / "node_modules" / "vnu-jar").exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", "--silent",
             *PACKAGES],
            check=True,
        )  # fmt: skip
    return (
        binaries / "lighthouse",
        TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar",
    )


def nu_errors(base_url, urls, workdir):
    """{url: [messages]} of the Nu HTML Checker's errors on each page."""
    _, vnu = install()
    folder = workdir / "vnu"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    names = {}
    for number, url in enumerate(urls):
        path = folder / f"page{number}.html"
        path.write_text(fetch(base_url + url)[2])
        names[path.name] = url
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(vnu),
            "--errors-only",
            "--format",
            "json",
            *map(str, sorted(folder.iterdir())),
        ],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = {url: [] for url in urls}
    for message in messages:
        errors[names[Path(message["url"]).name]].append(message.get("message", ""))
    return errors


def lighthouse_scores(base_url, url, workdir, runs=3, goal=95, set_aside=()):
    """({category: score out of 100}, notes) for one page, in a headless Chromium.

    A page under the goal is run ``runs`` times in all, and each category's median is
    its score: Lighthouse's own advice against its variability (its simulated CPU is
    this machine's, shared with whatever else runs). ``notes`` names what cost points.
    ``set_aside``: audits a page fails on purpose (a results page's ``is-crawlable``),
    left out of their category's weighted mean, as Lighthouse leaves out the audits that
    do not apply; the notes still name them when they fail.
    """
    results = [lighthouse_run(base_url, url, workdir, set_aside)]
    if min(results[0][0].values(), default=0) < goal:  # all then: a median, not the best
        results += [lighthouse_run(base_url, url, workdir, set_aside) for _ in range(runs - 1)]
    failed = [notes for scores, notes in results if not scores]
    results = [result for result in results if result[0]]
    if not results:  # Lighthouse itself failed every time: a finding, not the end of it
        return dict.fromkeys(CATEGORIES, 0), failed[0]
    scores = {
        name: sorted(scores[name] for scores, _ in results)[(len(results) - 1) // 2]
        for name in CATEGORIES
    }
    notes = [] if min(scores.values()) >= goal else results[-1][1]
    if len(results) > 1:
        notes.insert(0, f"median of {len(results)} runs")
    return scores, notes


def category_score(category, audits, set_aside):
    """Lighthouse's score of a category (the weighted mean of its weighted audits that
    have a score) with the audits of ``set_aside`` left out."""
    refs = [
        ref
        for ref in category["auditRefs"]
        if ref["weight"] and ref["id"] not in set_aside
        and audits[ref["id"]].get("score") is not None
    ]  # fmt: skip
    weight = sum(ref["weight"] for ref in refs)
    if not weight:
        return 0
    return round(100 * sum(ref["weight"] * audits[ref["id"]]["score"] for ref in refs) / weight)


def lighthouse_run(base_url, url, workdir, set_aside=()):
    """({category: score}, notes), or ({}, [why]) when Lighthouse or Chromium failed."""
    lighthouse, _ = install()
    report = workdir / "lighthouse.json"
    report.unlink(missing_ok=True)
    try:
        subprocess.run(
            [str(lighthouse), base_url + url, "--chrome-path=/usr/bin/chromium",
             "--chrome-flags=--headless=new --no-sandbox --ignore-certificate-errors",
             f"--only-categories={','.join(CATEGORIES)}", "--output=json",
             f"--output-path={report}", "--quiet", "--max-wait-for-load=60000"],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300,
            text=True,
        )  # fmt: skip
    except subprocess.CalledProcessError as error:
        return {}, [f"lighthouse failed ({error.returncode}): {error.stderr.strip()[-300:]}"]
    except subprocess.TimeoutExpired:
        return {}, ["lighthouse took more than 300 s"]
    data = json.loads(report.read_text())
    categories, audits = data["categories"], data["audits"]
    scores = {
        name: category_score(categories[name], audits, set_aside)
        if set_aside
        else round((categories[name]["score"] or 0) * 100)
        for name in CATEGORIES
    }
    notes = [
        f"{audit['id']}: {audit.get('displayValue') or audit['score']}"
        for name in CATEGORIES
        for ref in categories[name]["auditRefs"]
        if ref["weight"] and (audit := audits[ref["id"]]).get("score") is not None
        and audit["score"] < 0.9
    ]  # fmt: skip
    return scores, notes
