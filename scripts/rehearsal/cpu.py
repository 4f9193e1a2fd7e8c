"""CPU time spent by the stack's processes, read from /proc, per request of a load run.

Throughput on a shared machine says more about the neighbours than about the site; the
CPU-seconds each part of the stack spends per request do not. ``CpuMeter`` reads user
and system time of every process under each service (gunicorn's master and workers,
nginx's workers, Redis, the PostgreSQL postmaster and its backends), children already
ended included (their time is in their parent's cutime/cstime), before and after a run.
"""

import os
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid):
    """(parent pid, user+system+children's user+system in ticks), or None if gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # after "pid (name) "
    return int(fields[1]), sum(int(value) for value in fields[11:15])


def _tree_ticks(roots):
    """Ticks spent by ``roots`` and every live process under them."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (found := _stat(int(entry.name))):
            table[int(entry.name)] = found
    children = {}
    for pid, (parent, _) in table.items():
        children.setdefault(parent, []).append(pid)
    total, seen, todo = 0, set(), [pid for pid in roots if pid in table]
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += table[pid][1]
        todo += children.get(pid, [])
    return total


def ended_children_ticks():
    """Ticks spent by this process's children that ended and were waited for: the
    periodic commands' runs, each a process of its own."""
    fields = Path("/proc/self/stat").read_text()
    fields = fields[fields.rindex(")") + 2 :].split()
    return int(fields[13]) + int(fields[14])  # cutime + cstime


class CpuMeter:
    """``with CpuMeter(parts) as meter: ...`` then ``meter.ms_per(requests)``.

    ``parts`` maps a name to a function returning the root pids of that part now (a
    restarted service has a new pid: it is looked up at both ends); ``counters`` maps
    a name to a function returning ticks directly.
    """

    def __init__(self, parts, counters=None):
        self.parts = {**parts, **(counters or {})}
        self.counters = set(counters or ())

    def _read(self):
        return {
            name: read() if name in self.counters else _tree_ticks(read())
            for name, read in self.parts.items()
        }

    def __enter__(self):
        self.before = self._read()
        self.started = time.monotonic()
        return self

    def __exit__(self, *exc):
        self.after = self._read()
        self.elapsed = time.monotonic() - self.started

    def seconds(self):
        return {name: max(0, self.after[name] - self.before[name]) / TICK for name in self.parts}

    def ms_per(self, requests):
        """{part: CPU ms per request}, with "total"."""
        spent = self.seconds()
        per = {name: 1000 * value / max(requests, 1) for name, value in spent.items()}
        per["total"] = sum(per.values())
        return per


def postmaster_pid(data_dir):
    try:
        return [int(Path(data_dir, "postmaster.pid").read_text().split()[0])]
    except (OSError, ValueError, IndexError):
        return []


def stack_parts(stack):
    """The parts of a running ``stack.Stack`` that serve a page, by name."""

    def service(name):
        return lambda: [stack.services[name].pid] if name in stack.services else []

    return {
        "nginx": service("nginx"),
        "gunicorn": service("gunicorn"),
        "redis": lambda: [service("redis")()[0], service("redis-limits")()[0]],
        "postgres": lambda: postmaster_pid(stack.postgres.data),
    }


def everything(stack, generator):
    """Every process that shares the machine's cores during a load run, by name: the
    parts that serve a page, the task worker, the SMTP server, the load generator
    (``generator``: its Popen) and the periodic commands (``counters``)."""
    parts = stack_parts(stack)
    parts.update(
        {
            "task worker": lambda: [stack.services["worker"].pid],
            "smtp": lambda: [stack.services["smtp"].pid],
            "load generator": lambda: [generator.pid],
        }
    )
    return parts, {"periodic commands": ended_children_ticks}
