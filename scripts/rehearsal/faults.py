"""The faults, injected while the crowd is on the site, and what a visitor then sees.

Each fault returns a window (start, end) in wall time: the time from the fault until
the site has recovered, plus a few seconds of grace. Outside every window no request
may fail with a 5xx; inside the web-facing ones only the designed 503 may appear.
"""

import os
import signal
import ssl
import time
import urllib.error
import urllib.request
import uuid

from stack import wait_for_port

GRACE = 5
# A visitor gets an answer, or the designed 503, within this many seconds during a
# fault: nothing holds a request until a timeout (docs/deploy.md, When a part fails).
ANSWER_WITHIN = 5
# A request in flight when a fault hits may fail with it: gunicorn's timeout bounds it.
IN_FLIGHT = 30
PROBE_TIMEOUT = 60
_insecure = ssl.create_default_context()
_insecure.check_hostname = False
_insecure.verify_mode = ssl.CERT_NONE


def fetch(url, timeout=PROBE_TIMEOUT):
    """(status, headers, text) of a GET from 127.0.0.1, following no redirect."""
    request = urllib.request.Request(url, headers={"Accept-Language": "fr"})
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=_insecure) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")
    except OSError as error:
        return 0, {}, str(error)


def timed_fetch(url, timeout=PROBE_TIMEOUT):
    """(status, headers, text, seconds until the whole answer was read)."""
    started = time.monotonic()
    status, headers, text = fetch(url, timeout)
    return status, headers, text, time.monotonic() - started


def uncached(stack, language):
    """A page address the page cache cannot have: rendered, so it needs the database."""
    return f"{stack.base_url}/{language}/?probe={uuid.uuid4().hex}"


def duration(value):
    """A duration as the report prints it: "0.09 s", or "never" for None."""
    return "never" if value is None else f"{value:.2f} s"


def wait_until_serving(stack, timeout=120):
    """Seconds until a page that needs the database answers 200 again."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        # A generous timeout: on a loaded machine a render can take seconds.
        if fetch(uncached(stack, "fr"))[0] == 200:
            return time.monotonic() - started
        time.sleep(0.5)
    return None


class Faults:
    def __init__(self, stack, log):
        self.stack, self.log = stack, log
        self.web_windows = []  # only 503 allowed inside
        self.findings = {}

    def kill_web_worker(self):
        pids = self.stack.worker_pids()
        start = time.time()
        if pids:
            os.kill(pids[0], signal.SIGKILL)
        recovered = wait_until_serving(self.stack)
        time.sleep(2)
        self.findings["web_worker_replaced"] = len(self.stack.worker_pids()) == len(pids) > 0
        self.findings["web_worker_recovery_s"] = recovered
        self.web_windows.append((start - IN_FLIGHT, time.time() + GRACE))
        self.log(f"killed gunicorn worker {pids[:1]}; serving again after {duration(recovered)}")

    def stop_postgres(self, seconds):
        start = time.time()
        self.stack.postgres.stop("fast")
        time.sleep(2)
        probes = {
            language: timed_fetch(uncached(self.stack, language)) for language in ("fr", "en")
        }
        self.findings["db_down_probes"] = {
            language: {
                "status": status,
                "retry_after": headers.get("Retry-After"),
                "text": text,
                "seconds": seconds,
            }
            for language, (status, headers, text, seconds) in probes.items()
        }
        time.sleep(max(0, seconds - (time.time() - start)))
        self.stack.postgres.start()
        up = time.time()
        recovered = wait_until_serving(self.stack)
        self.findings["db_recovery_s"] = recovered
        self.web_windows.append((start - IN_FLIGHT, time.time() + GRACE))
        again = duration(recovered)
        self.log(f"PostgreSQL stopped for {seconds} s; serving again {again} after its start")
        return up

    def stop_redis(self, seconds, search_url):
        """Both Redis servers stop: the cache and the rate-limit counters."""
        start = time.time()
        servers = [self.stack.services[name] for name in ("redis", "redis-limits")]
        for server in servers:
            server.stop()
        time.sleep(2)
        urls = [uncached(self.stack, language) for language in ("fr", "en")]
        urls.append(f"{self.stack.base_url}/fr/")  # a page the page cache would hold
        # Search's rate limit fails open (docs/deploy.md): it answers as usual.
        urls.append(f"{self.stack.base_url}{search_url}?q=dialogue")
        probes = [(status, secs) for status, _, _, secs in map(timed_fetch, urls)]
        time.sleep(max(0, seconds - (time.time() - start)))
        for server in servers:
            server.start()
        self.findings["redis_down_probes"] = probes
        # Sign-in fails closed with a 503 meanwhile, by design: the editor may meet it.
        self.web_windows.append((start - IN_FLIGHT, time.time() + GRACE))
        self.log(
            f"Redis stopped for {seconds} s; pages and search during it: "
            + " ".join(f"{status} ({secs:.1f} s)" for status, secs in probes)
        )

    def freeze_redis(self, seconds, search_url):
        """Both Redis servers hang (SIGSTOP): connections are made by the kernel and
        nothing answers, as when Redis swaps or its host goes quiet. Unlike a stopped
        Redis, each read then costs the whole client timeout."""
        for name in ("redis", "redis-limits"):  # back from the fault before
            wait_for_port(self.stack.ports[name])
        time.sleep(GRACE)
        start = time.time()
        servers = [self.stack.services[name] for name in ("redis", "redis-limits")]
        for server in servers:
            server.kill(signal.SIGSTOP)
        try:
            time.sleep(1)
            urls = [uncached(self.stack, language) for language in ("fr", "en")]
            urls.append(f"{self.stack.base_url}/fr/")
            urls.append(f"{self.stack.base_url}{search_url}?q=dialogue")
            probes = [(status, secs) for status, _, _, secs in map(timed_fetch, urls)]
            time.sleep(max(0, seconds - (time.time() - start)))
        finally:
            for server in servers:
                server.kill(signal.SIGCONT)
        self.findings["redis_frozen_probes"] = probes
        self.web_windows.append((start - IN_FLIGHT, time.time() + GRACE))
        self.log(
            f"Redis hung for {seconds} s; pages and search during it: "
            + " ".join(f"{status} ({secs:.1f} s)" for status, secs in probes)
        )

    def stop_smtp(self, seconds):
        smtp = self.stack.services["smtp"]
        smtp.stop()
        time.sleep(seconds)
        smtp.start()
        self.log(f"SMTP server stopped for {seconds} s")

    def kill_task_worker(self, running):
        """SIGKILL the task worker in the middle of a task (``running()`` > 0), if it can."""
        deadline = time.monotonic() + 30
        while running() == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        self.stack.services["worker"].kill()
        self.findings["task_worker_killed_mid_task"] = held = running() > 0
        self.log(
            f"killed the task worker {'in' if held else 'between'} tasks (it restarts by itself)"
        )
