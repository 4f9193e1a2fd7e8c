"""CPU time spent by the stack's processes, read from /proc, per request of a load run.

Throughput on a shared machine says more about the neighbours than about the site; the
CPU-seconds each part of the stack spends per request do not. ``CpuMeter`` reads user
and system time of every process under each service (gunicorn's master and workers,
nginx's workers, Redis, the PostgreSQL postmaster and its backends), children already
ended included (their time is in their parent's cutime/cstime), before and after a run.
"""

import os
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


class CpuMeter:
    """``with CpuMeter(parts) as meter: ...`` then ``meter.ms_per(requests)``.

    ``parts`` maps a name to a function returning the root pids of that part now (a
    restarted service has a new pid: it is looked up at both ends).
    """

    def __init__(self, parts):
        self.parts = parts

    def _read(self):
        return {name: _tree_ticks(roots()) for name, roots in self.parts.items()}

    def __enter__(self):
        self.before = self._read()
        return self

    def __exit__(self, *exc):
        self.after = self._read()

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
