"""Timing whole processes: interleaved runs, medians, ratios against a baseline of the same run."""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import time
from collections.abc import Sequence


def time_once(argv: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Seconds for one run, its output read from a pipe as a script or a pager would: writes
    to /dev/null cost nothing and would flatter commands that print a lot."""
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode:
        said = (done.stderr or done.stdout).decode(errors="replace")  # JSON errors go to stdout
        raise SystemExit(f"{shlex.join(argv)} exited {done.returncode}:\n{said}")
    return elapsed


def interleaved(
    commands: dict[str, Sequence[str]],
    rounds: int,
    env: dict[str, str] | None = None,
    warmup: int = 2,
) -> dict[str, float]:
    """Median seconds per command, running the commands in turn each round so that machine noise
    falls on all of them alike."""
    merged = {**os.environ, **(env or {})}
    # Installed packages run from bytecode compiled at install time; an editable checkout with
    # bytecode writing turned off (as on these machines) would time the compiler on every run.
    merged.pop("PYTHONDONTWRITEBYTECODE", None)
    for _ in range(warmup):
        for argv in commands.values():
            time_once(argv, merged)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            samples[name].append(time_once(argv, merged))
    return {name: statistics.median(values) for name, values in samples.items()}


def table(medians: dict[str, float], baseline: str) -> str:
    base = medians[baseline]
    width = max(len(name) for name in medians)
    lines = [f"{'command':<{width}}  median ms  ratio to {baseline}"]
    for name, value in medians.items():
        lines.append(f"{name:<{width}}  {value * 1000:9.1f}  {value / base:5.2f}")
    return "\n".join(lines)
