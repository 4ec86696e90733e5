"""Time a shared relationship's sync as whole processes: a generated journal shares its first
relationship (years of weekly check-ins, pulses of both parties, actions) through a bare
repository that a second journal joins. Timed against `mentorlog --version` and a plain
`git fetch` of the clone (what any sync costs at least): `sync` with nothing new, and
`checkin log` + `sync` on one side against `checkin log` alone.

Usage: python benchmarks/sharing.py [--rounds N] [--years N]"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import interleaved, table  # noqa: E402

HERE = Path(__file__).parent
AS_OF = "2026-11-26"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--years", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mentorlog-sharing-"))
    grace, ada, repo = work / "grace", work / "ada", work / "shared.git"
    make = [sys.executable, str(HERE / "make_journal.py"), str(grace)]
    subprocess.run([*make, "--relationships", "1", "--years", str(args.years)], check=True)
    env = {**os.environ, "MENTORLOG_CONFIG": str(work / "config.toml"), "MENTORLOG_AS_OF": AS_OF}

    def mentorlog(journal: Path) -> list[str]:
        return [sys.executable, "-m", "mentorlog", "--journal", str(journal)]

    slug = next((grace / "relationships").iterdir()).name
    records = sum(1 for _ in (grace / "relationships" / slug).rglob("*.toml"))
    subprocess.run([*mentorlog(ada), "init", "--owner", "Ada"], check=True, env=env)
    started = time.perf_counter()
    subprocess.run([*mentorlog(grace), "rel", "share", slug, "--remote", str(repo)], env=env)
    shared = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run([*mentorlog(ada), "rel", "join", str(repo)], check=True, env=env)
    joined = time.perf_counter() - started
    print(f"{records} files in the relationship; rel share {shared:.2f} s, rel join {joined:.2f} s")
    other = next((ada / "relationships").iterdir()).name
    fetch = ["git", "-C", str(grace / ".shared" / slug), "fetch", "--quiet", "origin"]
    log = [*mentorlog(ada), "checkin", "log", other, "--summary", "Talk"]
    log_and_sync = ["sh", "-c", f"{' '.join(log)} && exec {' '.join(mentorlog(ada))} sync"]
    medians = interleaved(
        {
            "mentorlog --version": [*mentorlog(grace), "--version"],
            "git fetch (the clone)": fetch,
            "sync, nothing new": [*mentorlog(grace), "sync"],
            "checkin log": log,
            "checkin log + sync": log_and_sync,
        },
        args.rounds,
        env,
    )
    print(table(medians, "mentorlog --version"))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
