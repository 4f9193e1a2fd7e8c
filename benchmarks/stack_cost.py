"""CPU per uncached request through the deployed stack, process by process.

    .venv/bin/python benchmarks/stack_cost.py [--seconds 8] [--kinds home,session]
    .venv/bin/python benchmarks/stack_cost.py --profile home   # + where a worker's CPU goes
    .venv/bin/python benchmarks/stack_cost.py --kinds library-filtered,case-study,lab

Brings up the rehearsal's stack (scripts/rehearsal/stack.py: PostgreSQL, Redis, gunicorn
with cms.settings.production, nginx with TLS, the task worker), loads the demo, turns the
page cache off, and for each kind of page runs wrk against it through nginx. Before and
after each run it reads the CPU time (utime + stime, /proc/PID/stat) of every process of
the stack, and prints the CPU milliseconds per request spent in each: gunicorn's workers,
PostgreSQL's backends, Redis, nginx, and wrk itself (the load generator, not the site).

CPU time is the steady figure on a shared machine: other people's processes slow the
clock, not the CPU a request costs. 100 requests a second on 2 cores leave 20 ms of CPU
per request for everything, wrk included.

``--profile KIND`` also renders that page in a separate process with the stack's
settings, database and Redis, through the WSGI application with every middleware (as
gunicorn calls it), and prints its queries, cache calls and the functions that cost the
most CPU (cProfile).
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts" / "rehearsal"))

TICK = os.sysconf("SC_CLK_TCK")
WRK = shutil.which("wrk") or "/usr/bin/wrk"
SS = shutil.which("ss") or "/usr/bin/ss"
UNCACHED = {"FAIRVILLE_PAGE_CACHE_SECONDS": "0"}
KINDS = ("home", "series", "session", "recording", "recordings-index")
# Measured when named with --kinds: the library, as the rehearsal asks for it.
LIBRARY_KINDS = ("library", "library-filtered", "case-study", "lab")


# --- in the stack's environment: one page through the WSGI application -----------------


def profile_worker(url, renders):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
    sys.path.insert(0, str(ROOT))
    import cProfile
    import io
    import pstats
    from collections import Counter

    from django.core.cache import caches
    from django.db import connection

    from cms.wsgi import application

    host = os.environ["ALLOWED_HOSTS"].split(",")[0]
    path, _, query = url.partition("?")  # the library with a filter has a query

    def environ():
        return {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
            "SERVER_NAME": host, "SERVER_PORT": "443", "HTTP_HOST": host,
            "REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "127.0.0.2",
            "HTTP_X_FORWARDED_PROTO": "https", "HTTP_ACCEPT_ENCODING": "gzip",
            "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr,
            "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.version": (1, 0), "wsgi.multithread": False,
            "wsgi.multiprocess": True, "wsgi.run_once": False,
        }  # fmt: skip

    def get():
        status = []
        body = b"".join(application(environ(), lambda s, h: status.append(s)))
        assert status[0].startswith("200"), (url, status)
        return body

    queries, calls = [], Counter()

    def counted(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    redis = caches["default"]._cache
    wrapped = {}
    for name in ("get", "get_many", "set", "set_many", "add", "incr", "delete"):
        original = getattr(redis, name)

        def wrapper(*args, _name=name, _original=original, **kwargs):
            calls[_name] += 1
            return _original(*args, **kwargs)

        wrapped[name] = wrapper
        setattr(redis, name, wrapper)

    for _ in range(3):
        get()  # connections, templates, renditions, fragments
    queries.clear()
    calls.clear()
    with connection.execute_wrapper(counted):
        get()
    print(f"{url}: {len(queries)} queries, cache calls {dict(calls)}")
    for sql in queries:
        print("   ", sql[:160])
    times = []
    for _ in range(renders):
        started = time.process_time()
        get()
        times.append((time.process_time() - started) * 1000)
    print(f"CPU ms per request in the worker's process: median {statistics.median(times):.1f}")
    profiler = cProfile.Profile(time.process_time)  # CPU, not the loaded machine's clock
    profiler.enable()
    for _ in range(renders):
        get()
    profiler.disable()
    if os.environ.get("STACK_COST_PSTATS"):
        profiler.dump_stats(os.environ["STACK_COST_PSTATS"])
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(30)
    print(out.getvalue())


# --- the parent: the stack, wrk, /proc ---------------------------------------------------


def cpu_ticks(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)


def children(pid):
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def tree(pid):
    pids = [pid]
    for child in children(pid):
        pids += tree(child)
    return pids


def stack_processes(stack):
    """{part: [pids]} of every process the stack runs, read afresh (workers come back)."""
    parts = {}
    for name, part in (("gunicorn", "gunicorn"), ("nginx", "nginx"), ("redis", "redis"),
                       ("redis-limits", "redis"), ("worker", "task worker")):  # fmt: skip
        service = stack.services.get(name)
        if service and service.alive():
            parts.setdefault(part, []).extend(tree(service.pid))
    postmaster = int((stack.postgres.data / "postmaster.pid").read_text().split()[0])
    # A backend serves one client: the web workers' backends are the web's cost, the
    # task worker's and the periodic commands' are not.
    web = set(parts.get("gunicorn", []))
    clients = backend_clients(stack.postgres.port)
    for pid in tree(postmaster):
        part = "postgres" if clients.get(pid) in web else "postgres, other"
        parts.setdefault(part, []).append(pid)
    return parts


def backend_clients(port):
    """{PostgreSQL backend pid: its client's pid}, from the sockets' two ends (ss)."""
    listing = subprocess.run(  # noqa: S603
        [SS, "-Htnp"], stdout=subprocess.PIPE, text=True, check=True
    ).stdout
    by_port, backends = {}, {}
    for line in listing.splitlines():
        fields = line.split()
        found = re.search(r"pid=(\d+)", line)
        if len(fields) < 5 or not found:
            continue
        local, peer, pid = fields[3], fields[4], int(found.group(1))
        if local.endswith(f":{port}"):
            backends[peer.rsplit(":", 1)[1]] = pid
        elif peer.endswith(f":{port}"):
            by_port[local.rsplit(":", 1)[1]] = pid
    return {backend: by_port.get(client) for client, backend in backends.items()}


def snapshot(stack):
    parts = stack_processes(stack).items()
    return {part: {pid: cpu_ticks(pid) for pid in pids} for part, pids in parts}


def spent(before, after):
    """CPU seconds per part between two snapshots (processes born in between count whole)."""
    return {
        part: sum(ticks - before.get(part, {}).get(pid, 0) for pid, ticks in pids.items()) / TICK
        for part, pids in after.items()
    }


def wrk(url, seconds, connections, check=True):
    """(requests answered, requests per second) of one URL; wrk's own 2-s timeout would
    drop the slow answers of a loaded machine, which are still answers."""
    result = subprocess.run(  # noqa: S603
        [WRK, "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "60s", url],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=seconds + 90,
    )  # fmt: skip
    counted = re.search(r"(\d+) requests in", result.stdout)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    if check and (not counted or not int(counted.group(1)) or "Non-2xx" in result.stdout):
        raise RuntimeError(f"{url}: wrk got no good answer\n{result.stdout}")
    return int(counted.group(1)) if counted else 0, float(rps.group(1)) if rps else 0.0


def measure(stack, url, seconds, connections):
    """(requests per second, {part: CPU ms per request}) of one URL through nginx."""
    wrk(stack.base_url + url, 3, connections, check=False)  # warm every worker up
    before, started = snapshot(stack), os.times()
    requests, rps = wrk(stack.base_url + url, seconds, connections)
    after, ended = snapshot(stack), os.times()
    cpu = spent(before, after)
    cpu["wrk"] = ended.children_user + ended.children_system
    cpu["wrk"] -= started.children_user + started.children_system
    return rps, {part: value / requests * 1000 for part, value in cpu.items()}


def set_up(stack):
    from stack import PYTHON

    stack.start_backing_services()
    stack.manage("migrate", "--noinput", "-v0")
    stack.manage("load_demo", "--site-url", stack.base_url)
    stack.manage("collectstatic", "--noinput", "-v0")
    stack.fix_media_permissions()
    plan = stack.workdir / "plan.json"
    subprocess.run(  # noqa: S603
        [PYTHON, str(ROOT / "scripts" / "rehearsal" / "plan.py"), str(plan), "x"],
        cwd=ROOT, env=stack.env, check=True,
    )  # fmt: skip
    stack.start_all()
    stack.restart_web(UNCACHED)
    plan = json.loads(plan.read_text())
    # The rehearsal's filtered library addresses: the library's own filter links.
    from run import Rehearsal

    Rehearsal.add_library_filters(SimpleNamespace(stack=stack, plan=plan))
    pages = plan["pages"]["fr"]
    # The session page the rehearsal's throughput scenario measures: the example one.
    pages["session"] = [plan["example"]["urls"]["fr"]["page"]]
    # The library with a filter that the rehearsal's throughput scenario measures.
    filtered = pages.get("library-filtered") or []
    pages["library-filtered"] = filtered[min(3, len(filtered) - 1) :]
    return {kind: pages[kind][0] for kind in KINDS + LIBRARY_KINDS if pages.get(kind)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--profile", help="a kind of page to profile in-process too")
    parser.add_argument("--renders", type=int, default=20)
    parser.add_argument("--profile-worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.profile_worker:
        return profile_worker(args.profile_worker, args.renders)

    from stack import WEB_WORKERS, Stack

    stack = Stack()
    try:
        urls = set_up(stack)
        kinds = [kind for kind in args.kinds.split(",") if kind in urls]
        rows = {kind: [] for kind in kinds}
        for _ in range(args.rounds):
            for kind in kinds:
                rows[kind].append(measure(stack, urls[kind], args.seconds, WEB_WORKERS))
        if args.profile:
            subprocess.run(  # noqa: S603
                [sys.executable, __file__, "--profile-worker", urls[args.profile],
                 "--renders", str(args.renders)],
                cwd=ROOT, env={**stack.env, **UNCACHED}, check=True,
            )  # fmt: skip
    finally:
        stack.stop()

    parts = ("gunicorn", "postgres", "redis", "nginx", "wrk", "task worker", "postgres, other")
    print(f"page cache off; wrk {args.seconds} s x {args.rounds} rounds, "
          f"{WEB_WORKERS} connections, {WEB_WORKERS} gunicorn workers; medians")  # fmt: skip
    print(f"{'page':<17} {'req/s':>6} " + " ".join(f"{p:>11}" for p in parts)
          + f" {'stack':>7} {'all':>7}   (CPU ms per request)")  # fmt: skip
    for kind, runs in rows.items():
        rps = statistics.median(figures for figures, _ in runs)
        cpu = {p: statistics.median(c.get(p, 0) for _, c in runs) for p in parts}
        stack_ms = sum(cpu[p] for p in ("gunicorn", "postgres", "redis", "nginx"))
        print(f"{kind:<17} {rps:>6.0f} " + " ".join(f"{cpu[p]:>11.2f}" for p in parts)
              + f" {stack_ms:>7.2f} {stack_ms + cpu['wrk']:>7.2f}")  # fmt: skip
        print(f"{'':<17} {urls[kind]}")


if __name__ == "__main__":
    main()
