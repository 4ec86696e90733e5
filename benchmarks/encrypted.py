"""Time an encrypted journal as whole processes: `checkin log` (which seals with the recipients
alone, never decrypting) against `--version`, and `search` with the index rebuilt, opening
every sealed value, as after a fresh clone.

Usage: python benchmarks/encrypted.py [--rounds N] [--relationships N] [--years N]"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import interleaved, table  # noqa: E402

HERE = Path(__file__).parent
AS_OF = "2026-11-26"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--relationships", type=int, default=5)
    parser.add_argument("--years", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mentorlog-encrypted-"))
    journal = work / "journal"
    make = [str(HERE / "make_journal.py"), str(journal)]
    sizes = ["--relationships", str(args.relationships), "--years", str(args.years)]
    subprocess.run([sys.executable, *make, *sizes], check=True)
    env = {"MENTORLOG_CONFIG": str(work / "config.toml"), "MENTORLOG_AS_OF": AS_OF}
    mentorlog = [sys.executable, "-m", "mentorlog", "--journal", str(journal)]
    subprocess.run([*mentorlog, "key", "init"], check=True, env={**os.environ, **env})
    slug = sorted(p.name for p in (journal / "relationships").iterdir())[0]
    log = [*mentorlog, "checkin", "log", slug, "--date", "2016-01-01", "--notes", "sealed"]
    writes = interleaved(
        {"mentorlog --version": [*mentorlog, "--version"], "checkin log (encrypted)": log},
        args.rounds,
        env,
    )
    print(table(writes, "mentorlog --version"))
    cold = f"rm -rf {journal}/.cache && exec {' '.join(mentorlog)} search plan"
    reads = interleaved(
        {
            "mentorlog --version": [*mentorlog, "--version"],
            "search, index rebuilt": ["sh", "-c", cold],
        },
        max(3, args.rounds // 3),
        env,
    )
    print(table(reads, "mentorlog --version"))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
