"""Check on a generated journal that the cache changes nothing shown: the weekly summary is the
same with a warm cache, with none, and after a hand edit of one record it shows the edit (and
is the same again once the edit is undone).

Usage: python benchmarks/same_summary.py [DIR]   (default /tmp/mentorlog-bench-large)"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

AS_OF = "2026-11-26"


def summary(journal: Path) -> str:
    argv = ["mentorlog", "--journal", str(journal), "--as-of", AS_OF, "summary", "--format", "json"]
    return subprocess.run(argv, check=True, capture_output=True, text=True).stdout


def open_action(journal: Path, shown: str) -> Path:
    """An action the summary `shown` lists as overdue, so that an edit of its text must show."""
    document = json.loads(shown)
    for rel in document["relationships"]:
        for action in rel["actions"]["overdue"]:
            return journal / "relationships" / rel["id"] / "actions" / f"{action['id']}.toml"
    raise SystemExit("no overdue action in this journal to edit")


def main() -> None:
    journal = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/mentorlog-bench-large")
    warm = summary(journal)
    shutil.rmtree(journal / ".cache", ignore_errors=True)
    cold = summary(journal)
    print(f"warm cache and no cache give the same summary: {warm == cold}")
    path = open_action(journal, warm)
    original = path.read_bytes()
    text = original.decode()
    start = text.index('text = "') + len('text = "')
    edited = text[:start] + "EDITED" + text[start + len("EDITED") :]
    try:
        path.write_text(edited)  # in place: same file, same size, same folder time
        after = summary(journal)
        print(f"a hand edit in place is seen on the next run: {'EDITED' in after}")
    finally:
        path.write_bytes(original)
    print(f"and undone, the summary is as before: {summary(journal) == warm}")


if __name__ == "__main__":
    main()
