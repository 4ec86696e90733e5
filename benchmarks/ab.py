"""Two versions of mentorlog side by side: the same commands as whole processes, interleaved
round by round, on copies of the same journals (each version builds its own index).

Usage: python benchmarks/ab.py OLD_SRC NEW_SRC [--rounds N] [--large DIR] [--realistic DIR]

OLD_SRC and NEW_SRC are `src` folders (for instance of a `git worktree add /tmp/old COMMIT`);
the Python running this script must have the dependencies of both installed. Medians in ms,
NEW/OLD ratios and each version's ratio to its own `--version`: only ratios from one run mean
anything on a shared machine."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

AS_OF = "2026-11-26"


def timed(src: str, args: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": src, "MENTORLOG_AS_OF": AS_OF}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mentorlog", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--large", default="/tmp/mentorlog-bench-large")
    parser.add_argument("--realistic", default="/tmp/mentorlog-bench-realistic")
    options = parser.parse_args()
    versions = {"old": options.old, "new": options.new}
    work = Path(tempfile.mkdtemp())
    copies = {
        (version, size): work / f"{version}-{size}"
        for version in versions
        for size in ("large", "realistic")
    }
    for (_, size), copy in copies.items():
        source = options.large if size == "large" else options.realistic
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns(".cache", ".undo"))
    first = sorted(os.listdir(copies["old", "realistic"] / "relationships"))[0]

    def on(size: str, *args: str) -> Callable[[str], list[str]]:
        return lambda version: ["--journal", str(copies[version, size]), *args]

    cases: dict[str, Callable[[str], list[str]]] = {
        "--version": lambda version: ["--version"],
        "status (large)": on("large", "status"),
        "summary json (large)": on("large", "summary", "--format", "json"),
        "search (large)": on("large", "search", "parser"),
        "status (realistic)": on("realistic", "status"),
        "checkin log (realistic)": on("realistic", "checkin", "log", first, "--summary", "b"),
    }
    for version, src in versions.items():  # build each index once, outside the timings
        for size in ("large", "realistic"):
            timed(src, on(size, "status")(version))
    times: dict[tuple[str, str], list[float]] = {}
    for _ in range(options.rounds):
        for name, args in cases.items():
            for version, src in versions.items():
                times.setdefault((name, version), []).append(timed(src, args(version)))
    medians = {key: statistics.median(values) for key, values in times.items()}
    print(f"{'command':30} {'old ms':>8} {'new ms':>8} {'new/old':>8}  to --version: old, new")
    for name in cases:
        old, new = medians[name, "old"], medians[name, "new"]
        to_version = (old / medians["--version", "old"], new / medians["--version", "new"])
        print(
            f"{name:30} {old:8.1f} {new:8.1f} {new / old:8.2f}  {to_version[0]:.2f}, {to_version[1]:.2f}"
        )
    cold: dict[str, list[float]] = {version: [] for version in versions}
    for _ in range(2):
        for version, src in versions.items():
            shutil.rmtree(copies[version, "large"] / ".cache", ignore_errors=True)
            cold[version].append(timed(src, on("large", "summary", "--format", "json")(version)))
    old, new = min(cold["old"]), min(cold["new"])
    print(f"{'cold index + summary (large)':30} {old:8.0f} {new:8.0f} {new / old:8.2f}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
