"""Where each request's time went, read from nginx's and gunicorn's logs.

stack.py has nginx log, for every request, when it ended, its total time, how long
gunicorn took to answer (``$upstream_header_time``: in its listen queue, then in a
worker) and an id it also sends to gunicorn; gunicorn logs the id with the time the
request spent in a worker. Their difference is the time the request waited for a
worker. A request with no gunicorn line never got an answer from a worker: nginx gave
up on it (``proxy_read_timeout``), or its worker was killed.

This is the site's own account of a request, free of the load generator's: a Locust
that the machine starves adds its own delay to every time it measures.
"""

from dataclasses import dataclass
from pathlib import Path

from load import percentile


@dataclass
class Timing:
    started: float  # wall time, as the crowd's records have it
    total: float  # seconds in nginx's hands
    status: int  # what the visitor got
    upstream_status: str
    worker: float | None  # seconds in a gunicorn worker, None if no worker answered
    answered_after: float | None  # seconds until gunicorn's answer began
    request: str

    @property
    def method(self):
        return self.request.split(" ")[0]

    @property
    def path(self):
        """The path and query string ("" for a request line nginx could not read)."""
        parts = self.request.split(" ")
        return parts[1] if len(parts) > 1 else ""

    @property
    def queued(self):
        """Seconds waiting for a worker (None when no worker answered)."""
        if self.worker is None or self.answered_after is None:
            return None
        return max(0.0, self.answered_after - self.worker)

    def where(self):
        if self.worker is None:
            return "no worker answered" if self.upstream_status != "-" else "nginx alone"
        if self.answered_after is None:  # a worker took it after nginx had given up
            return "waiting for a worker"
        return "waiting for a worker" if self.queued >= self.worker else "in a worker"


def _last(value):
    """nginx writes "-" for no upstream, and "a, b" when it tried twice: the last one."""
    value = value.split(",")[-1].strip()
    return None if value in ("", "-") else float(value)


def read(workdir):
    workdir = Path(workdir)
    workers = {}
    log = workdir / "gunicorn-access.log"
    for line in log.read_text(errors="replace").splitlines() if log.exists() else ():
        parts = line.split(" ", 4)
        if len(parts) == 5 and parts[3] != "-" and parts[2].isdigit():
            workers[parts[3]] = int(parts[2]) / 1e6
    timings = []
    log = workdir / "nginx-access.log"
    for line in log.read_text(errors="replace").splitlines() if log.exists() else ():
        parts = line.split("|", 8)
        if len(parts) != 9:
            continue
        ended, status, total, _connect, header, upstream, request_id, _client, request = parts
        timings.append(
            Timing(
                started=float(ended) - float(total),
                total=float(total),
                status=int(status),
                upstream_status=upstream,
                worker=workers.get(request_id),
                answered_after=_last(header),
                request=request,
            )
        )
    return timings


def worker_timeouts(workdir):
    """How many times gunicorn's master killed a worker that exceeded ``--timeout``."""
    log = Path(workdir) / "gunicorn.log"
    return log.read_text(errors="replace").count("WORKER TIMEOUT") if log.exists() else 0


def lock_waits(server_log, start, end):
    """PostgreSQL's own account of lock waits between ``start`` and ``end`` (wall time):
    the milliseconds each waiter took to get its lock, and the waits not yet over when
    the log was read. stack.py starts the cluster with ``log_lock_waits`` and a short
    ``deadlock_timeout``, so every wait longer than that is logged, stamped ``%n@``
    (seconds since the epoch)."""
    acquired, waiting = [], 0
    path = Path(server_log)
    for line in path.read_text(errors="replace").splitlines() if path.exists() else ():
        stamp, _, message = line.partition("@")
        try:
            when = float(stamp)
        except ValueError:
            continue
        if not start <= when <= end:
            continue
        if " acquired " in message and " after " in message:
            acquired.append(float(message.rsplit(" after ", 1)[1].split(" ")[0]))
        elif " still waiting for " in message:
            waiting += 1
    return acquired, waiting - len(acquired)


def timeline(timings, start, end, is_page, step=1.0):
    """Per ``step`` seconds from ``start``: [second, pages, page p95 ms (nginx), waiting
    for a worker p95 ms, worker seconds spent on sign-up and confirmation POSTs]."""
    rows = []
    buckets = int((end - start) // step) + 1
    for index in range(buckets):
        low, high = start + index * step, start + (index + 1) * step
        inside = [t for t in timings if low <= t.started < high]
        pages = [t for t in inside if is_page(t)]
        posts = [t for t in inside if t.method == "POST" and t.worker is not None]
        rows.append(
            [
                index * step,
                len(pages),
                _p95([1000 * t.total for t in pages]),
                _p95([1000 * t.queued for t in pages if t.queued is not None]),
                sum(t.worker for t in posts),
            ]
        )
    return rows


def _p95(values):
    return percentile(values, 0.95) if values else 0.0
