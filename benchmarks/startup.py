"""Startup: `mentorlog --version` against a minimal Typer app, as whole processes.

Usage: python benchmarks/startup.py [--rounds N]"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import interleaved, table  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    mentorlog = shutil.which("mentorlog") or "mentorlog"
    here = Path(__file__).parent
    medians = interleaved(
        {
            "minimal typer --version": [
                sys.executable,
                str(here / "minimal_typer.py"),
                "--version",
            ],
            "mentorlog --version": [mentorlog, "--version"],
            "python -c pass": [sys.executable, "-c", "pass"],
        },
        rounds=args.rounds,
    )
    print(table(medians, "minimal typer --version"))


if __name__ == "__main__":
    main()
