"""Time mentorlog's main commands as whole processes against this round's targets, on a large
journal (50 relationships, 10 years) and a realistic one (5 relationships, 3 years).

Usage: python benchmarks/run.py [--rounds N] [--large DIR] [--realistic DIR]

Runs are interleaved (each round runs every command once) and medians are reported as ratios
against baselines measured in the same run, since shared machines are noisy. Journals are
generated with make_journal.py when the folders do not exist; the check-ins the write phase
logs are removed afterwards, so that repeated runs time the same journals."""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_journal import slug  # noqa: E402
from timing import interleaved, table  # noqa: E402

HERE = Path(__file__).parent
AS_OF = "2026-11-26"
# Before either journal's first check-in; ids are random, so repeated runs never collide.
WRITE_DATE = "2016-01-01"
JOURNALS = {"large": (50, 10), "realistic": (5, 3)}  # relationships, years
# This round's targets, as ratios of medians: each command (on either journal, index warm) to
# `mentorlog --version`, and that to a minimal Typer app.
READ_LIMITS = {"search": 2.0, "summary json": 2.0, "summary text": 3.0, "status": 2.0}
WRITE_LIMIT = 1.5
VERSION_LIMIT = 1.3


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


@contextmanager
def removing_new_files(folder: Path) -> Iterator[None]:
    """Delete what appears in `folder` meanwhile: the write phase's check-ins would otherwise
    pile up in the journal run after run."""
    before = set(folder.iterdir())
    try:
        yield
    finally:
        for path in set(folder.iterdir()) - before:
            path.unlink()


def reads_on(label: str, base: list[str]) -> dict[str, list[str]]:
    return {
        f"search ({label})": [*base, "search", "design doc", "--limit", "20"],
        f"summary json ({label})": [*base, "summary", "--period", "week", "--format", "json"],
        f"summary text ({label})": [*base, "summary", "--period", "week"],
        f"status ({label})": [*base, "status"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--large", type=Path, default=Path("/tmp/mentorlog-bench-large"))
    parser.add_argument("--realistic", type=Path, default=Path("/tmp/mentorlog-bench-realistic"))
    args = parser.parse_args()
    folders = {"large": args.large, "realistic": args.realistic}
    for label, (relationships, years) in JOURNALS.items():
        ensure_journal(folders[label], relationships, years)
    rel = slug(0)
    checkin_dirs = {
        label: folder / "relationships" / rel / "checkins" for label, folder in folders.items()
    }
    for folder in checkin_dirs.values():
        if not folder.is_dir():
            parser.error(f"{folder} does not exist: was this journal made by make_journal.py?")
    ml = shutil.which("mentorlog") or "mentorlog"
    bases = {
        label: [ml, "--journal", str(folder), "--as-of", AS_OF] for label, folder in folders.items()
    }
    large = bases["large"]
    version = [ml, "--version"]
    reads = {
        "minimal typer --version": [sys.executable, str(HERE / "minimal_typer.py"), "--version"],
        "mentorlog --version": version,
    }
    writes = {"mentorlog --version": version}
    for label, base in bases.items():
        reads |= reads_on(label, base)
        writes[f"checkin log ({label})"] = [
            *base,
            *("checkin", "log", rel, "--date", WRITE_DATE, "--notes", "benchmark"),
        ]
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
    # Three phases, each with its own baseline: warm reads; writes, whose fsyncs wait for any
    # other dirty data on the disk; and the cold run, which rebuilds the whole index.
    read = interleaved(reads, rounds=args.rounds, env=env)
    with removing_new_files(checkin_dirs["large"]), removing_new_files(checkin_dirs["realistic"]):
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
    for label, (relationships, years) in JOURNALS.items():
        print(f"{label} journal: {folders[label]} ({relationships} relationships, {years} years)")
    print("reads (warm index):")
    print(table(read, "mentorlog --version"))
    print("writes:")
    print(table(write, "mentorlog --version"))
    print("the cold index (fewer rounds):")
    print(table(cold_run, "wrapper + --version"))
    if terminal:
        print("on a terminal (a pty made by script(1), colours on):")
        print(table(terminal, "--version in a pty"))

    rows: list[tuple[str, float | None, float]] = [
        (
            "--version / minimal typer",
            VERSION_LIMIT,
            read["mentorlog --version"] / read["minimal typer --version"],
        )
    ]
    for label in JOURNALS:
        for command, limit in READ_LIMITS.items():
            ratio = read[f"{command} ({label})"] / read["mentorlog --version"]
            rows.append((f"{command}, {label} / --version", limit, ratio))
        ratio = write[f"checkin log ({label})"] / write["mentorlog --version"]
        rows.append((f"checkin log, {label} / --version", WRITE_LIMIT, ratio))
    cold_ratio = cold_run["summary week (large, cold)"] / cold_run["wrapper + --version"]
    rows.append(("summary week, large, cold / wrapper", None, cold_ratio))
    if terminal:
        pty_ratio = terminal["status in a pty"] / terminal["--version in a pty"]
        rows.append(("status, large, on a terminal / --version", None, pty_ratio))
    width = max(len(name) for name, _, _ in rows)
    print()
    print("targets:")
    print(f"  {'target':<{width}}  limit  ratio")
    for name, limit, ratio in rows:
        if limit is None:
            print(f"  {name:<{width}}      -  {ratio:5.2f}  (reported)")
        else:
            verdict = "met" if ratio <= limit else "NOT met"
            print(f"  {name:<{width}}  {f'≤ {limit:g}':>5}  {ratio:5.2f}  {verdict}")
    met = [ratio <= limit for _, limit, ratio in rows if limit is not None]
    print(f"  {sum(met)} of {len(met)} met")


if __name__ == "__main__":
    main()
