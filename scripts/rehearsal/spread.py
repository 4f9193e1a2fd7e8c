"""A light load generator whose clients speak from many loopback addresses.

``wrk`` sends every request from 127.0.0.1, and the site counts its rate limits per
client (search: 20 a minute): a throughput run of search from one address measures the
429 page. Here each connection speaks from its own address (127.B.x.y, B the run's
block), sends fewer requests than the limit allows, closes and hands over to the next
address, as a crowd of visitors does; the limits stay on. Closed loop: ``connections``
clients, each sending its next request when the last one is answered (HTTP/1.1,
keep-alive, ``Accept-Encoding: gzip`` as browsers send it). Python threads: about a
third of a millisecond of CPU per request, reported with the figures.
"""

import http.client
import itertools
import random
import ssl
import threading
import time
import urllib.parse
from collections import Counter

_insecure = ssl.create_default_context()
_insecure.check_hostname = False
_insecure.verify_mode = ssl.CERT_NONE


def addresses(block):
    """127.block.0.1, 127.block.0.2, ... (never 127.0.0.1, whose limits other checks use)."""
    for a, b in itertools.product(range(256), range(1, 255)):
        yield f"127.{block}.{a}.{b}"


def load(base_url, paths, seconds, connections, per_client, block, once=False):
    """Send GETs of ``paths`` in a random order, cycled for ``seconds`` (or each once,
    ``once``, within ``seconds``); return {rps, p50, p95, p99 (ms), requests, statuses,
    non_2xx, clients, cpu_ms}.

    ``per_client`` requests at most from one address: keep it under the limit counted
    per client, or the figures measure refusals (the statuses show them)."""
    parts = urllib.parse.urlsplit(base_url)
    order = random.sample(list(paths), len(paths))
    queue = iter(order) if once else itertools.cycle(order)
    sources = addresses(block)
    lock = threading.Lock()
    times, statuses, clients = [], Counter(), [0]
    deadline = time.monotonic() + seconds

    def client():
        while time.monotonic() < deadline:
            with lock:
                source = next(sources)
                clients[0] += 1
            connection = http.client.HTTPSConnection(
                parts.hostname, parts.port, source_address=(source, 0), timeout=60,
                context=_insecure,
            )  # fmt: skip
            try:
                for _ in range(per_client):
                    if time.monotonic() >= deadline:
                        break
                    with lock:
                        path = next(queue, None)
                    if path is None:
                        return
                    started = time.perf_counter()
                    try:
                        connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
                        response = connection.getresponse()
                        response.read()
                        status = response.status
                    except (OSError, http.client.HTTPException):
                        status = 0
                    elapsed = 1000 * (time.perf_counter() - started)
                    with lock:
                        times.append(elapsed)
                        statuses[status] += 1
                    if status == 0:
                        break
            finally:
                connection.close()

    cpu_before, started = time.process_time(), time.monotonic()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 90)
    wall = time.monotonic() - started
    cpu = time.process_time() - cpu_before
    ordered = sorted(times)

    def percentile(fraction):
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]

    return {
        "rps": len(ordered) / wall if wall else 0.0,
        "p50": percentile(0.50),
        "p95": percentile(0.95),
        "p99": percentile(0.99),
        "requests": len(ordered),
        "statuses": dict(statuses),
        "non_2xx": sum(n for status, n in statuses.items() if not 200 <= status < 300),
        "clients": clients[0],
        "cpu_ms": 1000 * cpu / max(len(ordered), 1),
    }
