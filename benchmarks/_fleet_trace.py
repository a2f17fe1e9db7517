"""Where a fleet benchmark's time goes: the CPU of each part (the Prefect server, the
workers, their runs' processes, the PostgreSQL backends of the benchmark's databases) and
the timeline of each flow run (waiting for a worker, its process starting, its work).

The CPU is sampled from /proc every half second, by process: a process that ends between
two samples loses at most its last half second (a run's process is counted whole, from its
worker's children time). On a shared machine the load does not change these CPU seconds
much, only the wall time.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from statistics import mean
from typing import Any

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, float, float] | None:
    """(parent, own CPU seconds, waited-for children's CPU seconds) of ``pid``."""
    try:
        fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(") ", 1)[-1].split()
    except OSError:
        return None
    own = (int(fields[11]) + int(fields[12])) / TICK
    children = (int(fields[13]) + int(fields[14])) / TICK
    return int(fields[1]), own, children


def _cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


class Sampler(threading.Thread):
    """Peak memory (VmHWM) and CPU seconds by role: ``worker``, ``run`` (a worker's
    descendants), ``server`` (the Prefect server and its descendants), ``pg`` (PostgreSQL
    backends whose title names one of ``databases``)."""

    def __init__(self, workers: list[int], server: int, databases: list[str]) -> None:
        super().__init__(daemon=True)
        self.workers, self.server, self.databases = set(workers), server, databases
        self.peaks: dict[tuple[str, int], float] = {}
        self.first: dict[int, float] = {}  # a process's CPU when first seen (before start)
        self.cpu: dict[tuple[str, int], float] = {}
        self.backends: dict[int, bool] = {}
        self.stop = threading.Event()
        self._sample(baseline=True)
        self.start()

    def _role(self, pid: int, parents: dict[int, int]) -> str | None:
        if pid in self.workers:
            return "worker"
        if pid == self.server:
            return "server"
        parent = parents.get(pid, 0)
        while parent in parents:
            if parent in self.workers:
                return "run"
            if parent == self.server:
                return "server"
            parent = parents.get(parent, 0)
        if pid not in self.backends:  # a process's title is read once
            title = _cmdline(pid)
            self.backends[pid] = title.startswith("postgres: ") and any(
                f" {d} " in title for d in self.databases
            )
        return "pg" if self.backends[pid] else None

    def _sample(self, baseline: bool = False) -> None:
        stats = {}
        for proc in Path("/proc").iterdir():
            if proc.name.isdigit() and (found := _stat(int(proc.name))) is not None:
                stats[int(proc.name)] = found
        parents = {pid: s[0] for pid, s in stats.items()}
        for pid, (_, own, children) in stats.items():
            role = self._role(pid, parents)
            if role is None:
                continue
            if baseline:
                self.first[pid], self.first[-pid] = own, children
            self.cpu[(role, pid)] = own - self.first.get(pid, 0.0)
            if role == "worker":  # its runs' processes, once ended (waited for)
                self.cpu[("run", -pid)] = children - self.first.get(-pid, 0.0)
            try:
                status = (Path("/proc") / str(pid) / "status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    mb = int(line.split()[1]) / 1024
                    self.peaks[(role, pid)] = max(self.peaks.get((role, pid), 0.0), mb)

    def run(self) -> None:
        while not self.stop.wait(0.5):
            self._sample()

    def finish(self) -> None:
        """The last sample (the workers still up: their children's time is in), then stop."""
        self.stop.set()
        self.join()
        self._sample()

    def peak(self, role: str) -> float:
        return max((mb for (r, _), mb in self.peaks.items() if r == role), default=0.0)

    def cpu_of(self, role: str) -> float:
        """CPU seconds of ``role`` since the sampler started (a run's: once it ended)."""
        return sum(s for (r, pid), s in self.cpu.items() if r == role and (r != "run" or pid < 0))

    def describe(self) -> str:
        return ", ".join(f"{r} {self.cpu_of(r):.1f}" for r in ("run", "worker", "server", "pg"))


def timeline(client: Any, ids: list[Any], start: float) -> str:
    """Mean seconds of each run waiting for a worker (Scheduled to Pending), its process
    starting (Pending to Running: the engine, the pull step, the flow's imports) and
    running (Running to its end); the first claim and last end after ``start`` (epoch s)."""
    waits, starts, works, claims, ends = [], [], [], [], []
    for run_id in ids:
        states = sorted(client.read_flow_run_states(run_id), key=lambda s: s.timestamp)
        at = {s.type.value: s.timestamp.timestamp() for s in states}
        created = states[0].timestamp.timestamp()
        pending, running = at.get("PENDING", created), at.get("RUNNING", created)
        end = states[-1].timestamp.timestamp()
        waits.append(pending - created)
        starts.append(running - pending)
        works.append(end - running)
        claims.append(pending - start)
        ends.append(end - start)
    return (
        f"a run: {mean(waits):.1f} s waiting for a worker, {mean(starts):.1f} s starting, "
        f"{mean(works):.1f} s running; first claimed at {min(claims):.1f} s, "
        f"last ended at {max(ends):.1f} s"
    )
