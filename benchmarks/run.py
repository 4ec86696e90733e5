"""Time mentorlog's main commands as whole processes on a large and a 1-year journal.

Usage: python benchmarks/run.py [--rounds N] [--large DIR] [--small DIR]

Runs are interleaved (each round runs every command once) and medians are reported as ratios
against baselines measured in the same run, since shared machines are noisy. Journals are
generated with make_journal.py when the folders do not exist."""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import interleaved, table  # noqa: E402

HERE = Path(__file__).parent
AS_OF = "2026-11-26"


def ensure_journal(folder: Path, relationships: int, years: int) -> None:
    if not (folder / "journal.toml").exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "make_journal.py"),
                str(folder),
                "--relationships",
                str(relationships),
                "--years",
                str(years),
            ],
            check=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--large", type=Path, default=Path("/tmp/mentorlog-bench-large"))
    parser.add_argument("--small", type=Path, default=Path("/tmp/mentorlog-bench-small"))
    args = parser.parse_args()
    ensure_journal(args.large, 50, 10)
    ensure_journal(args.small, 50, 1)
    ml = shutil.which("mentorlog") or "mentorlog"
    large = [ml, "--journal", str(args.large), "--as-of", AS_OF]
    small = [ml, "--journal", str(args.small), "--as-of", AS_OF]
    cold = [
        sys.executable,
        "-c",
        (
            "import shutil, subprocess, sys; shutil.rmtree(sys.argv[1] + '/.cache', ignore_errors=True);"
            "subprocess.run(sys.argv[2:], check=True, stdout=subprocess.DEVNULL)"
        ),
        str(args.large),
        *large,
        "summary",
        "--period",
        "week",
        "--format",
        "json",
    ]
    cold_base = [
        sys.executable,
        "-c",
        "import shutil, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)",
        ml,
        "--version",
    ]
    version = [ml, "--version"]
    reads = {
        "minimal typer --version": [sys.executable, str(HERE / "minimal_typer.py"), "--version"],
        "mentorlog --version": version,
        "summary week (large, warm)": [*large, "summary", "--period", "week", "--format", "json"],
        "summary week (1 year, warm)": [*small, "summary", "--period", "week", "--format", "json"],
        "status (large, warm)": [*large, "status"],
        "search (large)": [*large, "search", "design doc", "--limit", "20"],
    }
    writes = {
        "mentorlog --version": version,
        "checkin log (large)": [
            *large,
            *("checkin", "log", "ada-lovelace-000", "--date", "2016-01-01", "--notes", "benchmark"),
        ],
    }
    colds = {"wrapper + --version": cold_base, "summary week (large, cold)": cold}
    # On a terminal `status` goes through Rich (colours); `script` gives it one, where it exists.
    script = shutil.which("script")
    terminals = (
        {
            name: [script, "-qec", shlex.join(argv), "/dev/null"]
            for name, argv in (
                ("--version in a pty", version),
                ("status in a pty", [*large, "status"]),
            )
        }
        if script
        else {}
    )
    env = {"NO_COLOR": "1"}
    # Three phases, each with its own baseline: warm reads; a write, whose fsyncs wait for any
    # other dirty data on the disk; and the cold run, which writes the whole cache.
    read = interleaved(reads, rounds=args.rounds, env=env)
    write = interleaved(writes, rounds=args.rounds, env=env)
    cold_run = interleaved(colds, rounds=max(3, args.rounds // 3), env=env)
    terminal = (
        interleaved(terminals, rounds=args.rounds, env={"MENTORLOG_PAGER": "0", "COLUMNS": "120"})
        if terminals
        else {}
    )
    print(
        f"mentorlog benchmarks, {date.today()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {args.rounds} interleaved rounds"
    )
    print("reads (warm cache):")
    print(table(read, "mentorlog --version"))
    print("a write:")
    print(table(write, "mentorlog --version"))
    print("the cold cache (fewer rounds):")
    print(table(cold_run, "wrapper + --version"))
    if terminal:
        print("on a terminal (a pty made by script(1), colours on):")
        print(table(terminal, "--version in a pty"))
    print()
    print("targets:")
    ratios = {
        "--version / minimal typer (≤ 1.3)": read["mentorlog --version"]
        / read["minimal typer --version"],
        "checkin log / --version (≤ 1.5)": write["checkin log (large)"]
        / write["mentorlog --version"],
        "summary week, large, warm / --version (≤ 2)": read["summary week (large, warm)"]
        / read["mentorlog --version"],
        "status, large, warm / --version (≤ 2)": read["status (large, warm)"]
        / read["mentorlog --version"],
        "summary week large / 1 year (≤ 1.3)": read["summary week (large, warm)"]
        / read["summary week (1 year, warm)"],
        "search large, seconds (well under 1)": read["search (large)"],
        "summary week, large, cold / wrapper (reported)": cold_run["summary week (large, cold)"]
        / cold_run["wrapper + --version"],
    }
    if terminal:
        ratios["status, large, on a terminal / --version (reported)"] = (
            terminal["status in a pty"] / terminal["--version in a pty"]
        )
    for name, value in ratios.items():
        print(f"  {name:<50} {value:6.2f}")


if __name__ == "__main__":
    main()
