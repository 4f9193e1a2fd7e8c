"""Load generators and their figures: Locust for the mix, wrk for throughput.

Both are bounded in time and send only to the rehearsal's nginx on loopback.
"""

import os
import re
import signal
import subprocess
import time
from collections import Counter, defaultdict
from pathlib import Path

from stack import ROOT

LOCUST = str(ROOT / ".venv" / "bin" / "locust")
LOCUSTFILE = str(Path(__file__).with_name("locustfile.py"))


class LocustRun:
    """One headless Locust run in its own process group, logging every request."""

    def __init__(self, stack, name, plan, seconds, users, registrations=0, classes=(), block=0):
        self.stack, self.name, self.seconds = stack, name, seconds
        self.log = stack.workdir / f"requests-{name}.tsv"
        self.acks = stack.workdir / "acks.txt"
        env = {
            **os.environ,
            "REHEARSAL_PLAN": str(plan),
            "REHEARSAL_LOG": str(self.log),
            "REHEARSAL_ACKS": str(self.acks),
            "REHEARSAL_MAIL": str(stack.mail),
            "REHEARSAL_REGISTRATIONS": str(registrations),
            "REHEARSAL_EDITOR_PASSWORD": stack.editor_password,
            "REHEARSAL_ADDRESS_BLOCK": str(block),
        }
        argv = [
            LOCUST, "-f", LOCUSTFILE, "--headless", "--host", stack.base_url,
            "--users", str(users), "--spawn-rate", str(max(1, users // 5)),
            "--run-time", f"{seconds}s", "--stop-timeout", "5", "--only-summary",
            "--loglevel", "WARNING", "--exit-code-on-error", "0", *classes,
        ]  # fmt: skip
        self.log.touch()
        self.acks.touch()
        self.acks_before = self._acks()
        self.started = time.time()
        with open(stack.workdir / f"locust-{name}.log", "ab") as out:
            self.process = subprocess.Popen(
                argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        stack.extra_processes.append(self.process)

    def _acks(self):
        lines = self.acks.read_text().splitlines()
        return sum(1 for line in lines if line and not line.startswith("published"))

    def acknowledged(self):
        """Registrations the site acknowledged during this run."""
        return self._acks() - self.acks_before

    def wait_for_acks(self, count, at_least):
        """The time when ``count`` registrations were acknowledged, after ``at_least``
        seconds of load; None if the run ended first."""
        reached = None
        while self.process.poll() is None:
            if reached is None and self.acknowledged() >= count:
                reached = time.time()
            if reached is not None and time.time() - self.started >= at_least:
                return reached
            time.sleep(1)
        return reached

    def stop(self):
        """Ends the run now, as its --run-time would (Locust stops its users)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)

    def wait(self):
        try:
            self.process.wait(self.seconds + 60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.finished = time.time()
        return read_log(self.log)


def read_log(path):
    records = []
    for line in Path(path).read_text().splitlines():
        started, kind, status, elapsed = line.split("\t")
        records.append((float(started), kind, int(status), float(elapsed)))
    return records


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summarize(records, seconds):
    """{kind: {count, rps, p50, p95, p99, statuses}} and the statuses over all."""
    by_kind = defaultdict(list)
    for _, kind, status, elapsed in records:
        by_kind[kind].append((status, elapsed))
    table = {}
    for kind, rows in sorted(by_kind.items()):
        times = [elapsed for _, elapsed in rows]
        table[kind] = {
            "count": len(rows),
            "rps": len(rows) / seconds,
            "p50": percentile(times, 0.50),
            "p95": percentile(times, 0.95),
            "p99": percentile(times, 0.99),
            "statuses": Counter(status for status, _ in rows),
        }
    return table, Counter(status for _, _, status, _ in records)


# wrk prints p50, p75, p90 and p99; the goals speak of p95 too.
PERCENTILES_LUA = """
done = function(summary, latency, requests)
  for _, p in pairs({50, 95, 99}) do
    io.write(string.format("rehearsal-p%d %.3f\\n", p, latency:percentile(p) / 1000))
  end
end
"""


# What a browser sends: without it nginx never compresses, and its CPU goes unmeasured.
BROWSER_HEADERS = ("Accept-Encoding: gzip, deflate, br",)


def wrk(url, seconds, connections=8, threads=1, headers=BROWSER_HEADERS):
    """Requests per second, latency percentiles (ms) and the number of requests of one
    URL, with Debian's wrk."""
    script = Path(f"/tmp/fairville-rehearsal-wrk-{os.getpid()}.lua")
    script.write_text(PERCENTILES_LUA)
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "-s",
            str(script),
            *(argument for header in headers for argument in ("-H", header)),
            url,
        ],  # fmt: skip
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=seconds + 30,
    )
    output = result.stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    figures = {"rps": float(rps.group(1)) if rps else 0.0, "raw": output}
    script.unlink()
    for percent, value in re.findall(r"rehearsal-p(\d+) ([\d.]+)", output):
        figures[f"p{percent}"] = float(value)
    requests = re.search(r"(\d+) requests in", output)
    figures["requests"] = int(requests.group(1)) if requests else 0
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    figures["non_2xx"] = int(errors.group(1)) if errors else 0
    return figures
